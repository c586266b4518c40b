// Proofpoint Protection Server / Email Protection:
//   X-Proofpoint-Spam-Details: rule=notspam policy=default score=0 spamscore=0 phishscore=0 …
//     classifier=spam adjust=0 reason=mlx scancount=1 engine=8.12.0-2104190000 definitions=main-…
//   X-Proofpoint-Virus-Version: vendor=nai engine=6200 definitions=10057 signatures=668682
// Proofpoint publishes no public reference for these keys; the classifier scores run 0–100 (higher
// means more likely that class), which its customers' help pages describe. Keys Proofpoint does not
// explain (mlxlogscore, clxscore, authscore, …) are kept with a cautious description or none.

import type { VendorVerdictItem } from '../types';
import { type DecodedField, defineTable, type FieldDecoder, meaningOf } from './decoder';
import { collapseSpace, item, splitSpacedPairs, wholeNumber } from './scan';

export const PROOFPOINT_SOURCE = 'https://gethelp.uh.edu/kb/3051';

const VENDOR = 'Proofpoint';

export const PROOFPOINT_SPAM_DETAILS = defineTable(PROOFPOINT_SOURCE, {
  rule: 'Rule that decided the disposition (notspam, spam, bulk, outbound_notspam, …)',
  policy: 'Policy route applied (default, outbound, …)',
  score: 'Overall score of the deciding classifier (0–100)',
  spamscore: 'Spam classifier score (0–100; 100 is definite spam)',
  suspectscore: 'Suspect-spam score (0–100)',
  phishscore: 'Phishing classifier score (0–100)',
  bulkscore: 'Bulk mail classifier score (0–100)',
  adultscore: 'Adult content classifier score (0–100)',
  malwarescore: 'Malware classifier score (0–100)',
  impostorscore: 'Impostor (business email compromise) classifier score (0–100)',
  lowpriorityscore: 'Low-priority mail classifier score',
  priorityscore: 'Priority classifier score (internal scale)',
  ipscore: 'Sender IP reputation score',
  mlxscore: 'Machine-learning (MLX) spam score (0–100)',
  mlxlogscore: 'Machine-learning (MLX) log score (internal scale)',
  clxscore: 'CLX classifier score (internal scale)',
  classifier: 'Classifier whose score decided',
  adjust: 'Score adjustment applied by policy',
  reason: 'Which engine decided (mlx: machine learning)',
  scancount: 'How many times the message was scanned',
  engine: 'Filtering engine version',
  definitions: 'Spam definitions version',
  route: 'Mail route (inbound, outbound)',
});

const VIRUS_VERSION = defineTable(PROOFPOINT_SOURCE, {
  vendor: 'Anti-virus engine vendor',
  engine: 'Anti-virus engine version',
  definitions: 'Virus definitions version',
  signatures: 'Signature set version',
});

const SUMMARY_SCORES: ReadonlyArray<[string, string]> = [
  ['spamscore', 'spam'],
  ['phishscore', 'phish'],
  ['malwarescore', 'malware'],
  ['bulkscore', 'bulk'],
  ['impostorscore', 'impostor'],
  ['adultscore', 'adult'],
];

function decodeSpamDetails(value: string): DecodedField {
  const items: VendorVerdictItem[] = [];
  const byKey = new Map<string, string>();
  for (const { key, value: v } of splitSpacedPairs(value)) {
    const lower = key.toLowerCase();
    byKey.set(lower, v);
    items.push(item(key, v, meaningOf(PROOFPOINT_SPAM_DETAILS, lower)));
  }
  const parts: string[] = [];
  const rule = byKey.get('rule');
  if (rule) parts.push(`rule ${rule}`);
  for (const [key, label] of SUMMARY_SCORES) {
    const v = byKey.get(key);
    if (v !== undefined && v !== '') parts.push(`${label} ${v}`);
  }
  const score = wholeNumber(byKey.get('spamscore') ?? byKey.get('score') ?? '');
  const summary = `${VENDOR}: ${parts.length > 0 ? parts.join(', ') : 'spam details'}`;
  return score === undefined ? { summary, items } : { summary, score, items };
}

function decodeVirusVersion(value: string): DecodedField {
  const items: VendorVerdictItem[] = [];
  let vendor = '';
  for (const { key, value: v } of splitSpacedPairs(value)) {
    if (key === 'vendor') vendor = v;
    items.push(item(key, v, meaningOf(VIRUS_VERSION, key)));
  }
  return { summary: `${VENDOR}: virus scan${vendor ? ` by ${vendor} engine` : ''}`, items };
}

function decodeGuid(value: string, original: boolean): DecodedField {
  const v = collapseSpace(value);
  return {
    summary: `${VENDOR}: ${original ? 'original ' : ''}tracking id ${v}`,
    items: [
      item('guid', v, original ? 'Proofpoint tracking id of the original message' : 'Proofpoint message tracking id'),
    ],
  };
}

export const proofpointDecoders: FieldDecoder[] = [
  { field: 'X-Proofpoint-Spam-Details', vendor: VENDOR, keyed: true, decode: decodeSpamDetails },
  { field: 'X-Proofpoint-Virus-Version', vendor: VENDOR, keyed: true, decode: decodeVirusVersion },
  { field: 'X-Proofpoint-GUID', vendor: VENDOR, decode: (v) => decodeGuid(v, false) },
  { field: 'X-Proofpoint-ORIG-GUID', vendor: VENDOR, decode: (v) => decodeGuid(v, true) },
];
