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

import { asConstant } from '../chars';
import type { AuthResult, Diagnostic } from '../types';
import {
  type CommentSink,
  DOT,
  diag,
  EQUALS,
  isDigits,
  lowerAscii,
  peek,
  readLowerName,
  readName,
  readValue,
  type Scanner,
  SEMI,
  SLASH,
  skipCfws,
  skipToSemicolon,
} from './authres-scan';

export type { CommentSink } from './authres-scan';

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

/** The property keys receivers write most (counted over the corpora), as constants (see asConstant). */
const COMMON_KEYS = [
  'header.from',
  'smtp.mailfrom',
  'action',
  'header.d',
  'smtp.rcpttodomain',
  'header.i',
  'smtp.helo',
  'header.b',
  'header.s',
];

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
    key = asConstant(key, COMMON_KEYS);
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
