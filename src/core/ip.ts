// IP address parsing, hand-written: strict, canonical, linear in the input and total. Scopes and CIDR prefixes,
// which read addresses through readAddressWords below, are in ./ip-scope.ts.
// Strictness matters more than leniency here: a redacted fragment such as `40.83.161.phishing@pot`
// or `2603:phishing@pot6:300:49::8` must never be read as an address.

export interface ParsedIp {
  /** Canonical text: dotted quad without leading zeros, or RFC 5952 IPv6 (lower case, `::` compression). */
  ip: string;
  version: 4 | 6;
}

/** Longest IPv6 text we accept (a full form with an embedded IPv4 tail is 45 characters). */
const MAX_IPV6_LENGTH = 45;

/**
 * Parses one IP address. Accepts `1.2.3.4`, IPv6 in any RFC 4291 text form, and tolerates the wrappings
 * MTAs add: `[…]`, an `IPv6:` prefix (RFC 5321 §4.1.3) and a `%zone` suffix. An IPv4-mapped IPv6 address
 * (`::ffff:1.2.3.4`) is reduced to its IPv4 address. Anything else, including `ip:port`, is undefined.
 */
export function parseIp(text: string): ParsedIp | undefined {
  const version = readAddressWords(text);
  if (version === 0) return undefined;
  // Most addresses on the hot path are written canonically already: their text is the answer, and no new
  // string is built (a whole-string slice returns `text` itself).
  if (isWrittenCanonically(version)) return { ip: text.slice(SCAN.start, SCAN.end), version };
  return version === 4
    ? { ip: formatIpv4(((WORDS[0]! << 16) | WORDS[1]!) >>> 0), version: 4 }
    : { ip: formatIpv6(WORDS), version: 6 };
}

/**
 * Whether the address just read is written as parseIp would format it. An IPv6 text is when its groups are
 * minimal lower-case hex and its `::` stands for exactly the zero run formatIpv6 compresses (or there is
 * neither). Checked here rather than while reading: ipScope and the prefix tests never need it.
 */
function isWrittenCanonically(version: 4 | 6): boolean {
  if (!SCAN.canonical || version === 4) return SCAN.canonical;
  const run = zeroRunToCompress(WORDS);
  return run === SCAN.gap && (run === -1 || compressedLength(WORDS, run) === SCAN.gapLength);
}

/** Whether parseIp would read `text` as an address (without building its canonical text). */
export function isIpAddress(text: string): boolean {
  return readAddressWords(text) !== 0;
}

/**
 * Scratch for readAddressWords: every address read on the hot path (several per Received field) would
 * otherwise allocate word arrays that live only until the caller has matched or formatted them.
 */
export const WORDS: number[] = [0, 0, 0, 0, 0, 0, 0, 0];

/**
 * Scratch beside WORDS, valid until the next call: where the address lay in the last text read (without
 * brackets, `IPv6:` tag or zone); `canonical`: an IPv4 text read as written, or IPv6 groups all written as
 * formatIpv6 writes them (lower case, no leading zero, no dotted tail); where `::` stood (-1 for none) and
 * how many words it stood for. isWrittenCanonically reads them.
 */
const SCAN = { start: 0, end: 0, canonical: false, gap: -1, gapLength: 0 };

/**
 * Reads the address into WORDS without formatting it: IPv4 as two 16-bit words (high, low), IPv6 as
 * eight, an IPv4-mapped IPv6 address as its IPv4 address. Returns the version, or 0 for what parseIp
 * rejects. WORDS is valid until the next call.
 */
export function readAddressWords(text: string): 0 | 4 | 6 {
  let start = 0;
  let end = text.length;
  if (end > 0 && text.charCodeAt(0) === 91 /* [ */ && text.charCodeAt(end - 1) === 93 /* ] */) {
    start = 1;
    end -= 1;
  }
  if (end - start > 5 && isIpv6Tag(text, start)) start += 5;
  // Most texts asked about here are host names: a first or second character that no address has (before a
  // `%zone`) settles it without the searches below.
  for (let k = start; k < end && k < start + 2; k++) {
    const c = text.charCodeAt(k);
    if (c === 37 /* % */) break;
    if (c !== 58 /* : */ && c !== 46 /* . */ && hexValue(c) < 0) return 0;
  }
  const zone = text.indexOf('%', start);
  if (zone !== -1 && zone < end) {
    if (!isZoneId(text, zone + 1, end)) return 0;
    end = zone;
  }
  if (end - start < 2) return 0;
  SCAN.start = start;
  SCAN.end = end;
  const colon = text.indexOf(':', start);
  if (colon === -1 || colon >= end) {
    const v4 = parseIpv4(text, start, end);
    if (v4 === undefined) return 0;
    WORDS[0] = v4 >>> 16;
    WORDS[1] = v4 & 0xffff;
    // parseIpv4 refuses leading zeros, so the dotted quad it read is written exactly as formatIpv4 would.
    SCAN.canonical = true;
    return 4;
  }
  if (!parseIpv6(text, start, end)) return 0;
  if (isV4Mapped(WORDS)) {
    WORDS[0] = WORDS[6]!;
    WORDS[1] = WORDS[7]!;
    SCAN.canonical = false;
    return 4;
  }
  return 6;
}

