// Reads the header block of a message (RFC 5322 §2.2, §3.6) from whatever a user pastes, drops or extracts
// (DESIGN.md §4): a whole message or a header block, CRLF / LF / bare CR line breaks. Where the block starts
// in a paste (mbox "From " line, indentation, "> " quoting, Gmail's and Outlook's page furniture) is found
// by ./paste.ts.
//
// One forward pass over the header block with indexOf/charCodeAt; no regular expression and no copy of the
// input, for a block as MTAs write it. All offsets (diagnostics, bodyOffset) are into the text as given.
//
// Choices:
// - A line break is CRLF or LF (CR CR LF too: a CRLF file converted once more); in a text without any LF (old
//   Mac text) it is CR. A bare CR elsewhere in LF text is content, as in mailparser (RFC 5322 has CR only
//   inside CRLF). `input.eol` says which breaks the header block used ('mixed' for CRLF and LF together).
// - A line without a colon inside the header block becomes its own field with name '' (value = the line,
//   trimmed), with a diagnostic 'no-colon'. mailparser does the same (key ''). Appending it to the previous
//   field would silently change that field's value, e.g. a Received the hop parser reads. The exception is a
//   block in which no line is folded at all, as a page copies a block without the indentation of its folded
//   lines (unindentedLines): a mail server folds its own long Received, so no delivered message reads so.
// - What a copy from a page or text box did to a block is undone, each with a diagnostic that says so, and
//   offsets into the text as given: a blank line after every line ('double-spaced'), folded lines without
//   their indentation ('unindented-input') or indented with no-break spaces ('nbsp-input'), all on one line
//   ('one-line-input'). The last three are told where the first pass meets them and read the block again,
//   changed; the second read cannot meet the same form again, so it ends there.
// - A name with white space before the colon (`Subject : x`, RFC 5322 §4.5 obs-optional) is accepted and
//   trimmed. A name with characters outside ftext (RFC 5322 §3.6.8) is kept, with 'invalid-field-name'.
// - `value` is RFC 5322 §2.2.3 unfolding (CR and LF removed, the white space kept), then spaces and tabs
//   trimmed at both ends.
// - In plain text a line of only white space continues the field (obs-FWS); in indented or quoted text it is
//   the blank line that ends the block (the paste indented it).

import { isWsp } from '../chars';
import type { Diagnostic, HeaderField, InputInfo } from '../types';
import { nameStartsWith } from './fields';
import {
  blankLineAt,
  contentStart,
  goesOnDoubleSpaced,
  isBlank,
  isFieldName,
  LineScanner,
  locateStart,
  unindentedLines,
} from './paste';
import { decodeEncodedWords } from './rfc2047';

export interface HeaderBlock {
  input: InputInfo;
  headers: HeaderField[];
  diagnostics: Diagnostic[];
  /** Offset of the body in the text as given, or null when only headers were given. */
  bodyOffset: number | null;
}

/**
 * Fields whose value is an opaque blob that the writer splits into RFC 2047 words: Microsoft 365's
 * antispam data (base64 of binary, ~8 KB in most Outlook.com messages). A "decoded" copy would be binary
 * noise and cost more than the rest of the reader; their value and raw are kept as for any field.
 * No stage of the analysis reads these values, so the reader builds them as ropes (see appendPiece).
 */
const OPAQUE_FIELD_PREFIXES = [
  'x-microsoft-antispam-message-info',
  'x-microsoft-antispam-zap-message-info',
  'x-ms-exchange-antispam-messagedata',
];

/** The shortest of OPAQUE_FIELD_PREFIXES: a shorter name is not opaque, without lower-casing it. */
const OPAQUE_MIN_LENGTH = Math.min(...OPAQUE_FIELD_PREFIXES.map((p) => p.length));

/** `name` starts with one of OPAQUE_FIELD_PREFIXES in any case (nameStartsWith: no lower-cased copy). */
function isOpaqueField(name: string): boolean {
  if (name.length < OPAQUE_MIN_LENGTH) return false;
  for (const p of OPAQUE_FIELD_PREFIXES) if (nameStartsWith(name, p)) return true;
  return false;
}

/** A space before a field name and ": " in a header block whose line breaks were lost (see readHeaderBlock). */
const ONE_LINE_FIELD =
  / (?=(?:Received|From|To|Cc|Date|Subject|Sender|References|[A-Z][\dA-Za-z]*(?:-[\dA-Za-z]+)+): )/g;

