// Where a pasted, dropped or extracted text's header block starts and how its lines are prefixed (DESIGN.md §4):
// a byte-order mark, leading blank lines, a leading mbox "From " line, text indented or quoted with "> ",
// Gmail's "Show original" page and Outlook's "Internet headers" box as copied. Also the line scanner these looks
// walk with, and the looks readHeaderBlock takes at a block that a copy changed (goesOnDoubleSpaced,
// unindentedLines).
//
// Page furniture is looked for only when the first line is not plainly a header field, so an ordinary message
// costs nothing here; every look is bounded (GMAIL_SUMMARY_MAX_LINES lines, or one line), but unindentedLines,
// which reads the block once, and only for a block with a line that is no field before any folded one.

import { isWsp } from '../chars';
import type { Diagnostic } from '../types';

/** How far (lines) the Gmail page summary is looked for. */
const GMAIL_SUMMARY_MAX_LINES = 60;

/** Row labels of Gmail's "Show original" summary table; they look like header fields but are not. */
const GMAIL_SUMMARY_NAMES = new Set(['from', 'to', 'subject', 'spf', 'dkim', 'dmarc', 'created at', 'message id']);
const GMAIL_MARKERS = new Set(['original message', 'download original', 'copy to clipboard']);
/** The label above Outlook's "Internet headers" box, when the selection includes it. */
const OUTLOOK_LABELS = new Set(['internet headers', 'message headers']);

// A forward line scanner. A line ends at LF, with the CRs right before it taken as part of the break (CRLF,
// and CR CR LF: a CRLF file whose breaks were converted once more); a text without any LF is old Mac text and
// its lines end at CR. A bare CR elsewhere in LF text is content, as in mailparser and RFC 5322 (CR only ever
// belongs to CRLF). One indexOf per line, so a pass is linear however the lines are laid out.
// readHeaderBlock's line loop follows the same rules inline.
export class LineScanner {
  readonly text: string;
  /** The line break character searched for: LF, or CR in CR-only text. */
  private readonly breakChar: string;
  /** A text without any LF, whose lines end at CR (old Mac text). */
  readonly crOnly: boolean;
  start = 0;
  /** End of the current line's content, before its line break. */
  end = 0;
  next = 0;

  constructor(text: string) {
    this.text = text;
    this.crOnly = text.indexOf('\n') < 0 && text.indexOf('\r') >= 0;
    this.breakChar = this.crOnly ? '\r' : '\n';
  }

  seek(pos: number): void {
    this.next = pos;
  }

  advance(): boolean {
    const s = this.text;
    const pos = this.next;
    if (pos >= s.length) return false;
    this.start = pos;
    const brk = s.indexOf(this.breakChar, pos);
    if (brk < 0) {
      this.end = s.length;
      this.next = s.length;
    } else {
      let end = brk;
      if (!this.crOnly) while (end > pos && s.charCodeAt(end - 1) === 13) end--;
      this.end = end;
      this.next = brk + 1;
    }
    return true;
  }
}

export function isBlank(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWsp(s.charCodeAt(i))) return false;
  return true;
}

/** RFC 5322 §3.6.8 ftext: printable US-ASCII except ":". */
export function isFieldName(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 33 || c > 126 || c === 58) return false;
  }
  return true;
}

/** The trimmed, lower-cased text of a short line (used only on the few lines the clean-up inspects). */
function lineLabel(s: string, start: number, end: number): string {
  if (end - start > 40) return '';
  return s.slice(start, end).trim().toLowerCase();
}

/** The first four letters of each of GMAIL_MARKERS. */
const GMAIL_MARKER_STARTS = ['orig', 'down', 'copy'];

/**
 * False when the line cannot be one of GMAIL_MARKERS, told without building its label: every message of an
 * mbox file starts with a "From " line, which sends it through findAfterGmailSummary's 60 lines. A marker
 * is 16 or 17 characters once trimmed (lineLabel gives lines over 40 no label) and starts with one of
 * GMAIL_MARKER_STARTS in either case. No printable ASCII character is trimmed, and no character but those
 * ASCII letters lower-cases to them, so a line whose first non-blank character is printable ASCII is tested
 * by its first four characters.
 */
function mayBeGmailMarker(s: string, start: number, end: number): boolean {
  if (end - start < 16 || end - start > 40) return false;
  let i = start;
  while (i < end && isWsp(s.charCodeAt(i))) i++;
  const c = s.charCodeAt(i);
  if (c <= 32 || c >= 127) return true;
  for (const word of GMAIL_MARKER_STARTS) {
    let k = 0;
    while (k < 4 && (s.charCodeAt(i + k) | 0x20) === word.charCodeAt(k)) k++;
    if (k === 4) return true;
  }
  return false;
}

export type Prefix =
  | { kind: 'none' }
  | { kind: 'quote'; marker: string; bare: string }
  | { kind: 'indent'; width: number };

