// Mimecast Secure Email Gateway. X-Mimecast-Spam-Score is the content scanners' score (higher is
// more likely spam); X-Mimecast-Impersonation-Protect lists the Impersonation Protect indicators as
// `Name=true|false;`, with the policy that ran first.

import type { VendorVerdictItem } from '../types';
import type { DecodedField, FieldDecoder } from './decoder';
import { collapseSpace, item, splitPairs, wholeNumber } from './scan';

export const MIMECAST_SOURCE = 'https://community.mimecast.com/docs/DOC-1435';

const VENDOR = 'Mimecast';

function decodeSpamScore(value: string): DecodedField {
  const v = value.trim();
  const n = wholeNumber(v);
  const out: DecodedField = {
    summary: `${VENDOR}: spam score ${v}`,
    items: [item('score', v, 'Spam score from the content scanners (higher is more likely spam)')],
  };
  if (n !== undefined) out.score = n;
  return out;
}

function decodeImpersonation(value: string): DecodedField {
  const items: VendorVerdictItem[] = [];
  const hits: string[] = [];
  for (const { key, value: v } of splitPairs(value, '=')) {
    const lower = v.toLowerCase();
    if (key === 'Policy') items.push(item(key, v, 'Impersonation Protect policy that was applied'));
    else if (lower === 'true') {
      hits.push(key);
      items.push(item(key, v, `Indicator hit: ${key}`));
    } else items.push(item(key, v));
  }
  const summary = `${VENDOR}: impersonation indicators ${hits.length > 0 ? `hit: ${hits.join(', ')}` : 'none hit'}`;
  return { summary, score: hits.length, items };
}

function kept(key: string, meaning: string, label: string) {
  return (value: string): DecodedField => {
    const v = collapseSpace(value);
    return { summary: `${VENDOR}: ${label} ${v}`, items: [item(key, v, meaning)] };
  };
}

export const mimecastDecoders: FieldDecoder[] = [
  { field: 'X-Mimecast-Spam-Score', vendor: VENDOR, decode: decodeSpamScore },
  {
    field: 'X-Mimecast-Spam-Signature',
    vendor: VENDOR,
    decode: kept('signature', 'Spam signature that matched', 'spam signature'),
  },
  {
    field: 'X-Mimecast-Bulk-Signature',
    vendor: VENDOR,
    decode: kept('signature', 'Bulk mail signature that matched', 'bulk signature'),
  },
  { field: 'X-Mimecast-Impersonation-Protect', vendor: VENDOR, decode: decodeImpersonation },
  { field: 'X-MC-Unique', vendor: VENDOR, decode: kept('id', 'Mimecast message id', 'message id') },
];
