// Small linear scanners for the value syntaxes vendors use. No regular expressions over whole
// values: every function walks the string once with charCodeAt.

import { collapseSpace, isDigit, isSpace } from '../chars';
import type { VendorVerdictItem } from '../types';

// Shared with the Received-SPF reader; re-exported for the vendor decoders, which take their scanners from here.
export { collapseSpace, words } from '../chars';

export interface KeyValue {
  key: string;
  value: string;
}

/**
 * Adjacent parenthesised groups without nesting, matched from lastIndex (sticky). Linear: every group is
 * delimited by its own parentheses, which the class between them excludes.
 */
const PAREN_RUN = /(?:\([^()]*\))*/y;

/**
 * `key:value;key:value;` (Microsoft). A value runs to the next `;` outside parentheses, so
 * `SFS:(13230022)(4636009);` and `ENG:(…)(…);` stay whole; empty values and a missing final `;`
 * are fine. A part without a separator becomes a key with an empty value. Keys and values are
 * trimmed by index and handed to `onPair` (no intermediate objects on this hot path).
 */
export function scanPairs(value: string, separator: ':' | '=', onPair: (key: string, value: string) => void): void {
  const sep = separator.charCodeAt(0);
  const n = value.length;
  // Where the next `(` is: a part with none before its `;` is cut with indexOf, which outruns a loop
  // over characters on Microsoft's long values (`ARA:…|…|…`); only parts with parentheses are walked.
  // The next separator, kept the same way: searching afresh from each part would read the rest of a
  // value without separators once per part (quadratic on `a;b;c;…`).
  let paren = value.indexOf('(');
  if (paren < 0) paren = n;
  let nextSep = -1;
  let nextOpen = -1;
  let nextClose = -1;
  let i = 0;
  while (i < n) {
    let c = value.charCodeAt(i);
    if (c === 59 || isSpace(c)) {
      i++;
      continue;
    }
    const keyStart = i;
    if (paren < i) {
      paren = value.indexOf('(', i);
      if (paren < 0) paren = n;
    }
    let semi = value.indexOf(';', i);
    if (semi < 0) semi = n;
    if (semi < paren) {
      if (nextSep < i) {
        nextSep = value.indexOf(separator, i);
        if (nextSep < 0) nextSep = n;
      }
      const at = nextSep;
      if (at >= semi) onPair(trimmedSlice(value, keyStart, semi), '');
      else onPair(trimmedSlice(value, keyStart, at), trimmedSlice(value, at + 1, semi));
      i = semi + 1;
      continue;
    }
    let keyEnd = -1;
    let j = i;
    while (j < n) {
      c = value.charCodeAt(j);
      if (c === 40) {
        // A run of flat groups, `(13230022)(4636009)…` as Microsoft's SFS and ENG values are written, is
        // matched natively at once (the regex is linear: each group is delimited by its parentheses).
        PAREN_RUN.lastIndex = j;
        PAREN_RUN.test(value);
        if (PAREN_RUN.lastIndex > j) {
          j = PAREN_RUN.lastIndex;
          continue;
        }
        // A nested or unclosed group is jumped over with indexOf (a loop over characters crawled through
        // such values). The next `(` and `)` are kept, as above, so that the searches stay linear in the value.
        let depth = 1;
        j++;
        while (depth > 0) {
          if (nextClose < j) {
            nextClose = value.indexOf(')', j);
            if (nextClose < 0) nextClose = n;
          }
          if (nextClose === n) {
            j = n; // unclosed: the part runs to the end
            break;
          }
          if (nextOpen < j) {
            nextOpen = value.indexOf('(', j);
            if (nextOpen < 0) nextOpen = n;
          }
          if (nextOpen < nextClose) {
            depth++;
            j = nextOpen + 1;
          } else {
            depth--;
            j = nextClose + 1;
          }
        }
        continue;
      }
      // A `)` outside parentheses is an ordinary character.
      if (c === 59) break;
      if (c === sep && keyEnd < 0) keyEnd = j;
      j++;
    }
    if (keyEnd < 0) onPair(trimmedSlice(value, keyStart, j), '');
    else onPair(trimmedSlice(value, keyStart, keyEnd), trimmedSlice(value, keyEnd + 1, j));
    i = j + 1;
  }
}

