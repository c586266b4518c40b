// RFC 2047 encoded-words ("=?charset?B|Q?text?=") decoded for display.
//
// One left-to-right pass: every candidate "=?" is examined once and the scan never moves backwards, so the
// cost is linear in the value even with thousands of words (MHA's regex decoder needs ~100 ms on a 22 KB
// field). Decisions, each a deliberate reading of RFC 2047 for a header *analyser*:
//
// - Word boundaries (§5): a word is decoded only when it starts at the beginning of the value or after
//   white space, "(" or '"', and the run of words it belongs to ends at the end of the value or before white
//   space, ")", '"', "," or ";", or before a ".", "!" or ":" that white space or the end follows. So "<=?utf-8?q?x?=@example.com>" and "=?…?=@mailsploit.com" stay raw: an
//   addr-spec is never decoded (the Mailsploit attacks rely on decoders that do).
// - Inside quoted strings words are decoded (RFC 2047 §5 (3) forbids it, but many mailers write
//   `"=?utf-8?q?Name?=" <a@b>` and Gmail, Outlook and Thunderbird all show it decoded).
// - Adjacent words (separated by white space only, or by nothing) are joined without that white space
//   (§6.2). Adjacent words in the same charset have their bytes joined before decoding, so a UTF-8
//   character split across two words survives.
// - Q-encoded text may contain spaces (broken encoders write them; the word still ends at "?=").
//   B-encoded text must be valid base64: any character outside the alphabet, excess padding or a length
//   that is 1 mod 4 keeps the word raw. Missing padding is accepted.
// - The charset may carry an RFC 2231 language suffix ("utf-8*en"). A charset TextDecoder does not know
//   keeps the word raw (no guessing); the decoded text may contain any character, control characters
//   included, and is for display as text only.

import { isSpace } from '../chars';

const WORD_MAX_CHARSET = 64;

type DecoderLike = { decode(input: Uint8Array): string };

const decoders = new Map<string, DecoderLike | null>();

/** A (cached) decoder for the charset label, or null when the runtime does not know it. */
function decoderFor(charset: string): DecoderLike | null {
  const key = charset.toLowerCase();
  const cached = decoders.get(key);
  if (cached !== undefined) return cached;
  let decoder: DecoderLike | null = null;
  if (typeof TextDecoder === 'function') {
    try {
      decoder = new TextDecoder(key, { fatal: false });
    } catch {
      decoder = null;
    }
  } else if (key === 'us-ascii' || key === 'iso-8859-1' || key === 'latin1') {
    decoder = { decode: latin1 };
  }
  decoders.set(key, decoder);
  return decoder;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 4096)));
  }
  return out;
}

// Decoded bytes go to one growing buffer shared by all calls (calls never interleave: JavaScript runs one
// at a time and nothing here awaits), so a long field costs no per-byte allocation.
let buffer = new Uint8Array(1024);
let length = 0;

/** Makes room for `extra` more bytes. */
function reserve(extra: number): void {
  if (length + extra <= buffer.length) return;
  const bigger = new Uint8Array(Math.max(buffer.length * 2, length + extra));
  bigger.set(buffer.subarray(0, length));
  buffer = bigger;
}

const BASE64 = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Appends the bytes of Q-encoded text (RFC 2047 §4.2) to the buffer; false when the text is malformed. */
function decodeQ(s: string, start: number, end: number): boolean {
  reserve(end - start);
  const buf = buffer;
  let n = length;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 95) {
      buf[n++] = 32;
    } else if (c === 61) {
      const hi = i + 2 < end ? hexValue(s.charCodeAt(i + 1)) : -1;
      const lo = hi >= 0 ? hexValue(s.charCodeAt(i + 2)) : -1;
      if (lo < 0) {
        buf[n++] = 61; // a stray "=" is kept, as most decoders do
      } else {
        buf[n++] = (hi << 4) | lo;
        i += 2;
      }
    } else if (c > 126 || (c < 32 && c !== 9)) {
      return false;
    } else {
      buf[n++] = c;
    }
  }
  length = n;
  return true;
}

/** Appends the bytes of B-encoded text (RFC 2047 §4.1) to the buffer; false when it is not valid base64. */
function decodeB(s: string, start: number, end: number): boolean {
  let dataEnd = end;
  while (dataEnd > start && s.charCodeAt(dataEnd - 1) === 61) dataEnd--;
  const padding = end - dataEnd;
  const dataLength = dataEnd - start;
  if (padding > 2 || dataLength % 4 === 1) return false;
  if (padding > 0 && (end - start) % 4 !== 0) return false;
  reserve(((dataLength * 3) >> 2) + 3);
  const buf = buffer;
  let n = length;
  let acc = 0;
  let bits = 0;
  for (let i = start; i < dataEnd; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? BASE64[c]! : -1;
    if (v < 0) return false;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      buf[n++] = (acc >> bits) & 0xff;
    }
  }
  length = n;
  return true;
}

function isCharsetChar(c: number): boolean {
  // RFC 2047 token: printable ASCII except SPACE, CTLs and especials ()<>@,;:"/[]?=. The "." especial is
  // let through (harmless, and seen in the wild), and so is "*", the RFC 2231 language separator.
  return (
    c > 32 &&
    c < 127 &&
    c !== 40 &&
    c !== 41 &&
    c !== 60 &&
    c !== 62 &&
    c !== 64 &&
    c !== 44 &&
    c !== 59 &&
    c !== 58 &&
    c !== 34 &&
    c !== 47 &&
    c !== 91 &&
    c !== 93 &&
    c !== 63 &&
    c !== 61
  );
}

