// Authentication-Results (RFC 8601, and the RFC 7601 / RFC 7001 forms it keeps) and the
// ARC-Authentication-Results payload (RFC 8617 §4.1.1: `i=N;` followed by the same grammar).
//
//   authres-payload = [CFWS] authserv-id [ CFWS authres-version ] ( no-result / 1*resinfo ) [CFWS]
//   resinfo         = [CFWS] ";" methodspec [ CFWS reasonspec ] [ CFWS 1*propspec ]
//   methodspec      = [CFWS] method [ [CFWS] "/" [CFWS] version ] [CFWS] "=" [CFWS] result
//   propspec        = ptype [CFWS] "." [CFWS] property [CFWS] "=" pvalue
//
// One pass over the value with charCodeAt; CFWS (white space, line breaks, nested comments with
// quoted-pairs) may appear between any two tokens. Names (authserv-id, method, result, property
// keys) are case-insensitive and returned lower-cased; values and reasons are kept as written.
//
// Lenient readings of forms real receivers write, none of which is an error here:
// - Microsoft 365 writes no authserv-id (`spf=pass (sender IP is …) smtp.mailfrom=…; dkim=…`): when
//   the first token is followed by `=` or `/`, it is a method and authservId is null.
// - Outlook.com repeats the bare receiving domain between results (`…; outlook.com; dkim=…`): a bare
//   item containing a dot is dropped.
// - Properties without a ptype (`action=none`, `x-bits=1024`) are kept under the bare key.
// - A trailing `;`, empty values, and unquoted values holding tspecials (`/ : =`, IPv6) are accepted.
// Anything that loses information (skipped text, a method without a result, an unterminated quote
// or comment) becomes a Diagnostic whose offset points into `value`.

import type { AuthResult, Diagnostic } from '../types';

export interface ParsedAuthResults {
  authservId: string | null;
  version: number | null;
  results: AuthResult[];
  diagnostics: Diagnostic[];
}

export interface ParsedArcAuthResults extends ParsedAuthResults {
  /** The ARC instance from the leading `i=N;`, or null when it is missing or malformed. */
  instance: number | null;
}

/**
 * Receives the text of each comment (without its outer parentheses) and the lower-cased method of
 * the resinfo it appears in (null in the authserv-id part). Lets callers read the claims providers
 * put in comments (`sender IP is …`) without a second tokenizer.
 */
export type CommentSink = (text: string, method: string | null) => void;

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const OPEN = 40;
const CLOSE = 41;
const DOT = 46;
const SLASH = 47;
const SEMI = 59;
const EQUALS = 61;
const BACKSLASH = 92;

interface Scanner {
  s: string;
  i: number;
  diagnostics: Diagnostic[];
  sink: CommentSink | undefined;
  method: string | null;
  /** Whether the last unquoted name read had an upper-case ASCII letter (lower-case only then). */
  upper: boolean;
}

function diag(sc: Scanner, code: string, message: string, offset: number): void {
  sc.diagnostics.push({ code, message, offset });
}

/** Skips white space, line breaks and (nested) comments; hands comments to the sink. */
function skipCfws(sc: Scanner, emit = true): void {
  const s = sc.s;
  const n = s.length;
  let i = sc.i;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR || c === LF) {
      i++;
      continue;
    }
    if (c !== OPEN) break;
    const start = i;
    let depth = 1;
    i++;
    while (i < n && depth > 0) {
      const d = s.charCodeAt(i);
      if (d === BACKSLASH) i++;
      else if (d === OPEN) depth++;
      else if (d === CLOSE) depth--;
      i++;
    }
    if (depth > 0) {
      diag(sc, 'authres-unterminated-comment', 'A comment is not closed; the rest of the value was ignored.', start);
      i = n;
    } else if (emit && sc.sink !== undefined) {
      sc.sink(s.slice(start + 1, i - 1), sc.method);
    }
  }
  sc.i = i;
}