/** scanPairs collected into an array, for the colder decoders. */
export function splitPairs(value: string, separator: ':' | '='): KeyValue[] {
  const out: KeyValue[] = [];
  scanPairs(value, separator, (key, v) => {
    out.push({ key, value: v });
  });
  return out;
}

/** value.slice(start, end).trim() with one allocation at most. */
export function trimmedSlice(value: string, start: number, end: number): string {
  while (start < end && isSpace(value.charCodeAt(start))) start++;
  while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
  return start === end ? '' : value.slice(start, end);
}

/**
 * `key=value key=value` separated by white space (Proofpoint, SpamAssassin's status tail).
 * A value may be double-quoted or bracketed (`[…]`), and a comma-separated list may continue after
 * white space (`tests=A, B,\n\tC`). Words that are not `key=value` become keys with empty values.
 */
export function splitSpacedPairs(value: string): KeyValue[] {
  const out: KeyValue[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    while (i < n && (isSpace(value.charCodeAt(i)) || value.charCodeAt(i) === 59)) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && value.charCodeAt(i) !== 61 && !isSpace(value.charCodeAt(i))) i++;
    const key = value.slice(keyStart, i);
    if (i >= n || value.charCodeAt(i) !== 61) {
      out.push({ key, value: '' });
      continue;
    }
    i++; // '='
    const valueStart = i;
    const first = value.charCodeAt(i);
    if (first === 34 || first === 91) {
      const close = first === 34 ? 34 : 93;
      const end = value.indexOf(String.fromCharCode(close), i + 1);
      const stop = end < 0 ? n : end;
      out.push({ key, value: collapseSpace(value.slice(i + 1, stop)) });
      i = stop + 1;
      continue;
    }
    let end = i;
    while (i < n) {
      const c = value.charCodeAt(i);
      if (isSpace(c) || c === 59) {
        // A list continues when the word before the blank ended with a comma.
        if (end > valueStart && value.charCodeAt(end - 1) === 44) {
          while (i < n && isSpace(value.charCodeAt(i))) i++;
          continue;
        }
        break;
      }
      i++;
      end = i;
    }
    out.push({ key, value: collapseSpace(value.slice(valueStart, end)) });
  }
  return out;
}

/** A decimal number at the start of `text` (after blanks): `-1.9`, `+3`, `9.90`; NaN when none. */
export function leadingNumber(text: string): number {
  const n = text.length;
  let i = 0;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  const start = i;
  if (i < n && (text.charCodeAt(i) === 45 || text.charCodeAt(i) === 43)) i++;
  const digitsStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (i < n && text.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  if (i === digitsStart || (i === digitsStart + 1 && text.charCodeAt(digitsStart) === 46)) return Number.NaN;
  return Number(text.slice(start, i)) + 0; // -0 as 0, as in wholeNumber
}

/** A whole value that is one number, e.g. `5`, `-1`, ` 3.342 `; undefined otherwise. */
export function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  // `+ 0` turns -0 (`-0`, `-0.0`) into 0: the Analysis must survive JSON, which writes -0 as 0.
  return isNumberText(t) ? Number(t) + 0 : undefined;
}

function isNumberText(t: string): boolean {
  let i = 0;
  if (t.charCodeAt(0) === 45 || t.charCodeAt(0) === 43) i = 1;
  let digits = 0;
  let dots = 0;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 46 && dots === 0) dots++;
    else return false;
  }
  return digits > 0;
}

/** An item with a meaning only when there is one (absent, never empty). */
export function item(key: string, value: string, meaning?: string): VendorVerdictItem {
  return meaning === undefined || meaning === '' ? { key, value } : { key, value, meaning };
}

/** Rule names as SpamAssassin, Barracuda and Rspamd write them: upper-case letters, digits, `_`. */
export function isRuleName(text: string): boolean {
  if (text.length < 2) return false;
  const c0 = text.charCodeAt(0);
  if (!(c0 >= 65 && c0 <= 90) && c0 !== 95) return false;
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (!(isDigit(c) || c === 95)) return false;
  }
  return upper > 0;
}