/** At most this many 'no-colon' / 'invalid-field-name' diagnostics each; then one saying how many more. */
const MAX_REPEATED_DIAGNOSTICS = 20;

/**
 * A folded field's value: its `count` pieces, whose bounds (start, end) are in `bounds`, joined without
 * spaces and tabs at either end. The ends are trimmed on the bounds (in place), before any piece is sliced:
 * the first piece starts with the white space after the colon or of its continuation line, so trimming the
 * sliced piece cost a second slice in nearly every folded field. The join's own flat string is the value,
 * not a slice of it: the scanners that read values character by character (the Received tokenizer above
 * all) run about a tenth faster on a flat string. One piece left (Microsoft 365 folds short fields after an
 * empty first line) is one slice, without an array or a join.
 */
function joinedValue(src: string, bounds: number[], count: number): string {
  let a = 0;
  let b = count;
  for (; a < b; a++) {
    let i = bounds[2 * a]!;
    while (i < bounds[2 * a + 1]! && isWsp(src.charCodeAt(i))) i++;
    bounds[2 * a] = i;
    if (i < bounds[2 * a + 1]!) break;
  }
  for (; b > a; b--) {
    let j = bounds[2 * b - 1]!;
    while (j > bounds[2 * b - 2]! && isWsp(src.charCodeAt(j - 1))) j--;
    bounds[2 * b - 1] = j;
    if (j > bounds[2 * b - 2]!) break;
  }
  if (b - a < 2) return a < b ? src.slice(bounds[2 * a]!, bounds[2 * a + 1]!) : '';
  const pieces: string[] = new Array(b - a);
  for (let k = a; k < b; k++) pieces[k - a] = src.slice(bounds[2 * k]!, bounds[2 * k + 1]!);
  return pieces.join('');
}