interface ParsedWord {
  /** Index just past the closing "?=". */
  end: number;
  /** The charset without an RFC 2231 language suffix. */
  charset: string;
  /** Its bytes: buffer[byteStart, byteEnd). */
  byteStart: number;
  byteEnd: number;
}

/**
 * Parses the encoded-word that starts at `start` (which holds "=?"). Returns undefined when it is not a
 * well-formed word; `noMore` is set when no later word can exist (no "?" left), so the caller can stop.
 */
function parseWord(s: string, start: number, state: { noMore: boolean }): ParsedWord | undefined {
  const q1 = s.indexOf('?', start + 2);
  if (q1 < 0) {
    state.noMore = true;
    return undefined;
  }
  const charsetLength = q1 - start - 2;
  if (charsetLength < 1 || charsetLength > WORD_MAX_CHARSET) return undefined;
  for (let i = start + 2; i < q1; i++) if (!isCharsetChar(s.charCodeAt(i))) return undefined;
  const enc = s.charCodeAt(q1 + 1) | 0x20;
  if ((enc !== 98 && enc !== 113) || s.charCodeAt(q1 + 2) !== 63) return undefined;
  const textStart = q1 + 3;
  const q3 = s.indexOf('?', textStart);
  if (q3 < 0) {
    state.noMore = true;
    return undefined;
  }
  if (s.charCodeAt(q3 + 1) !== 61) return undefined;
  let charset = s.slice(start + 2, q1);
  const star = charset.indexOf('*');
  if (star >= 0) charset = charset.slice(0, star);
  if (charset === '') return undefined;
  const byteStart = length;
  const ok = enc === 98 ? decodeB(s, textStart, q3) : decodeQ(s, textStart, q3);
  if (!ok) {
    length = byteStart;
    return undefined;
  }
  return { end: q3 + 2, charset, byteStart, byteEnd: length };
}

function startsAtBoundary(s: string, i: number): boolean {
  if (i === 0) return true;
  const c = s.charCodeAt(i - 1);
  return isSpace(c) || c === 40 || c === 34;
}

function endsAtBoundary(s: string, i: number): boolean {
  if (i >= s.length) return true;
  const c = s.charCodeAt(i);
  if (isSpace(c) || c === 41 || c === 34 || c === 44 || c === 59) return true;
  // A full stop, "!" or ":" that ends a phrase (`=?UTF-8?B?…?=. Mail failure.`, as Mail.ru writes its bounce
  // subjects): followed by white space or the end, it cannot be part of an addr-spec.
  return (c === 46 || c === 33 || c === 58) && (i + 1 >= s.length || isSpace(s.charCodeAt(i + 1)));
}

/** Decodes a run of adjacent words: neighbours in the same charset are decoded together. */
function decodeRun(words: ParsedWord[]): string | undefined {
  let out = '';
  let i = 0;
  while (i < words.length) {
    const first = words[i]!;
    const decoder = decoderFor(first.charset);
    if (!decoder) return undefined;
    const key = first.charset.toLowerCase();
    let j = i + 1;
    // Words of one run sit next to each other in the buffer, so a same-charset stretch is one slice.
    while (j < words.length && words[j]!.charset.toLowerCase() === key) j++;
    out += decoder.decode(buffer.subarray(first.byteStart, words[j - 1]!.byteEnd));
    i = j;
  }
  return out;
}

/**
 * Decodes the RFC 2047 encoded-words in a header value for display. Text that is not a well-formed,
 * well-delimited word is returned unchanged; the function never throws and runs in linear time.
 */
export function decodeEncodedWords(value: string): string {
  let next = value.indexOf('=?');
  if (next < 0) return value;
  length = 0;
  const state = { noMore: false };
  const parts: string[] = [];
  let copied = 0; // value[0, copied) is already in parts
  while (next >= 0 && !state.noMore) {
    if (!startsAtBoundary(value, next)) {
      next = value.indexOf('=?', next + 2);
      continue;
    }
    // Collect the run of words separated by nothing or by white space only.
    const runStart = next;
    const words: ParsedWord[] = [];
    let pos = next;
    let runEnd = next;
    for (;;) {
      const word = parseWord(value, pos, state);
      if (!word) break;
      words.push(word);
      runEnd = word.end;
      let k = runEnd;
      while (k < value.length && isSpace(value.charCodeAt(k))) k++;
      if (value.charCodeAt(k) === 61 && value.charCodeAt(k + 1) === 63) {
        pos = k;
      } else {
        break;
      }
    }
    if (words.length === 0) {
      length = 0;
      next = value.indexOf('=?', next + 2);
      continue;
    }
    const decoded = endsAtBoundary(value, runEnd) ? decodeRun(words) : undefined;
    if (decoded !== undefined) {
      if (runStart > copied) parts.push(value.slice(copied, runStart));
      parts.push(decoded);
      copied = runEnd;
    }
    length = 0;
    next = value.indexOf('=?', runEnd);
  }
  if (parts.length === 0) return value;
  if (copied < value.length) parts.push(value.slice(copied));
  return parts.join('');
}
