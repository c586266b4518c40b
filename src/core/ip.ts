// IP address parsing and scope, hand-written: strict, canonical, linear in the input and total.
// Strictness matters more than leniency here: a redacted fragment such as `40.83.161.phishing@pot`
// or `2603:phishing@pot6:300:49::8` must never be read as an address.

import type { IpScope } from './types';

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
  const a = parseAddressWords(text);
  if (a === undefined) return undefined;
  return a.version === 4
    ? { ip: formatIpv4(((a.words[0]! << 16) | a.words[1]!) >>> 0), version: 4 }
    : { ip: formatIpv6(a.words), version: 6 };
}

/** Whether parseIp would read `text` as an address (without building its canonical text). */
export function isIpAddress(text: string): boolean {
  return parseAddressWords(text) !== undefined;
}

/**
 * The address as numbers, without formatting it: IPv4 as two 16-bit words (high, low), IPv6 as eight,
 * an IPv4-mapped IPv6 address as its IPv4 address. What parseIp accepts, and nothing else.
 */
function parseAddressWords(text: string): { version: 4 | 6; words: number[] } | undefined {
  let start = 0;
  let end = text.length;
  if (end > 0 && text.charCodeAt(0) === 91 /* [ */ && text.charCodeAt(end - 1) === 93 /* ] */) {
    start = 1;
    end -= 1;
  }
  if (end - start > 5 && isIpv6Tag(text, start)) start += 5;
  const zone = text.indexOf('%', start);
  if (zone !== -1 && zone < end) {
    if (!isZoneId(text, zone + 1, end)) return undefined;
    end = zone;
  }
  if (end - start < 2) return undefined;
  if (text.indexOf(':', start) === -1 || text.indexOf(':', start) >= end) {
    const v4 = parseIpv4(text, start, end);
    return v4 === undefined ? undefined : { version: 4, words: [v4 >>> 16, v4 & 0xffff] };
  }
  const words = parseIpv6(text, start, end);
  if (words === undefined) return undefined;
  if (isV4Mapped(words)) return { version: 4, words: [words[6]!, words[7]!] };
  return { version: 6, words };
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

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** RFC 4291 §2.2 text forms, with at most one `::` and an optional dotted-quad tail. Eight 16-bit words. */
function parseIpv6(text: string, start: number, end: number): number[] | undefined {
  if (end - start > MAX_IPV6_LENGTH) return undefined;
  const head: number[] = [];
  const tail: number[] = [];
  let compressed = false;
  let i = start;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return undefined;
    compressed = true;
    i += 2;
    if (i === end) return [0, 0, 0, 0, 0, 0, 0, 0];
  }
  while (i < end) {
    const words = compressed ? tail : head;
    // An IPv4 tail: a group that runs into a dot.
    let j = i;
    let value = 0;
    let hex = 0;
    while (j < end && hex < 5) {
      const h = hexValue(text.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      hex++;
      j++;
    }
    if (j < end && text.charCodeAt(j) === 46) {
      const v4 = parseIpv4(text, i, end);
      if (v4 === undefined || head.length + tail.length > 6) return undefined;
      words.push(v4 >>> 16, v4 & 0xffff);
      i = end;
      break;
    }
    if (hex === 0 || hex > 4) return undefined;
    words.push(value);
    if (j === end) {
      i = end;
      break;
    }
    if (text.charCodeAt(j) !== 58) return undefined;
    if (text.charCodeAt(j + 1) === 58) {
      if (compressed) return undefined;
      compressed = true;
      i = j + 2;
      if (i === end) break;
    } else {
      i = j + 1;
      if (i === end) return undefined;
    }
    if (head.length + tail.length > 8) return undefined;
  }
  const count = head.length + tail.length;
  if (compressed ? count > 7 : count !== 8) return undefined;
  const words = head.slice();
  for (let k = count; k < 8; k++) words.push(0);
  for (let k = 0; k < tail.length; k++) words[8 - tail.length + k] = tail[k]!;
  return words;
}

function isV4Mapped(words: number[]): boolean {
  for (let k = 0; k < 5; k++) if (words[k] !== 0) return false;
  return words[5] === 0xffff;
}

/** RFC 5952 §4: lower case, no leading zeros, the longest run (≥ 2) of zero words as `::`, first on a tie. */
function formatIpv6(words: number[]): string {
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
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (k === bestStart) {
      out += '::';
      k += bestLength - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += words[k]!.toString(16);
  }
  return out;
}

interface Range {
  version: 4 | 6;
  /** For IPv4 the address as an unsigned int in words[0..1] (high, low 16 bits); for IPv6 eight words. */
  words: number[];
  bits: number;
  scope: IpScope;
}

function range(prefix: string, scope: IpScope): Range {
  return { ...compilePrefix(prefix)!, scope };
}

/** A CIDR prefix read once (compilePrefix), for testing many addresses against it. */
export interface IpPrefix {
  version: 4 | 6;
  words: number[];
  bits: number;
}

/** Reads `10.0.0.0/8` or `2603:10b6::/32`; undefined for anything malformed (as ipInPrefix treats it). */
export function compilePrefix(prefix: string): IpPrefix | undefined {
  const slash = prefix.indexOf('/');
  if (slash === -1) return undefined;
  const net = parseAddressWords(prefix.slice(0, slash));
  if (net === undefined) return undefined;
  const bitsText = prefix.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > (net.version === 4 ? 32 : 128)) return undefined;
  return { version: net.version, words: net.words, bits };
}

