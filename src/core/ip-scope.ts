// Where an address is routable (the IANA special-purpose registries) and CIDR prefix tests. Addresses are read
// into words by ./ip.ts's readAddressWords, so a test parses an address once and builds no string.

import { hexValue, readAddressWords, WORDS } from './ip';
import type { IpScope } from './types';

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
  const version = readAddressWords(prefix.slice(0, slash));
  if (version === 0) return undefined;
  const bitsText = prefix.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > (version === 4 ? 32 : 128)) return undefined;
  return { version, words: WORDS.slice(0, version === 4 ? 2 : 8), bits };
}

/** Whether `ip` lies in any of the compiled prefixes; the address is parsed once. */
export function ipInAnyPrefix(ip: string, prefixes: readonly IpPrefix[]): boolean {
  if (prefixes.length === 0) return false;
  const version = readAddressWords(ip);
  if (version === 0) return false;
  for (const p of prefixes) if (p.version === version && wordsMatch(WORDS, p.words, p.bits)) return true;
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

/**
 * Which first bytes (the high byte of word 0; IPv6 from 256) some SCOPES range covers, derived from the table:
 * an address with any other first byte, as most on the hot path are, is public without walking the table.
 */
const SCOPED_FIRST_BYTE = new Uint8Array(512);

/**
 * The scope of every address with a given first byte (indexed as SCOPED_FIRST_BYTE), where the first SCOPES
 * range covering that byte covers all of it (127/8 loopback, 10/8 private, 224/4 reserved, ff00::/8 …): ipScope
 * would return that range's scope for any such address, so it need not be read. Undefined where a narrower
 * range decides (172.16/12, 192.168/16, fe80::/10 …) or none covers the byte.
 */
const WHOLE_BYTE_SCOPE: Array<IpScope | undefined> = new Array(512).fill(undefined);

// Both tables from each range's span of first bytes, the last range first: where ranges share a first byte,
// the one written last, the first in SCOPES, is the one ipScope finds first. (Asking every byte which range
// covers it first cost 0.6 ms of the popup's start-up, cold.)
for (let k = SCOPES.length - 1; k >= 0; k--) {
  const r = SCOPES[k]!;
  const span = r.bits >= 8 ? 1 : 1 << (8 - r.bits);
  const first = (r.version === 4 ? 0 : 256) + ((r.words[0]! >> 8) & ~(span - 1));
  SCOPED_FIRST_BYTE.fill(1, first, first + span);
  WHOLE_BYTE_SCOPE.fill(r.bits <= 8 ? r.scope : undefined, first, first + span);
}

/** Where an address is routable. An unparseable string is `reserved` (it names nothing on the Internet). */
export function ipScope(ip: string): IpScope {
  const version = readAddressWords(ip);
  if (version === 0) return 'reserved';
  if (SCOPED_FIRST_BYTE[(version === 4 ? 0 : 256) + (WORDS[0]! >> 8)] === 0) return 'public';
  for (const r of SCOPES) {
    if (r.version === version && wordsMatch(WORDS, r.words, r.bits)) return r.scope;
  }
  return 'public';
}

/**
 * ipScope of an address as parseIp returned it (valid and canonical: a dotted quad, or lower-case RFC 5952
 * IPv6 without a dotted tail), without reading it again: such text names its first byte in its first group,
 * and most first bytes belong to no special-purpose range. The rest take ipScope's full reading. Every hop
 * asks this of its client address, just parsed by the Received parser.
 */
export function parsedIpScope(ip: string): IpScope {
  let decimal = 0;
  let hex = 0;
  let digits = true;
  for (let i = 0; i < ip.length && i < 5; i++) {
    const c = ip.charCodeAt(i);
    // The IPv4 table is the first 256 entries: a first label that is not a byte goes the long way.
    if (c === 46 /* . */) return i > 0 && digits && decimal < 256 ? scopeByFirstByte(decimal, ip) : ipScope(ip);
    if (c === 58 /* : */) return i > 0 ? scopeByFirstByte(256 + (hex >> 8), ip) : ipScope(ip);
    const h = hexValue(c);
    if (h < 0) break;
    if (h > 9) digits = false;
    decimal = decimal * 10 + h;
    hex = hex * 16 + h;
  }
  return ipScope(ip);
}

/** parsedIpScope once the first byte is known (as a SCOPED_FIRST_BYTE index): loopback 127.0.0.1 is as
 * common in Received fields as a public address, and its whole /8 is one scope. */
function scopeByFirstByte(index: number, ip: string): IpScope {
  if (SCOPED_FIRST_BYTE[index] === 0) return 'public';
  return WHOLE_BYTE_SCOPE[index] ?? ipScope(ip);
}

/** Whether `ip` lies in the CIDR `prefix` (`10.0.0.0/8`, `2603:10b6::/32`); false for anything malformed. */
export function ipInPrefix(ip: string, prefix: string): boolean {
  const p = compilePrefix(prefix);
  return p !== undefined && ipInAnyPrefix(ip, [p]);
}

/**
 * Addresses that no TCP connection comes from, so a Received field naming one as its client was not written
 * by a server that took the message from it: "this network" 0/8 (RFC 1122 §3.2.1.3: a source only while a
 * host learns its own address), multicast 224/4 (a group, never a source: RFC 1122 §3.2.1.3, RFC 1112 §4),
 * the reserved 240/4 with the broadcast 255.255.255.255 (RFC 6890: not a valid source), and IPv6's
 * unspecified :: and multicast ff00::/8 (RFC 4291 §2.5.2, §2.7).
 */
const NEVER_A_SOURCE = ['0.0.0.0/8', '224.0.0.0/4', '240.0.0.0/4', '::/128', 'ff00::/8'].map((p) => compilePrefix(p)!);

/** Whether `ip` can never be the address a TCP client connects from (see NEVER_A_SOURCE). */
export function isNeverASource(ip: string): boolean {
  return ipInAnyPrefix(ip, NEVER_A_SOURCE);
}