/** A quoted-string at sc.i (which holds `"`), unquoted; quoted-pairs resolved. */
function readQuoted(sc: Scanner): string {
  const s = sc.s;
  const n = s.length;
  const start = sc.i;
  let i = start + 1;
  let out = '';
  let from = i;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) {
      sc.i = i + 1;
      return out + s.slice(from, i);
    }
    if (c === BACKSLASH && i + 1 < n) {
      out += s.slice(from, i);
      from = i + 1;
      i += 2;
      continue;
    }
    i++;
  }
  diag(sc, 'authres-unterminated-quote', 'A quoted string is not closed; it was read to the end of the value.', start);
  sc.i = n;
  return out + s.slice(from, n);
}

function isNameStop(c: number, stopAtDot: boolean): boolean {
  return (
    c <= SPACE ||
    c === 127 ||
    c === OPEN ||
    c === CLOSE ||
    c === SEMI ||
    c === EQUALS ||
    c === SLASH ||
    c === QUOTE ||
    (stopAtDot && c === DOT)
  );
}

/** A name (authserv-id, method, ptype, property): quoted, or a run up to a delimiter. */
function readName(sc: Scanner, stopAtDot: boolean): string {
  const s = sc.s;
  if (s.charCodeAt(sc.i) === QUOTE) {
    sc.upper = true;
    return readQuoted(sc);
  }
  const n = s.length;
  const start = sc.i;
  let upper = false;
  let i = start;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isNameStop(c, stopAtDot)) break;
    if (c >= 65 && c <= 90) upper = true;
  }
  sc.i = i;
  sc.upper = upper;
  return s.slice(start, i);
}

/** readName, lower-cased. */
function readLowerName(sc: Scanner, stopAtDot: boolean): string {
  const name = readName(sc, stopAtDot);
  return sc.upper ? name.toLowerCase() : name;
}

/** A value: quoted, or (leniently) any run up to white space, `;` or a comment. */
function readValue(sc: Scanner): string {
  const s = sc.s;
  if (s.charCodeAt(sc.i) === QUOTE) return readQuoted(sc);
  const n = s.length;
  const start = sc.i;
  let i = start;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c <= SPACE || c === 127 || c === SEMI || c === OPEN) break;
    i++;
  }
  sc.i = i;
  return s.slice(start, i);
}

/** Moves to the next top-level `;` (or the end), stepping over quoted strings and comments. */
function skipToSemicolon(sc: Scanner): void {
  const s = sc.s;
  const n = s.length;
  while (sc.i < n) {
    const c = s.charCodeAt(sc.i);
    if (c === SEMI) return;
    if (c === QUOTE) readQuoted(sc);
    else if (c === OPEN) skipCfws(sc, false);
    else sc.i++;
  }
}

function isDigits(word: string): boolean {
  if (word.length === 0 || word.length > 9) return false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Lower-cases only when there is something to lower-case (most names already are). */
function lowerAscii(text: string): string {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 65 && c <= 90) || c > 127) return text.toLowerCase();
  }
  return text;
}

function peek(sc: Scanner): number {
  return sc.i < sc.s.length ? sc.s.charCodeAt(sc.i) : -1;
}

type Resinfo = 'parsed' | 'no-result' | 'skipped';

