// The lexical layer of the Authentication-Results parser (authres.ts): a scanner over the field value
// with CFWS (white space, folding, nested comments with quoted-pairs), quoted strings, names and values.
// One pass with charCodeAt; comments go to the caller's sink as they are skipped.

import { commentEnd } from '../chars';
import type { Diagnostic } from '../types';

/**
 * Receives the text of each comment (without its outer parentheses) and the lower-cased method of
 * the resinfo it appears in (null in the authserv-id part). Lets callers read the claims providers
 * put in comments (`sender IP is …`) without a second tokenizer.
 */
export type CommentSink = (text: string, method: string | null) => void;

export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const QUOTE = 34;
export const OPEN = 40;
export const CLOSE = 41;
export const DOT = 46;
export const SLASH = 47;
export const SEMI = 59;
export const EQUALS = 61;
export const BACKSLASH = 92;

export interface Scanner {
  s: string;
  i: number;
  diagnostics: Diagnostic[];
  sink: CommentSink | undefined;
  method: string | null;
  /** Whether the last unquoted name read had an upper-case ASCII letter (lower-case only then). */
  upper: boolean;
}

export function diag(sc: Scanner, code: string, message: string, offset: number): void {
  sc.diagnostics.push({ code, message, offset });
}

/** Skips white space, line breaks and (nested) comments; hands comments to the sink. */
export function skipCfws(sc: Scanner, emit = true): void {
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
    const end = commentEnd(s, start);
    if (end < 0) {
      diag(sc, 'authres-unterminated-comment', 'A comment is not closed; the rest of the value was ignored.', start);
      i = n;
    } else {
      if (emit && sc.sink !== undefined) sc.sink(s.slice(start + 1, end - 1), sc.method);
      i = end;
    }
  }
  sc.i = i;
}

/** A quoted-string at sc.i (which holds `"`), unquoted; quoted-pairs resolved. */
export function readQuoted(sc: Scanner): string {
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

/** What ends a name, by ASCII code: STOP always (controls, space, DEL, `( ) ; = / "`), STOP_AT_DOT for `.`. */
const STOP = 1;
const STOP_AT_DOT = 2;
const NAME_STOPS = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c <= SPACE; c++) table[c] = STOP;
  for (const c of [127, OPEN, CLOSE, SEMI, EQUALS, SLASH, QUOTE]) table[c] = STOP;
  table[DOT] = STOP_AT_DOT;
  return table;
})();

export function isNameStop(c: number, stopAtDot: boolean): boolean {
  return c < 128 && (NAME_STOPS[c]! & (stopAtDot ? STOP | STOP_AT_DOT : STOP)) !== 0;
}

/** A name (authserv-id, method, ptype, property): quoted, or a run up to a delimiter. */
export function readName(sc: Scanner, stopAtDot: boolean): string {
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
export function readLowerName(sc: Scanner, stopAtDot: boolean): string {
  const name = readName(sc, stopAtDot);
  return sc.upper ? name.toLowerCase() : name;
}

/** A value: quoted, or (leniently) any run up to white space, `;` or a comment. */
export function readValue(sc: Scanner): string {
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
export function skipToSemicolon(sc: Scanner): void {
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

export function isDigits(word: string): boolean {
  if (word.length === 0 || word.length > 9) return false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Lower-cases only when there is something to lower-case (most names already are). */
export function lowerAscii(text: string): string {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 65 && c <= 90) || c > 127) return text.toLowerCase();
  }
  return text;
}

export function peek(sc: Scanner): number {
  return sc.i < sc.s.length ? sc.s.charCodeAt(sc.i) : -1;
}