interface Start {
  pos: number;
  prefix: Prefix;
  /** Strip the leading white space of the first line only (a selection that began inside an indent). */
  trimFirst: boolean;
}

/** Skips lines of only white space from the scanner's next line; returns the first other line's start. */
function skipBlankLines(sc: LineScanner): number {
  while (sc.advance()) {
    if (!isBlank(sc.text, sc.start, sc.end)) {
      sc.seek(sc.start);
      return sc.start;
    }
  }
  return sc.text.length;
}

/**
 * Gmail's "Show original" page, copied: a summary table (Original message, Message ID, Created at:, From:,
 * To:, Subject:, SPF:, DKIM:, DMARC:), then "Download original" / "Copy to clipboard", then the message.
 * Returns where the message starts, or -1 when this is not that page.
 */
function findAfterGmailSummary(sc: LineScanner, from: number): number {
  const s = sc.text;
  sc.seek(from);
  let afterMarker = -1;
  let lastMarker = '';
  for (let n = 0; n < GMAIL_SUMMARY_MAX_LINES && sc.advance(); n++) {
    if (!mayBeGmailMarker(s, sc.start, sc.end)) continue;
    const label = lineLabel(s, sc.start, sc.end);
    if (GMAIL_MARKERS.has(label)) {
      afterMarker = sc.next;
      lastMarker = label;
    }
  }
  if (afterMarker < 0) return -1;
  // After "Copy to clipboard" / "Download original" the raw message follows; after the bare title the
  // summary rows (which look like fields) come first, so they are skipped by name.
  const summaryFollows = lastMarker === 'original message';
  sc.seek(afterMarker);
  for (let n = 0; n < GMAIL_SUMMARY_MAX_LINES && sc.advance(); n++) {
    const colon = colonIn(s, sc.start, sc.end);
    if (colon < 0) continue;
    let nameEnd = colon;
    while (nameEnd > sc.start && isWsp(s.charCodeAt(nameEnd - 1))) nameEnd--;
    if (!isFieldName(s, sc.start, nameEnd)) continue;
    if (summaryFollows && GMAIL_SUMMARY_NAMES.has(s.slice(sc.start, nameEnd).toLowerCase())) continue;
    return sc.start;
  }
  return -1;
}

/**
 * Whether the text from `pos`, the line after a blank line that came right after the header block's first
 * line, goes on as a double-spaced paste: two more lines that are header fields or continuation lines, each
 * followed by a blank line (or, the second, by the end). A page that sets every line apart, or a CR CR LF
 * file pasted into a text box, puts a blank line after every line of the block; a body does not read so.
 */
export function goesOnDoubleSpaced(sc: LineScanner, pos: number): boolean {
  const s = sc.text;
  sc.seek(pos);
  for (let k = 0; k < 2; k++) {
    if (!sc.advance() || isBlank(s, sc.start, sc.end)) return false;
    const colon = colonIn(s, sc.start, sc.end);
    if (!isWsp(s.charCodeAt(sc.start)) && !isFieldName(s, sc.start, colon)) return false;
    if (!blankLineAt(sc, sc.next)) return false;
  }
  return true;
}

/**
 * A field's name and colon as real ones are written: a letter, then letters, digits, `_`, `.`, `-`, and white
 * space or the line's end after the colon (Microsoft folds its `KEY:value;` lists before a key).
 */
const FIELD_START = /[A-Za-z][\w.-]*[ \t]*:(?=[ \t\r\n]|$)/y;

/**
 * A paste whose folded lines lost their leading white space (copied from a page that collapsed it): the first
 * line of the block is a field, no line starts with white space, and some line is no field (FIELD_START).
 * Returns where those lines start (read as continuations, a space put back before each), or undefined for any
 * other block, most often told at its first folded line.
 */
export function unindentedLines(sc: LineScanner, pos: number): number[] | undefined {
  const s = sc.text;
  const lines: number[] = [];
  sc.seek(pos);
  while (sc.advance() && !isBlank(s, sc.start, sc.end)) {
    if (isWsp(s.charCodeAt(sc.start))) return undefined;
    FIELD_START.lastIndex = sc.start;
    if (!FIELD_START.test(s) || FIELD_START.lastIndex > sc.end) {
      if (sc.start === pos) return undefined;
      lines.push(sc.start);
    }
  }
  return lines.length > 0 ? lines : undefined;
}

/** Whether the line at `pos` is blank, or the text ends there. */
export function blankLineAt(sc: LineScanner, pos: number): boolean {
  sc.seek(pos);
  return !sc.advance() || isBlank(sc.text, sc.start, sc.end);
}

/** An mbox separator line (RFC 4155) "From sender date" at `pos`, not the obsolete field syntax "From : x". */
export function isMboxFrom(s: string, pos: number): boolean {
  return s.startsWith('From ', pos) && !isMisreadField(s, pos + 5);
}