/** `IPv6:` (any case) at text[at…] (RFC 5321 §4.1.3), compared in place: most texts seen here are host names. */
function isIpv6Tag(text: string, at: number): boolean {
  return (
    (text.charCodeAt(at) | 32) === 105 /* i */ &&
    (text.charCodeAt(at + 1) | 32) === 112 /* p */ &&
    (text.charCodeAt(at + 2) | 32) === 118 /* v */ &&
    text.charCodeAt(at + 3) === 54 /* 6 */ &&
    text.charCodeAt(at + 4) === 58 /* : */
  );
}

function isZoneId(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const ok =
      (c >= 48 && c <= 57) ||
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      c === 46 ||
      c === 95 ||
      c === 45 ||
      c === 126;
    if (!ok) return false;
  }
  return true;
}

/** Dotted quad, exactly four decimal parts 0-255, no leading zeros beyond a single `0`; as an unsigned int. */
function parseIpv4(text: string, start: number, end: number): number | undefined {
  if (end - start > 15 || end - start < 7) return undefined;
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  let leadingZero = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 46;
    if (c >= 48 && c <= 57) {
      if (digits === 1 && leadingZero) return undefined;
      if (digits === 0) leadingZero = c === 48;
      part = part * 10 + (c - 48);
      digits++;
      if (digits > 3 || part > 255) return undefined;
    } else if (c === 46) {
      if (digits === 0) return undefined;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else {
      return undefined;
    }
  }
  return parts === 4 ? value : undefined;
}

function formatIpv4(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** The value of each ASCII hex digit, -1 for every other character: one load per character of an IPv6 text. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let c = 48; c <= 57; c++) HEX_VALUE[c] = c - 48;
for (let c = 97; c <= 102; c++) HEX_VALUE[c] = c - 87;
for (let c = 65; c <= 70; c++) HEX_VALUE[c] = c - 55;

export function hexValue(c: number): number {
  return c < 128 ? HEX_VALUE[c]! : -1;
}

/**
 * RFC 4291 §2.2 text forms, with at most one `::` and an optional dotted-quad tail, into WORDS. The words
 * after `::` are read in place and moved to the end once their count is known.
 */
function parseIpv6(text: string, start: number, end: number): boolean {
  if (end - start > MAX_IPV6_LENGTH) return false;
  let count = 0;
  /** Where `::` stands in WORDS (the number of words before it), or -1. */
  let gap = -1;
  /** Every group so far written as formatIpv6 writes it: lower case, no leading zero, no dotted tail. */
  let minimal = true;
  let i = start;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
  }
  while (i < end) {
    // A group's hex digits and the character after them (`next`, -1 at the end) are each read once: the
    // reads, not the arithmetic, are what an address costs (every hop has one or two).
    let j = i;
    let value = 0;
    let next = -1;
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      const h = hexValue(c);
      if (h < 0) {
        next = c;
        break;
      }
      // A fifth digit: no group has one, nor does a dotted tail's first part.
      if (j - i === 4) return false;
      if (c <= 70 && c >= 65) minimal = false;
      value = value * 16 + h;
    }
    const hex = j - i;
    // An IPv4 tail: a group that runs into a dot.
    if (next === 46) {
      const v4 = parseIpv4(text, i, end);
      if (v4 === undefined || count > 6) return false;
      WORDS[count++] = v4 >>> 16;
      WORDS[count++] = v4 & 0xffff;
      minimal = false;
      break;
    }
    if (hex === 0 || count === 8) return false;
    // A leading zero: the value is below what the group's first digit place holds.
    if (hex > 1 && value < 1 << (4 * hex - 4)) minimal = false;
    WORDS[count++] = value;
    if (next === -1) break;
    if (next !== 58) return false;
    if (text.charCodeAt(j + 1) === 58) {
      if (gap !== -1) return false;
      gap = count;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === end) return false;
    }
  }
  SCAN.canonical = minimal;
  SCAN.gap = gap;
  if (gap === -1) return count === 8;
  if (count > 7) return false;
  const shift = 8 - count;
  for (let k = count - 1; k >= gap; k--) WORDS[k + shift] = WORDS[k]!;
  for (let k = gap; k < gap + shift; k++) WORDS[k] = 0;
  SCAN.gapLength = shift;
  return true;
}

function isV4Mapped(words: number[]): boolean {
  for (let k = 0; k < 5; k++) if (words[k] !== 0) return false;
  return words[5] === 0xffff;
}

/** RFC 5952 §4.2.2–4.2.3: where the longest run (≥ 2) of zero words starts, the first on a tie; -1 if none. */
function zeroRunToCompress(words: number[]): number {
  let bestStart = -1;
  let bestLength = 1;
  for (let k = 0; k < 8; ) {
    if (words[k] !== 0) {
      k++;
      continue;
    }
    let run = k;
    while (run < 8 && words[run] === 0) run++;
    if (run - k > bestLength) {
      bestStart = k;
      bestLength = run - k;
    }
    k = run;
  }
  return bestStart;
}

/** The number of zero words from `start`. */
function compressedLength(words: number[], start: number): number {
  let k = start;
  while (k < 8 && words[k] === 0) k++;
  return k - start;
}

/** RFC 5952 §4: lower case, no leading zeros, the longest run (≥ 2) of zero words as `::`, first on a tie. */
function formatIpv6(words: number[]): string {
  const bestStart = zeroRunToCompress(words);
  const bestLength = bestStart === -1 ? 1 : compressedLength(words, bestStart);
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (k === bestStart) {
      out += '::';
      k += bestLength - 1;
      continue;
    }
    if (k !== 0 && k !== bestStart + bestLength) out += ':';
    out += words[k]!.toString(16);
  }
  return out;
}