/** One resinfo, from its method to the next top-level `;` (exclusive). */
function parseResinfo(sc: Scanner, results: AuthResult[], first: boolean): Resinfo {
  const start = sc.i;
  const method = readLowerName(sc, false);
  if (method === '') {
    diag(sc, 'authres-unexpected', `Expected a method name; skipped to the next ';'.`, start);
    skipToSemicolon(sc);
    return 'skipped';
  }
  sc.method = method;
  skipCfws(sc);
  let version: number | undefined;
  if (peek(sc) === SLASH) {
    sc.i++;
    skipCfws(sc);
    const at = sc.i;
    const word = readName(sc, true);
    if (!isDigits(word)) {
      diag(sc, 'authres-bad-method-version', `The version of method '${method}' is not a number; skipped.`, at);
      skipToSemicolon(sc);
      return 'skipped';
    }
    version = Number(word);
    skipCfws(sc);
  }
  const c = peek(sc);
  if (c !== EQUALS) {
    if (c === -1 || c === SEMI) {
      if (first && version === undefined && method === 'none') return 'no-result';
      // Outlook.com's repeated receiving domain between results: not a result at all.
      if (version === undefined && method.includes('.')) return 'skipped';
      results.push({ method, result: '', props: {} });
      diag(sc, 'authres-missing-result', `Method '${method}' has no '=result'.`, start);
      return 'parsed';
    }
    diag(sc, 'authres-unexpected', `Unexpected text after '${method}'; skipped to the next ';'.`, sc.i);
    skipToSemicolon(sc);
    return 'skipped';
  }
  sc.i++;
  skipCfws(sc);
  if (peek(sc) === EQUALS) {
    diag(sc, 'authres-unexpected', `Method '${method}' is followed by '= ='; skipped to the next ';'.`, sc.i);
    skipToSemicolon(sc);
    return 'skipped';
  }
  const resultAt = sc.i;
  const result = lowerAscii(readValue(sc));
  if (result === '') diag(sc, 'authres-missing-result', `Method '${method}' has an empty result.`, resultAt);
  const entry: AuthResult = { method, result, props: {} };
  if (version !== undefined) entry.version = version;
  results.push(entry);
  parseProperties(sc, entry);
  return 'parsed';
}

/** reasonspec and propspecs up to the next top-level `;`. */
function parseProperties(sc: Scanner, entry: AuthResult): void {
  const s = sc.s;
  const n = s.length;
  for (;;) {
    skipCfws(sc);
    if (sc.i >= n || s.charCodeAt(sc.i) === SEMI) return;
    const keyAt = sc.i;
    // Usually written compactly (`header.from`): read it as one name, so that the key is a single
    // slice of the value. RFC 8601 also allows CFWS around the dot (Appendix B.7).
    let key = readLowerName(sc, false);
    if (key === '') {
      diag(sc, 'authres-unexpected', 'Expected a property name; skipped one word.', keyAt);
      sc.i++;
      readValue(sc);
      continue;
    }
    skipCfws(sc);
    if (peek(sc) === DOT) {
      sc.i++;
      skipCfws(sc);
      const property = readLowerName(sc, true);
      if (property === '') {
        diag(sc, 'authres-unexpected', `Property '${key}.' has no name; skipped.`, keyAt);
        readValue(sc);
        continue;
      }
      key = `${key}.${property}`;
      skipCfws(sc);
    }
    if (peek(sc) !== EQUALS) {
      diag(sc, 'authres-unexpected', `'${key}' is not followed by '=value'; ignored.`, keyAt);
      continue;
    }
    sc.i++;
    skipCfws(sc);
    const value = readValue(sc);
    if (key === 'reason' && entry.reason === undefined) {
      entry.reason = value;
    } else if (key === '__proto__') {
      diag(sc, 'authres-unexpected', `Property '${key}' ignored.`, keyAt);
    } else if (Object.hasOwn(entry.props, key)) {
      diag(sc, 'authres-duplicate-property', `Property '${key}' repeated; the first value was kept.`, keyAt);
    } else {
      entry.props[key] = value;
    }
  }
}