/** Whether `ip` lies in any of the compiled prefixes; the address is parsed once. */
export function ipInAnyPrefix(ip: string, prefixes: readonly IpPrefix[]): boolean {
  if (prefixes.length === 0) return false;
  const addr = parseAddressWords(ip);
  if (addr === undefined) return false;
  for (const p of prefixes) if (p.version === addr.version && wordsMatch(addr.words, p.words, p.bits)) return true;
  return false;
}

function wordsMatch(a: number[], b: number[], bits: number): boolean {
  let k = 0;
  let left = bits;
  while (left >= 16) {
    if (a[k] !== b[k]) return false;
    k++;
    left -= 16;
  }
  if (left === 0) return true;
  const mask = (0xffff << (16 - left)) & 0xffff;
  return ((a[k]! ^ b[k]!) & mask) === 0;
}

// IANA special-purpose registries (RFC 6890 and updates), most specific first where ranges nest.
// https://www.iana.org/assignments/iana-ipv4-special-registry/ and …/iana-ipv6-special-registry/
const SCOPES: Range[] = [
  range('127.0.0.0/8', 'loopback'),
  range('10.0.0.0/8', 'private'),
  range('172.16.0.0/12', 'private'),
  range('192.168.0.0/16', 'private'),
  range('100.64.0.0/10', 'shared'),
  range('169.254.0.0/16', 'link-local'),
  range('0.0.0.0/8', 'reserved'),
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'reserved'),
  range('198.18.0.0/15', 'reserved'),
  range('198.51.100.0/24', 'reserved'),
  range('203.0.113.0/24', 'reserved'),
  range('224.0.0.0/4', 'reserved'),
  range('240.0.0.0/4', 'reserved'),
  range('::1/128', 'loopback'),
  range('::/128', 'reserved'),
  range('fe80::/10', 'link-local'),
  range('fc00::/7', 'private'),
  range('2001:db8::/32', 'reserved'),
  range('100::/64', 'reserved'),
  range('64:ff9b:1::/48', 'reserved'),
  range('ff00::/8', 'reserved'),
  range('::/8', 'reserved'),
];

/** Where an address is routable. An unparseable string is `reserved` (it names nothing on the Internet). */
export function ipScope(ip: string): IpScope {
  const parsed = parseAddressWords(ip);
  if (parsed === undefined) return 'reserved';
  for (const r of SCOPES) {
    if (r.version === parsed.version && wordsMatch(parsed.words, r.words, r.bits)) return r.scope;
  }
  return 'public';
}

/** Whether `ip` lies in the CIDR `prefix` (`10.0.0.0/8`, `2603:10b6::/32`); false for anything malformed. */
export function ipInPrefix(ip: string, prefix: string): boolean {
  const p = compilePrefix(prefix);
  return p !== undefined && ipInAnyPrefix(ip, [p]);
}