/** Finds where the header block starts and how its lines are prefixed; adds clean-up diagnostics. */
export function locateStart(sc: LineScanner, diagnostics: Diagnostic[]): Start {
  const s = sc.text;
  // A byte-order mark or a zero-width space before the text (a file saved by Notepad, a copy from a page).
  let at = 0;
  while (s.charCodeAt(at) === 0xfeff || s.charCodeAt(at) === 0x200b) at++;
  sc.seek(at);
  let pos = skipBlankLines(sc);
  if (pos >= s.length) return { pos, prefix: { kind: 'none' }, trimFirst: false };

  // Page furniture: inspected only when the first line is neither plainly a header field (one whose name is
  // not a Gmail summary label) nor an mbox separator, so an ordinary message or mbox file costs nothing here.
  sc.advance();
  const colon = colonIn(s, sc.start, sc.end);
  const plainStart =
    (colon >= 0 &&
      isFieldName(s, sc.start, colon) &&
      !GMAIL_SUMMARY_NAMES.has(s.slice(sc.start, colon).toLowerCase())) ||
    isMboxFrom(s, sc.start);
  if (!plainStart) {
    const gmail = findAfterGmailSummary(sc, pos);
    if (gmail >= 0) {
      diagnostics.push({
        code: 'gmail-original-page',
        message: 'Read as Gmail\'s "Show original" page: the summary table above the message was skipped.',
        offset: gmail,
      });
      pos = gmail;
    } else {
      sc.seek(pos);
      sc.advance();
      if (OUTLOOK_LABELS.has(lineLabel(s, sc.start, sc.end))) {
        diagnostics.push({
          code: 'outlook-headers-label',
          message: `The label line "${s.slice(sc.start, sc.end).trim()}" above the header block was skipped.`,
          offset: sc.start,
        });
        pos = skipBlankLines(sc);
      }
    }
  }
  sc.seek(pos);

  // mbox separator (RFC 4155): "From sender date" (not the obsolete field syntax "From : x").
  if (isMboxFrom(s, pos)) {
    sc.advance();
    diagnostics.push({ code: 'mbox-from-line', message: 'A leading mbox "From " line was skipped.', offset: pos });
    pos = skipBlankLines(sc); // none in an mbox file; a double-spaced copy has one
  }
  sc.seek(pos);
  if (pos >= s.length) return { pos, prefix: { kind: 'none' }, trimFirst: false };

  const first = s.charCodeAt(pos);
  if (first === 62 /* > */) {
    let i = pos;
    while (i < s.length && (s.charCodeAt(i) === 62 || s.charCodeAt(i) === 32)) i++;
    const marker = s.slice(pos, i);
    diagnostics.push({
      code: 'quoted-input',
      message: `Every line starts with the quote marker "${marker}"; it was removed.`,
      offset: pos,
    });
    return { pos, prefix: { kind: 'quote', marker, bare: marker.trimEnd() }, trimFirst: false };
  }
  if (isWsp(first)) {
    // Indented paste: the common indentation of the block's lines is removed. When some line is not
    // indented at all, only the first one was (a selection that began inside Outlook's box).
    let width = Number.POSITIVE_INFINITY;
    while (sc.advance()) {
      let i = sc.start;
      while (i < sc.end && isWsp(s.charCodeAt(i))) i++;
      if (i === sc.end) break; // blank: end of the block
      if (i - sc.start < width) width = i - sc.start;
      if (width === 0) break;
    }
    sc.seek(pos);
    if (width === 0) return { pos, prefix: { kind: 'none' }, trimFirst: true };
    diagnostics.push({
      code: 'indented-input',
      message: `Every line is indented by ${width} white-space characters; the indentation was removed.`,
      offset: pos,
    });
    return { pos, prefix: { kind: 'indent', width }, trimFirst: false };
  }
  return { pos, prefix: { kind: 'none' }, trimFirst: false };
}

/** Where the current line's content starts once the paste prefix is removed. */
export function contentStart(s: string, start: number, end: number, prefix: Prefix): number {
  if (prefix.kind === 'quote') {
    if (s.startsWith(prefix.marker, start)) return Math.min(start + prefix.marker.length, end);
    if (s.startsWith(prefix.bare, start)) return Math.min(start + prefix.bare.length, end);
    return start;
  }
  if (prefix.kind === 'indent') {
    let i = start;
    const stop = Math.min(end, start + prefix.width);
    while (i < stop && isWsp(s.charCodeAt(i))) i++;
    return i;
  }
  return start;
}

/** The first colon in s[start, end), or -1 (searched within the line only, so that lookahead stays linear). */
function colonIn(s: string, start: number, end: number): number {
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === 58) return i;
  return -1;
}

/** True when only white space and then a colon follow `from`: "From : x" is a field, not an mbox line. */
function isMisreadField(s: string, from: number): boolean {
  let i = from;
  while (i < s.length && isWsp(s.charCodeAt(i))) i++;
  return s.charCodeAt(i) === 58;
}
