// RFC 5322 §3.4 address lists (mailbox, name-addr, group) and their obsolete forms (§4.4: routes, comments
// as names), read by one scanner pass. Total: garbage yields the mailboxes that can be read and nothing
// else; a piece that names no address at all (a display name alone, "undisclosed-recipients:;", "<>", a
// lone word without "@" outside angle brackets) is dropped, since an Address without an address would say
// nothing (DESIGN.md §3: unknown is absent).
//
// The display name is unquoted, stripped of comments, white space collapsed and RFC 2047 decoded (also
// inside quotes, as mail clients show it). The addr-spec is never decoded: an encoded-word there is kept
// as written, which is what exposes the Mailsploit kind of spoof.

import { isSpace } from '../chars';
import type { Address } from '../types';
import { decodeEncodedWords } from './rfc2047';

/** Index just past the quoted string that starts at `i` (a DQUOTE); unterminated runs to `end`. */
function skipQuoted(s: string, i: number, end: number): number {
  for (i++; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return end;
}

/** Index just past the (nested) comment that starts at `i`; unterminated runs to `end`. */
function skipComment(s: string, i: number, end: number): number {
  let depth = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i + 1;
  }
  return end;
}

/** The display text of a phrase: quoted strings unquoted, comments dropped, white space collapsed. */
function phraseText(s: string, start: number, end: number): string {
  // Most names are plain words with single spaces between them ("Chris Garrigues"): that text as written,
  // one slice, told by one look at each character instead of a slice per word and a join.
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  let plain = start;
  while (plain < end) {
    const c = s.charCodeAt(plain);
    if (c === 34 || c === 40 || (isSpace(c) && (c !== 32 || s.charCodeAt(plain - 1) === 32))) break;
    plain++;
  }
  if (plain === end) return s.slice(start, end);

  const parts: string[] = [];
  let pendingSpace = false;
  let i = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      pendingSpace = parts.length > 0;
      i++;
      continue;
    }
    if (c === 40) {
      i = skipComment(s, i, end);
      pendingSpace = parts.length > 0;
      continue;
    }
    if (pendingSpace) parts.push(' ');
    pendingSpace = false;
    if (c === 34) {
      const close = skipQuoted(s, i, end);
      const inner = s.slice(i + 1, s.charCodeAt(close - 1) === 34 && close - 1 > i ? close - 1 : close);
      parts.push(inner.includes('\\') ? inner.replace(/\\([\s\S])/g, '$1') : inner);
      i = close;
      continue;
    }
    let j = i + 1;
    while (j < end) {
      const d = s.charCodeAt(j);
      if (isSpace(d) || d === 34 || d === 40) break;
      j++;
    }
    parts.push(s.slice(i, j));
    i = j;
  }
  // A name is often one quoted string or one word: that piece is the text, without a join.
  return parts.length === 1 ? parts[0]! : parts.join('');
}

/** The text of the last comment in s[start, end), unwrapped, or ''. */
function lastComment(s: string, start: number, end: number): string {
  let found = '';
  for (let i = start; i < end; ) {
    const c = s.charCodeAt(i);
    if (c === 34) i = skipQuoted(s, i, end);
    else if (c === 40) {
      const close = skipComment(s, i, end);
      found = s.slice(i + 1, s.charCodeAt(close - 1) === 41 ? close - 1 : close);
      i = close;
    } else i++;
  }
  return found;
}

/** An addr-spec as written minus comments and folding white space; an obsolete route "@a,@b:" is dropped. */
function addrSpec(s: string, start: number, end: number): string {
  // Usually one run, taken as one slice; an array and a join only when comments or white space split it.
  let first = '';
  let parts: string[] | undefined;
  let i = start;
  let runStart = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      i = skipQuoted(s, i, end);
    } else if (c === 40 || isSpace(c)) {
      if (i > runStart) {
        const run = s.slice(runStart, i);
        if (first === '') first = run;
        else if (parts === undefined) parts = [first, run];
        else parts.push(run);
      }
      i = c === 40 ? skipComment(s, i, end) : i + 1;
      runStart = i;
    } else {
      i++;
    }
  }
  if (end > runStart) {
    const run = s.slice(runStart, end);
    if (first === '') first = run;
    else if (parts === undefined) parts = [first, run];
    else parts.push(run);
  }
  let spec = parts === undefined ? first : parts.join('');
  if (spec.charCodeAt(0) === 64 /* @ */) {
    const colon = spec.indexOf(':');
    if (colon >= 0) spec = spec.slice(colon + 1);
  }
  return spec;
}

function makeAddress(address: string, name: string, raw: string): Address | undefined {
  if (address === '') return undefined;
  const result: Address = { address, raw };
  if (name !== '') {
    const decoded = name.includes('=?') ? decodeEncodedWords(name).trim() : name;
    if (decoded !== '') result.name = decoded;
  }
  return result;
}

/**
 * Reads one mailbox from s[start, end). `angle` is the first "<" in it outside quotes and comments and
 * `angleClose` the ">" that ends that angle-addr (or an index at or past `end`), as the list scan found
 * them; `angle` is -1 when there is none.
 */
