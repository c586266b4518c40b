// DKIM-Signature (RFC 6376 §3.5). Read for display and alignment only: nothing here verifies a
// signature (that needs the key from DNS and the exact bytes of the message).
//
// Required tags: v (must be 1), a, b, bh, d, h, s. The domain and algorithm are lower-cased (they are
// case-insensitive); h= is split into lower-cased header names. Each problem is a Diagnostic; the
// tags are kept whatever their state.

import type { Diagnostic, DkimSignature } from '../types';
import { parseTagList } from './tags';

export type ParsedDkimSignature = Omit<DkimSignature, 'header'> & { diagnostics: Diagnostic[] };

const REQUIRED = ['v', 'a', 'b', 'bh', 'd', 'h', 's'] as const;
const NUMBER_TAGS = [
  ['l', 'bodyLength'],
  ['t', 'timestamp'],
  ['x', 'expiration'],
] as const;

/** A non-negative decimal (l=, t=, x=), or undefined. RFC 6376 allows at most 12 digits for t= and x=. */
export function parseDecimal(text: string): number | undefined {
  if (text.length === 0 || text.length > 76) return undefined;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return undefined;
  }
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** h= as a list of lower-cased header names (empty names dropped). */
export function signedHeaderList(h: string | undefined): string[] {
  if (h === undefined || h === '') return [];
  // Lower-cased once (':' has no case), then cut at each ':' with indexOf and slice, empty names skipped. Not
  // split(':'): on the fresh h= value of each message, split took a slower path through the runtime and cost
  // more than the rest of the signature's fields.
  const lower = h.toLowerCase();
  const names: string[] = [];
  let from = 0;
  for (;;) {
    const colon = lower.indexOf(':', from);
    const end = colon < 0 ? lower.length : colon;
    if (end > from) names.push(lower.slice(from, end));
    if (colon < 0) return names;
    from = colon + 1;
  }
}

/** Parses a DKIM-Signature field value (folded or unfolded). Never throws. */
export function parseDkimSignature(value: string): ParsedDkimSignature {
  const { tags, diagnostics } = parseTagList(value, 'dkim');
  const out: ParsedDkimSignature = { tags, signedHeaders: signedHeaderList(tags.h), diagnostics };

  const missing = REQUIRED.filter((t) => !Object.hasOwn(tags, t));
  if (missing.length > 0) {
    diagnostics.push({
      code: 'dkim-missing-tag',
      message: `Required tag${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')}.`,
    });
  }
  if (tags.v !== undefined && tags.v !== '1') {
    diagnostics.push({ code: 'dkim-bad-version', message: `v=${tags.v}: only version 1 exists.` });
  }
  if (tags.d !== undefined && tags.d !== '') out.domain = tags.d.toLowerCase();
  if (tags.s !== undefined && tags.s !== '') out.selector = tags.s;
  if (tags.a !== undefined && tags.a !== '') out.algorithm = tags.a.toLowerCase();
  if (tags.c !== undefined && tags.c !== '') out.canonicalization = tags.c.toLowerCase();
  if (tags.i !== undefined && tags.i !== '') out.identity = tags.i;

  for (const [tag, field] of NUMBER_TAGS) {
    const text = tags[tag];
    if (text === undefined) continue;
    const n = parseDecimal(text);
    if (n === undefined) {
      diagnostics.push({ code: 'dkim-bad-number', message: `${tag}=${text} is not a decimal number.` });
    } else {
      out[field] = n;
    }
  }

  if (tags.h !== undefined && !out.signedHeaders.includes('from')) {
    // RFC 6376 §5.4: the From header field MUST be signed.
    diagnostics.push({ code: 'dkim-from-not-signed', message: 'h= does not include From.' });
  }
  if (out.timestamp !== undefined && out.expiration !== undefined && out.expiration <= out.timestamp) {
    diagnostics.push({ code: 'dkim-expires-before-signed', message: 'x= is not later than t= (RFC 6376 §3.5).' });
  }
  if (out.identity !== undefined && out.domain !== undefined) {
    // RFC 6376 §3.5: the domain of i= must be d= or a subdomain of it.
    const at = out.identity.lastIndexOf('@');
    const idDomain = out.identity.slice(at + 1).toLowerCase();
    if (idDomain !== out.domain && !idDomain.endsWith(`.${out.domain}`)) {
      diagnostics.push({
        code: 'dkim-identity-mismatch',
        message: `i=${out.identity} is not in d=${out.domain} or a subdomain of it.`,
      });
    }
  }
  return out;
}
