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

// A dense array (a sparse one would fall back to slow dictionary elements).
let longest = 0;
for (const decoder of antispamDecoders) longest = Math.max(longest, decoder.field.length);
const BY_LENGTH: Array<Candidate[] | undefined> = new Array(longest + 1).fill(undefined);
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
}

function foldAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function equalsFolded(name: string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) if (foldAscii(name.charCodeAt(i)) !== lower.charCodeAt(i)) return false;
  return true;
}

/** The decoder for a field name, if any (case-insensitive). */
export function decoderFor(name: string): FieldDecoder | undefined {
  const n = name.length;
  const candidates = n < BY_LENGTH.length ? BY_LENGTH[n] : undefined;
  if (candidates === undefined) return undefined;
  const last = foldAscii(name.charCodeAt(n - 1));
  const middle = foldAscii(name.charCodeAt(n >> 1));
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    // The two characters first: comparing the whole name with every candidate of its length (most field
    // names have one) cost more than the rest of the lookup.
    if (c.last !== last || c.middle !== middle) continue;
    if (name === c.exact || equalsFolded(name, c.lower)) return c.decoder;
  }
  return undefined;
}

export function decodeAntispam(headers: HeaderField[], isTrusted: (headerIndex: number) => boolean): VendorVerdict[] {
  const out: VendorVerdict[] = [];
  for (const header of headers) {
    const decoder = decoderFor(header.name);
    if (decoder === undefined) continue;
    const decoded = decoder.decode(header.value);
    const verdict: VendorVerdict = {
      vendor: decoded.vendor ?? decoder.vendor,
      header: header.index,
      field: header.name,
      trusted: decoder.alwaysUntrusted !== true && isTrusted(header.index),
      items: decoded.items,
    };
    if (decoded.summary !== undefined) verdict.summary = decoded.summary;
    if (decoded.score !== undefined && Number.isFinite(decoded.score)) verdict.score = decoded.score;
    out.push(verdict);
  }
  return out;
}