function readMailbox(s: string, start: number, end: number, angle: number, angleClose: number): Address | undefined {
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  if (start >= end) return undefined;
  const raw = s.slice(start, end);

  // name-addr.
  if (angle >= 0)
    return makeAddress(addrSpec(s, angle + 1, Math.min(angleClose, end)), phraseText(s, start, angle), raw);

  // addr-spec alone, perhaps with the obsolete "(Name)" comment. White space between words means the
  // angle brackets are missing ("John Smith john@example.com"): the last word with an "@" is the address.
  // Mostly it is one word without a comment or quoted string ("john@example.com"): the address as written,
  // told by one look at each character instead of the word list, addrSpec and lastComment each reading it.
  let plain = start;
  while (plain < end) {
    const c = s.charCodeAt(plain);
    if (isSpace(c) || c === 40 || c === 34) break;
    plain++;
  }
  if (plain === end) {
    if (raw.charCodeAt(0) !== 64 /* @ */) return raw.includes('@') ? { address: raw, raw } : undefined;
    const spec = addrSpec(s, start, end); // an obsolete route to drop
    return spec.includes('@') ? makeAddress(spec, '', raw) : undefined;
  }
  const words: Array<[number, number]> = [];
  for (let i = start; i < end; ) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 40) {
      i = skipComment(s, i, end);
    } else {
      const wordStart = i;
      while (i < end) {
        const d = s.charCodeAt(i);
        if (isSpace(d) || d === 40) break;
        i = d === 34 ? skipQuoted(s, i, end) : i + 1;
      }
      words.push([wordStart, i]);
    }
  }
  if (words.length === 0) return undefined;
  if (words.length === 1) {
    // A lone word without "@" is a display name or list syntax gone wrong ("Smith, John <j@x>"), not a
    // mailbox; a bare local part is only taken inside angle brackets.
    const [a, b] = words[0]!;
    const spec = addrSpec(s, a, b);
    return spec.includes('@') ? makeAddress(spec, lastComment(s, start, end), raw) : undefined;
  }
  // "local @ domain" written with spaces is still one addr-spec when the words join around "@" or ".".
  const joined = addrSpec(s, start, end);
  if (isJoinedSpec(s, words)) return makeAddress(joined, lastComment(s, start, end), raw);
  for (let w = words.length - 1; w >= 0; w--) {
    const [a, b] = words[w]!;
    if (s.slice(a, b).includes('@')) {
      const before = phraseText(s, start, a);
      return makeAddress(addrSpec(s, a, b), before !== '' ? before : lastComment(s, start, end), raw);
    }
  }
  return undefined;
}

/** True when every gap between words touches an "@" or "." ("john . smith @ example.com"). */
function isJoinedSpec(s: string, words: Array<[number, number]>): boolean {
  for (let w = 1; w < words.length; w++) {
    const left = s.charCodeAt(words[w - 1]![1] - 1);
    const right = s.charCodeAt(words[w]![0]);
    if (left !== 64 && left !== 46 && right !== 64 && right !== 46) return false;
  }
  return true;
}

/**
 * Parses an address list (From, To, Cc, Reply-To, …): mailboxes and groups (whose members are listed, the
 * group name dropped). Never throws; unreadable pieces are skipped.
 */
export function parseAddressList(value: string): Address[] {
  const out: Address[] = [];
  const s = value;
  const end = s.length;
  let segStart = 0;
  let inGroup = false;
  let i = 0;
  // The segment's first angle-addr, handed to readMailbox so that it does not search the segment again.
  let angle = -1;
  let angleClose = -1;
  const flush = (to: number): void => {
    const a = readMailbox(s, segStart, to, angle, angleClose);
    if (a) out.push(a);
  };
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      i = skipQuoted(s, i, end);
    } else if (c === 40) {
      i = skipComment(s, i, end);
    } else if (c === 60) {
      // Skip the angle-addr so that a route's ":" and "," inside it are not read as list syntax.
      let j = i + 1;
      while (j < end && s.charCodeAt(j) !== 62) {
        const d = s.charCodeAt(j);
        j = d === 34 ? skipQuoted(s, j, end) : d === 40 ? skipComment(s, j, end) : j + 1;
      }
      if (angle < 0) {
        angle = i;
        angleClose = j;
      }
      i = j + 1;
    } else if (c === 44 /* , */) {
      flush(i);
      segStart = ++i;
      angle = -1;
    } else if (c === 58 /* : */ && !inGroup) {
      // display-name ":" starts a group (RFC 5322 §3.4); the name itself is not an address.
      inGroup = true;
      segStart = ++i;
      angle = -1;
    } else if (c === 59 /* ; */) {
      flush(i);
      inGroup = false;
      segStart = ++i;
      angle = -1;
    } else {
      i++;
    }
  }
  if (segStart < end) flush(end);
  return out;
}

/** The first mailbox of a field value (From, Sender, Return-Path), or undefined. */
export function parseAddress(value: string): Address | undefined {
  return parseAddressList(value)[0];
}

/** The domain of an address, lower-cased: after the last "@", trailing dots, ">" and white space removed. */
export function extractDomain(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0) return undefined;
  let end = address.length;
  for (;;) {
    const c = address.charCodeAt(end - 1);
    if (end > at + 1 && (c === 46 || c === 62 || isSpace(c))) end--;
    else break;
  }
  let start = at + 1;
  while (start < end && isSpace(address.charCodeAt(start))) start++;
  if (start >= end) return undefined;
  return address.slice(start, end).toLowerCase();
}
