// Cisco Secure Email Gateway (IronPort). X-IronPort-Anti-Spam-Result and X-IPAS-Result are encoded
// and undocumented: kept, not decoded. X-IronPort-AV is `E=engine; i="versions"; d="scan codes";
// a="id"` as observed; Cisco documents the SenderBase Reputation Score (SBRS): -10 (most likely a
// spam source) through 0 (neutral) to +10 (most likely trustworthy), or "none" when unknown.

import type { VendorVerdictItem } from '../types';
import { type DecodedField, defineTable, type FieldDecoder, meaningOf } from './decoder';
import { collapseSpace, item, splitPairs, wholeNumber } from './scan';

export const IRONPORT_SOURCE =
  'https://www.cisco.com/c/en/us/support/security/email-security-appliance/products-user-guide-list.html';

const VENDOR = 'Cisco IronPort';

/** Observed meanings of X-IronPort-AV tags (Cisco does not document them). */
const AV_TAGS = defineTable(IRONPORT_SOURCE, {
  E: 'Anti-virus engine vendor',
  i: 'Engine and definitions versions',
  d: 'Content types scanned, with internal scan codes',
  a: 'Message id on the appliance',
});

function decodeAv(value: string): DecodedField {
  const items: VendorVerdictItem[] = [];
  let engine = '';
  for (const { key, value: v } of splitPairs(value, '=')) {
    const unquoted = v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
    if (key === 'E') engine = unquoted;
    items.push(item(key, unquoted, meaningOf(AV_TAGS, key)));
  }
  return { summary: `${VENDOR}: anti-virus scan${engine ? ` by ${engine} engine` : ''}`, items };
}

export function sbrsLabel(score: number): string {
  if (score < 0) return 'negative: more likely a spam source';
  if (score > 0) return 'positive: more likely a trustworthy sender';
  return 'neutral or not enough information';
}

function decodeReputation(value: string): DecodedField {
  const v = value.trim();
  const n = wholeNumber(v);
  if (n === undefined) {
    const none = v.toLowerCase() === 'none';
    return {
      summary: `${VENDOR}: SenderBase reputation ${none ? 'none (no score for this IP)' : v}`,
      items: [item('SBRS', v, none ? 'No reputation score is known for the sending IP' : undefined)],
    };
  }
  return {
    summary: `${VENDOR}: SenderBase reputation ${n} (${sbrsLabel(n)})`,
    score: n,
    items: [item('SBRS', v, `SenderBase Reputation Score (-10 to +10): ${sbrsLabel(n)}`)],
  };
}

function opaque(label: string, meaning: string) {
  return (value: string): DecodedField => ({
    summary: `${VENDOR}: ${label}`,
    items: [item('result', collapseSpace(value), meaning)],
  });
}

export const ironportDecoders: FieldDecoder[] = [
  { field: 'X-IronPort-AV', vendor: VENDOR, keyed: true, decode: decodeAv },
  {
    field: 'X-IronPort-Anti-Spam-Filtered',
    vendor: VENDOR,
    decode: (value) => {
      const v = value.trim();
      return {
        summary: `${VENDOR}: ${v.toLowerCase() === 'true' ? 'scanned by anti-spam' : `anti-spam filtered ${v}`}`,
        items: [item('filtered', v, 'The message went through IronPort anti-spam scanning')],
      };
    },
  },
  {
    field: 'X-IronPort-Anti-Spam-Result',
    vendor: VENDOR,
    decode: opaque('anti-spam result (encoded)', 'Encoded anti-spam result (undocumented format)'),
  },
  {
    field: 'X-IPAS-Result',
    vendor: VENDOR,
    decode: opaque('anti-spam result (encoded)', 'Encoded IronPort anti-spam result (undocumented format)'),
  },
  { field: 'X-IronPort-Reputation', vendor: VENDOR, decode: decodeReputation },
  { field: 'X-SBRS', vendor: VENDOR, decode: decodeReputation },
];