function parsePayload(sc: Scanner): ParsedAuthResults {
  const out: ParsedAuthResults = { authservId: null, version: null, results: [], diagnostics: sc.diagnostics };
  const s = sc.s;
  const n = s.length;
  skipCfws(sc);
  if (sc.i >= n) {
    diag(sc, 'authres-empty', 'The value is empty.', sc.i);
    return out;
  }
  let microsoftForm = false;
  if (s.charCodeAt(sc.i) === SEMI) {
    diag(sc, 'authres-missing-authserv-id', 'The value starts with ";": there is no authserv-id.', sc.i);
  } else {
    const start = sc.i;
    const word = readName(sc, false);
    const afterWord = sc.i;
    skipCfws(sc, false);
    const next = peek(sc);
    if (word !== '' && (next === EQUALS || next === SLASH)) {
      // Microsoft 365: no authserv-id, the value starts with the first result.
      microsoftForm = true;
      sc.i = start;
    } else if (word === '') {
      diag(sc, 'authres-unexpected', 'Expected an authserv-id; skipped to the next ";".', start);
      skipToSemicolon(sc);
    } else {
      out.authservId = lowerAscii(word);
      sc.i = afterWord;
      skipCfws(sc);
      if (sc.i < n && s.charCodeAt(sc.i) !== SEMI) {
        const at = sc.i;
        const token = readName(sc, false);
        if (isDigits(token)) {
          out.version = Number(token);
          skipCfws(sc);
        } else {
          sc.i = at;
        }
        if (sc.i < n && s.charCodeAt(sc.i) !== SEMI) {
          diag(sc, 'authres-unexpected', 'Unexpected text after the authserv-id; skipped to the next ";".', sc.i);
          skipToSemicolon(sc);
        }
      }
      if (sc.i >= n) {
        diag(sc, 'authres-no-results', 'No ";" after the authserv-id: neither "none" nor any result.', n);
        return out;
      }
    }
  }
  let first = true;
  let noResult = false;
  while (sc.i < n) {
    if (microsoftForm && first) {
      // The first resinfo has no leading ';'.
    } else {
      sc.i++; // the ';'
      skipCfws(sc);
      if (sc.i >= n || s.charCodeAt(sc.i) === SEMI) continue; // a trailing or doubled ';'
    }
    if (noResult) {
      diag(sc, 'authres-unexpected', 'Text after "none" ignored.', sc.i);
      skipToSemicolon(sc);
      continue;
    }
    const kind = parseResinfo(sc, out.results, first);
    if (kind === 'no-result') noResult = true;
    first = false;
    skipCfws(sc);
    if (sc.i < n && s.charCodeAt(sc.i) !== SEMI) skipToSemicolon(sc);
  }
  return out;
}

/** Parses an Authentication-Results field value (folded or unfolded). Never throws. */
export function parseAuthResults(value: string, onComment?: CommentSink): ParsedAuthResults {
  return parsePayload({ s: value, i: 0, diagnostics: [], sink: onComment, method: null, upper: false });
}

/** Parses an ARC-Authentication-Results field value: `i=N;` then an Authentication-Results payload. */
export function parseArcAuthResults(value: string, onComment?: CommentSink): ParsedArcAuthResults {
  const sc: Scanner = { s: value, i: 0, diagnostics: [], sink: onComment, method: null, upper: false };
  const instance = readArcInstance(sc);
  if (instance === null) {
    sc.i = 0;
    diag(sc, 'arc-missing-instance', 'No leading "i=N;" instance tag.', 0);
  }
  return { instance, ...parsePayload(sc) };
}

/** Reads `[CFWS] i [CFWS] = [CFWS] 1*DIGIT [CFWS] ;` and leaves sc.i after the `;`. */
function readArcInstance(sc: Scanner): number | null {
  skipCfws(sc);
  const c = peek(sc);
  if (c !== 105 && c !== 73) return null; // 'i' / 'I'
  sc.i++;
  skipCfws(sc);
  if (peek(sc) !== EQUALS) return null;
  sc.i++;
  skipCfws(sc);
  const digits = readName(sc, true);
  if (!isDigits(digits)) return null;
  skipCfws(sc);
  if (peek(sc) !== SEMI) return null;
  sc.i++;
  return Number(digits);
}