/** s.slice(start, end) without spaces and tabs at either end, in one slice. */
function trimmedSlice(s: string, start: number, end: number): string {
  while (start < end && isWsp(s.charCodeAt(start))) start++;
  while (end > start && isWsp(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/**
 * `rope` with the piece src[from, end) appended, by concatenation: the opaque fields' values are built as
 * ropes of their lines rather than joined into a flat copy, as no stage reads them (a reader's first
 * character read would flatten the rope, at the cost the join saves). A Microsoft antispam blob is ~70
 * lines of ~75 characters: its pieces array and joined copy were a sixth of what an analysis allocated.
 * Spaces and tabs at the start of the value are left out as joinedValue leaves them out; those at its end
 * are trimmed where the field closes (see trimRopeEnd).
 */
function appendPiece(rope: string, src: string, from: number, end: number): string {
  if (rope !== '') return rope + src.slice(from, end);
  while (from < end && isWsp(src.charCodeAt(from))) from++;
  return from < end ? src.slice(from, end) : '';
}

/** `rope` without spaces and tabs at its end; `last` is its last character as written in the source. */
function trimRopeEnd(rope: string, last: number): string {
  if (!isWsp(last)) return rope; // the usual case: no character of the rope is read (that would flatten it)
  let j = rope.length;
  while (j > 0 && isWsp(rope.charCodeAt(j - 1))) j--;
  return rope.slice(0, j);
}

/**
 * Where the search for RFC 2047 encoded words stands: `q` is the index of a "?" that the search stopped at
 * (no "=?" lies between where it started and q), -1 when no "?" follows. Returns the new q; the field whose
 * value spans src[start, end) (line breaks included) holds a "=?" exactly when q ends inside it
 * (start < q < end). A "=?" is in the unfolded value exactly when it is in that span: unfolding removes only
 * a line break before white space, trimming only white space. So one forward search of the text finds the
 * fields to decode, where a search of every value cost a native call per field and a pass over every "="
 * of the tag=value lists and base64 blobs. The "?" is searched for alone: headers hold far fewer "?" than
 * "=". After the last field the search stops at the first "?" of the body (or reads to the end of a body
 * without any, once).
 */
function searchEncoded(src: string, q: number, start: number, end: number): number {
  if (q >= 0 && q <= start) q = src.indexOf('?', start + 1);
  while (q > start && q < end && src.charCodeAt(q - 1) !== 61) q = src.indexOf('?', q + 1);
  return q;
}

/** A field, with the RFC 2047 decoded copy of its value when `encoded` (its span holds a "=?") and it differs. */
function newField(index: number, name: string, raw: string, value: string, encoded: boolean): HeaderField {
  if (encoded && !isOpaqueField(name)) {
    const decoded = decodeEncodedWords(value);
    if (decoded !== value) return { index, name, raw, value, decoded };
  }
  return { index, name, raw, value };
}

/**
 * Adds the field that ends at `fieldEnd` to `headers`, its value built from what the reader kept of it: a
 * rope (an opaque field), the bounds of its folded pieces, or its one line (valueStart, valueEnd). Returns
 * where the encoded-word search stands after it (searchEncoded). Plain parameters, not a closure over the
 * reader's loop variables (see the note at readHeaderBlock's `bounds`).
 */
function closeField(
  headers: HeaderField[],
  src: string,
  name: string,
  raw: string,
  valueStart: number,
  valueEnd: number,
  fieldEnd: number,
  rope: string | null,
  folded: boolean,
  bounds: number[],
  pieceCount: number,
  q: number,
): number {
  const value =
    rope !== null
      ? trimRopeEnd(rope, src.charCodeAt(fieldEnd - 1))
      : folded
        ? joinedValue(src, bounds, pieceCount)
        : trimmedSlice(src, valueStart, valueEnd);
  const next = searchEncoded(src, q, valueStart, fieldEnd);
  headers.push(newField(headers.length, name, raw, value, next > valueStart && next < fieldEnd));
  return next;
}

/**
 * readHeaderBlock of `changed`, the text as a copy left it made back into a header block, with `diagnostic`
 * (what was undone) after the diagnostics of that read.
 */
function readAgain(changed: string, maxBytes: number, diagnostic: Diagnostic): HeaderBlock {
  const block = readHeaderBlock(changed, maxBytes);
  block.diagnostics.push(diagnostic);
  return block;
}

/**
 * readHeaderBlock of `src` (the text as given, cut at the cap) with a space put back before each of `lines`
 * (unindentedLines), its offsets given back in the text as given (diagnostics' after the first such line are a
 * character per line later), its size that of the text and its truncation kept.
 */
function withIndentation(
  src: string,
  lines: number[],
  maxBytes: number,
  bytes: number,
  truncation: Diagnostic | undefined,
): HeaderBlock {
  let fixed = '';
  let at = 0;
  for (const line of lines) {
    fixed += `${src.slice(at, line)} `;
    at = line;
  }
  const block = readAgain(fixed + src.slice(at), maxBytes + lines.length, {
    code: 'unindented-input',
    message: 'Lines that were no fields were read as folded lines that lost their indentation.',
    offset: lines[0]!,
  });
  block.input.bytes = bytes;
  if (block.bodyOffset !== null) block.bodyOffset -= lines.length;
  if (truncation) {
    block.input.truncated = true;
    block.diagnostics.unshift(truncation);
  }
  return block;
}

/**
 * Reads the header block of `text`. Never throws; what it cannot read becomes a diagnostic and is kept.
 * `input.bytes` is `text.length`; beyond `maxBytes` the text is cut, with `input.truncated` and a
 * diagnostic 'input-truncated'.
 */
export function readHeaderBlock(text: string, maxBytes = 4 * 1024 * 1024): HeaderBlock {
  const diagnostics: Diagnostic[] = [];
  // Bytes are counted as UTF-16 code units: exact for text read as Latin-1 ("binary", how the CLI and
  // the extension read raw files), an undercount for decoded non-ASCII text. Counting UTF-8 exactly would
  // cost a scan of the whole input (~15 µs on 10 KB, a third of the reader's budget) for no decision.
  const bytes = text.length;
  let src = text;
  const truncated = bytes > maxBytes;
  if (truncated) {
    let cut = Math.max(0, maxBytes);
    const last = text.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair
    src = text.slice(0, cut);
    diagnostics.push({
      code: 'input-truncated',
      message: `The input (${bytes} characters) is larger than the ${maxBytes}-byte limit; only the first ${cut} were read.`,
      offset: cut,
    });
  }

  const sc = new LineScanner(src);
  const start = locateStart(sc, diagnostics);
  const prefix = start.prefix;
  const plain = prefix.kind === 'none';

  const headers: HeaderField[] = [];
  let q = 0; // where the search for encoded words stands (searchEncoded)
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  let noColon = 0;
  let badName = 0;
  let bodyStart = -1;

  // The field being read (open when name !== null).
  let name: string | null = null;
  let fieldStart = 0; // start of its first line's content
  let fieldEnd = 0; // end of its last line's content
  let valueStart = 0; // where its value starts on the first line
  let valueEnd = 0; // where it ends on the first line
  let raw = ''; // built only when a prefix is removed (otherwise raw is one slice)
  // A folded value's pieces (first line's value part, then each continuation line), joined once where the
  // field closes: += would build a rope. Their bounds go to one array for the whole block, and the pieces
  // to an array of their exact number at the close: pushed pieces grew an array per field (V8 grows a
  // two-element array to nineteen). pieceCount is 0 for a one-line field, whose value is one trimmed slice.
  // (The value is built where a field closes by closeField, a function of plain values, not by a closure:
  // variables a closure captures live in a heap context, and this loop reads and writes them on every line;
  // ~5% of the reader.)
  const bounds: number[] = [];
  let pieceCount = 0;
  let folded = false;
  let rope: string | null = null; // a folded opaque field's value so far (see appendPiece); else null

  // The line loop reads the text itself rather than through sc.advance() (which locateStart walks with): the
  // scanner object's fields, written and read back on every line, cost ~4% of the reader.
  const breakChar = sc.crOnly ? '\r' : '\n';
  const n = src.length;
  let pos = start.pos;
  let firstLine = true;
  let doubled = false;
  let mayBeUnindented = plain; // no folded line yet, and unindentedLines not yet asked (it is asked once)
  while (pos < n) {
    const lineStart = pos;
    let lineEnd = src.indexOf(breakChar, pos);
    if (lineEnd < 0) {
      lineEnd = n;
      pos = n;
    } else {
      pos = lineEnd + 1;
      if (breakChar === '\r') cr++;
      else if (lineEnd > lineStart && src.charCodeAt(lineEnd - 1) === 13) {
        // CR CR LF (a CRLF file converted once more) is one break too, as in LineScanner.
        do lineEnd--;
        while (lineEnd > lineStart && src.charCodeAt(lineEnd - 1) === 13);
        crlf++;
      } else lf++;
    }
    let from = plain ? lineStart : contentStart(src, lineStart, lineEnd, prefix);
    if (firstLine && start.trimFirst) while (from < lineEnd && isWsp(src.charCodeAt(from))) from++;
    firstLine = false;

    if (from === lineEnd || (!plain && isBlank(src, from, lineEnd))) {
      // A blank line ends the block, but in a double-spaced paste one blank line between two lines is skipped
      // and two in a row end it (goesOnDoubleSpaced: looked at once, at a blank line after the first line).
      if (!doubled && name !== null && headers.length === 0 && !folded && goesOnDoubleSpaced(sc, pos)) {
        doubled = true;
        diagnostics.push({
          code: 'double-spaced',
          message: 'Every line was followed by a blank line (line breaks doubled in a copy); those were skipped.',
          offset: lineStart,
        });
      }
      if (!doubled || blankLineAt(sc, pos)) {
        bodyStart = pos;
        break;
      }
      continue;
    }

    if (isWsp(src.charCodeAt(from)) && name !== null) {
      // Continuation line (RFC 5322 §2.2.3): unfolding removes only the line break.
      if (!plain) raw += src.slice(fieldEnd, lineStart) + src.slice(from, lineEnd); // previous break + line
      // A first line with no value text (`X-Microsoft-Antispam-Message-Info:` alone, as Microsoft 365 folds
      // its long fields) adds no piece: the join would trim it away, after copying the array without it.
      if (rope !== null) rope = appendPiece(rope, src, from, lineEnd);
      else if (!folded && isOpaqueField(name))
        rope = appendPiece(appendPiece('', src, valueStart, valueEnd), src, from, lineEnd);
      else {
        if (!folded) {
          folded = true;
          if (!isBlank(src, valueStart, valueEnd)) {
            bounds[0] = valueStart;
            bounds[1] = valueEnd;
            pieceCount = 1;
          }
        }
        bounds[2 * pieceCount] = from;
        bounds[2 * pieceCount + 1] = lineEnd;
        pieceCount++;
      }
      fieldEnd = lineEnd;
      mayBeUnindented = false;
      continue;
    }

    if (name !== null) {
      const fieldRaw = plain ? src.slice(fieldStart, fieldEnd) : raw;
      q = closeField(headers, src, name, fieldRaw, valueStart, valueEnd, fieldEnd, rope, folded, bounds, pieceCount, q);
    }

    // The name runs to the first colon. Scanning it also checks ftext; each line is scanned at most once.
    let colon = -1;
    let valid = true;
    for (let i = from; i < lineEnd; i++) {
      const c = src.charCodeAt(i);
      if (c === 58) {
        colon = i;
        break;
      }
      if (c < 33 || c > 126) valid = false;
    }
    // A line that is no field before any folded line: perhaps a paste whose folded lines lost their indentation.
    if (mayBeUnindented && (colon < 0 || !valid)) {
      mayBeUnindented = false;
      // Folded lines indented with no-break spaces (U+00A0), as a page copies the spaces it shows: all of them
      // are read as spaces (one for one, so every offset stands).
      if (src.charCodeAt(from) === 0xa0) {
        return readAgain(text.replace(/\u00a0/g, ' '), maxBytes, {
          code: 'nbsp-input',
          message: 'No-break spaces (U+00A0), as a page copies spaces, were read as spaces.',
          offset: from,
        });
      }
      const lines = unindentedLines(sc, start.pos);
      if (lines) return withIndentation(src, lines, maxBytes, bytes, truncated ? diagnostics[0] : undefined);
    }
    valueStart = from;
    name = '';
    if (colon >= 0) {
      let nameEnd = colon;
      while (nameEnd > from && isWsp(src.charCodeAt(nameEnd - 1))) nameEnd--;
      if (nameEnd > from) {
        name = src.slice(from, nameEnd);
        valueStart = colon + 1;
        // White space before the colon is obsolete syntax, not an invalid name.
        if (!valid && !isFieldName(src, from, nameEnd) && ++badName <= MAX_REPEATED_DIAGNOSTICS) {
          diagnostics.push({
            code: 'invalid-field-name',
            message: `The field name "${name}" has characters RFC 5322 does not allow in a name.`,
            header: headers.length,
            offset: from,
          });
        }
      }
    }
    if (name === '' && ++noColon <= MAX_REPEATED_DIAGNOSTICS) {
      diagnostics.push({
        code: 'no-colon',
        message:
          'A line in the header block is not a header field (no name and colon); it is kept as a field with an empty name.',
        header: headers.length,
        offset: from,
      });
    }
    fieldStart = from;
    fieldEnd = lineEnd;
    valueEnd = lineEnd;
    folded = false;
    pieceCount = 0;
    rope = null;
    if (!plain) raw = src.slice(from, lineEnd);
  }
  if (name !== null) {
    const fieldRaw = plain ? src.slice(fieldStart, fieldEnd) : raw;
    closeField(headers, src, name, fieldRaw, valueStart, valueEnd, fieldEnd, rope, folded, bounds, pieceCount, q);
  }

  // One line holding several fields: the line breaks were lost in a copy (a page that showed them as spaces).
  // A space before a field's name (one that headers carry, or a capitalized hyphenated one) and ": " becomes a
  // line break again (one for one: offsets stand), when that gives three lines at least.
  if (plain && headers.length === 1 && lf + crlf + cr === 0) {
    // The block is the rest of the text (no line break was read). Once replaced, no space is left where the
    // pattern matched, so the second read finds line breaks and never comes here again.
    const lines = src.slice(start.pos).replace(ONE_LINE_FIELD, '\n');
    if (lines.indexOf('\n', lines.indexOf('\n') + 1) > 0) {
      return readAgain(src.slice(0, start.pos) + lines + text.slice(src.length), maxBytes, {
        code: 'one-line-input',
        message: 'The line breaks were lost (one line): fields were told apart by their names.',
        offset: start.pos,
      });
    }
  }

  if (noColon > MAX_REPEATED_DIAGNOSTICS) {
    diagnostics.push({
      code: 'no-colon',
      message: `${noColon - MAX_REPEATED_DIAGNOSTICS} more lines without a colon were kept as fields with an empty name.`,
    });
  }
  if (badName > MAX_REPEATED_DIAGNOSTICS) {
    diagnostics.push({
      code: 'invalid-field-name',
      message: `${badName - MAX_REPEATED_DIAGNOSTICS} more field names have characters RFC 5322 does not allow.`,
    });
  }

  let bodyOffset: number | null = null;
  if (bodyStart >= 0 && !isBlankToEnd(src, bodyStart)) bodyOffset = bodyStart;
  const kinds = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  const eol: InputInfo['eol'] = kinds > 1 ? 'mixed' : crlf > 0 ? 'crlf' : cr > 0 ? 'cr' : 'lf';
  return {
    input: { bytes, kind: bodyOffset === null ? 'headers' : 'message', eol, truncated },
    headers,
    diagnostics,
    bodyOffset,
  };
}

/** True when only white space and line breaks follow `from`. */
function isBlankToEnd(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return false;
  }
  return true;
}
