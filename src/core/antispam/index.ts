// Vendor spam verdicts: every header field some filter writes about its verdict, decoded into
// VendorVerdict (DESIGN.md §3) with meanings from the vendors' documentation (tables/ and each
// vendor module). One pass over the headers, one Map lookup per field; the Map is built once.
//
// Trust: a verdict is only the recipient side's when its field sits where only the recipient's
// servers could have written it; the caller's isTrusted answers that from the Received-chain
// analysis. Microsoft's -Untrusted copies are the sending tenant's and never trusted.

import type { HeaderField, VendorVerdict } from '../types';
import { barracudaDecoders } from './barracuda';
import type { FieldDecoder } from './decoder';
import { genericDecoders } from './generic';
import { googleDecoders } from './google';
import { ironportDecoders } from './ironport';
import { microsoftDecoders } from './microsoft';
import { mimecastDecoders } from './mimecast';
import { proofpointDecoders } from './proofpoint';
import { rspamdDecoders } from './rspamd';
import { spamAssassinDecoders } from './spamassassin';

export const antispamDecoders: readonly FieldDecoder[] = [
  ...microsoftDecoders,
  ...spamAssassinDecoders,
  ...rspamdDecoders,
  ...proofpointDecoders,
  ...mimecastDecoders,
  ...barracudaDecoders,
  ...ironportDecoders,
  ...googleDecoders,
  ...genericDecoders,
];

// Field names are matched without hashing or lower-casing them: candidates by length, then the last
// and middle characters, then the usual spelling or a case-insensitive compare. Most fields of a
// message fail at the first or second step.
interface Candidate {
  exact: string;
  lower: string;
  last: number;
  middle: number;
  decoder: FieldDecoder;
}

// Dense arrays (a sparse one would fall back to slow dictionary elements).
let longest = 0;
for (const decoder of antispamDecoders) longest = Math.max(longest, decoder.field.length);
const BY_LENGTH: Array<Candidate[] | undefined> = new Array(longest + 1).fill(undefined);
// Per length, one bit per last character of its candidates (the character's low five bits): a field name
// of a candidate's length but with another last character, most of them, is rejected without a candidate
// loop.
const LAST_BITS: number[] = new Array(longest + 1).fill(0);
for (const decoder of antispamDecoders) {
  const lower = decoder.field.toLowerCase();
  const candidate = {
    exact: decoder.field,
    lower,
    last: lower.charCodeAt(lower.length - 1),
    middle: lower.charCodeAt(lower.length >> 1),
    decoder,
  };
  const list = BY_LENGTH[lower.length];
  if (list === undefined) BY_LENGTH[lower.length] = [candidate];
  else list.push(candidate);
  LAST_BITS[lower.length]! |= lastBit(candidate.last);
}

function lastBit(c: number): number {
  return 1 << (c & 31);
}

function foldAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function equalsFolded(name: string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) if (foldAscii(name.charCodeAt(i)) !== lower.charCodeAt(i)) return false;
  return true;
}

/** The candidate whose field a name is, if any (case-insensitive). */
function candidateFor(name: string): Candidate | undefined {
  const n = name.length;
  if (n >= BY_LENGTH.length || LAST_BITS[n] === 0) return undefined;
  const last = foldAscii(name.charCodeAt(n - 1));
  if ((LAST_BITS[n]! & lastBit(last)) === 0) return undefined;
  const candidates = BY_LENGTH[n]!;
  const middle = foldAscii(name.charCodeAt(n >> 1));
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    // The two characters first: comparing the whole name with every candidate of its length (most field
    // names have one) cost more than the rest of the lookup.
    if (c.last !== last || c.middle !== middle) continue;
    if (name === c.exact || equalsFolded(name, c.lower)) return c;
  }
  return undefined;
}

/** The decoder for a field name, if any (case-insensitive). */
export function decoderFor(name: string): FieldDecoder | undefined {
  return candidateFor(name)?.decoder;
}

/**
 * Is the verdict in the field at `headerIndex` the recipient side's? `lowerName` is the field's name
 * lower-cased: the name matched a decoder's field in ASCII letter case only, so it is that field's
 * lower-cased name, a constant that callers can compare natively instead of reading the name again.
 */
export type IsTrusted = (headerIndex: number, lowerName: string) => boolean;

export function decodeAntispam(headers: HeaderField[], isTrusted: IsTrusted): VendorVerdict[] {
  const out: VendorVerdict[] = [];
  for (const header of headers) {
    const candidate = candidateFor(header.name);
    if (candidate === undefined) continue;
    const decoder = candidate.decoder;
    const decoded = decoder.decode(header.value);
    const verdict: VendorVerdict = {
      vendor: decoded.vendor ?? decoder.vendor,
      header: header.index,
      field: header.name,
      trusted: decoder.alwaysUntrusted !== true && isTrusted(header.index, candidate.lower),
      items: decoded.items,
    };
    if (decoded.summary !== undefined) verdict.summary = decoded.summary;
    if (decoded.score !== undefined && Number.isFinite(decoded.score)) verdict.score = decoded.score;
    out.push(verdict);
  }
  return out;
}
