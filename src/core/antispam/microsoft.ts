// Microsoft 365 / Exchange Online Protection anti-spam fields. Trust comes from position (index.ts),
// except the -Untrusted copies: those are the sending tenant's own verdict on its outbound mail,
// carried along, and never describe what the recipient's side decided.

import type { VendorVerdictItem } from '../types';
import type { DecodedField, FieldDecoder, MeaningTable } from './decoder';
import { item, scanPairs, splitPairs, trimmedSlice, wholeNumber } from './scan';
import {
  AUTH_AS_VALUES,
  BCL_VALUES,
  CAT_VALUES,
  DIR_VALUES,
  DIRECTIONALITY_VALUES,
  FOREFRONT_KEYS,
  IPV_VALUES,
  MAILBOX_DELIVERY_DEST,
  MAILBOX_DELIVERY_KEYS,
  MAILBOX_DELIVERY_OFR,
  MICROSOFT_ANTISPAM_KEYS,
  PCL_VALUES,
  SCL_VALUES,
  SFTY_VALUES,
  SFV_VALUES,
  SRV_VALUES,
} from './tables/microsoft';

const VENDOR = 'Microsoft';
const PREFIX = 'Microsoft: ';
const UNTRUSTED_PREFIX = "Microsoft: sending tenant's copy, not the recipient's verdict: ";

/** Forefront keys whose values are enumerated; their item meaning is the value's meaning. */
const FOREFRONT_VALUE_TABLES = new Map<string, MeaningTable>([
  ['CAT', CAT_VALUES],
  ['SFV', SFV_VALUES],
  ['IPV', IPV_VALUES],
  ['DIR', DIR_VALUES],
  ['SRV', SRV_VALUES],
  ['SFTY', SFTY_VALUES],
  ['SCL', SCL_VALUES],
]);

/** Summary wording for SFV, shorter than the documented meaning. */
const SFV_SHORT = new Map<string, string>([
  ['BLK', 'blocked sender'],
  ['NSPM', 'not spam'],
  ['SFE', 'safe sender'],
  ['SKA', 'allowed sender'],
  ['SKB', 'blocked by policy'],
  ['SKI', 'filtering skipped'],
  ['SKN', 'marked not spam by a rule'],
  ['SKQ', 'released from quarantine'],
  ['SKS', 'marked spam by a rule'],
  ['SPM', 'marked spam by filtering'],
]);

export function sclLabel(scl: number): string {
  if (scl < 0) return 'filtering skipped';
  if (scl <= 1) return 'not spam';
  if (scl <= 4) return 'not set by filtering';
  if (scl <= 6) return 'spam';
  return 'high confidence spam';
}

function bclLabel(bcl: number): string {
  if (bcl <= 0) return 'not bulk';
  if (bcl <= 3) return 'bulk, few complaints';
  if (bcl <= 7) return 'bulk, mixed complaints';
  return 'bulk, many complaints';
}

function pclLabel(pcl: number): string {
  return pcl >= 4 ? 'likely phishing' : 'not likely phishing';
}

/** `KEY:value (short meaning)` when the table knows the value, `KEY:value` otherwise. */
function labelled(key: string, value: string, labels: ReadonlyMap<string, string>): string {
  const label = labels.get(value);
  return label === undefined ? `${key}:${value}` : `${key}:${value} (${label})`;
}

function finish(
  parts: string,
  score: number | undefined,
  items: VendorVerdictItem[],
  untrusted: boolean,
): DecodedField {
  const summary = (untrusted ? UNTRUSTED_PREFIX : PREFIX) + (parts === '' ? 'no verdict fields' : parts);
  return score === undefined ? { summary, items } : { summary, score, items };
}

function append(parts: string, part: string): string {
  return parts === '' ? part : `${parts}, ${part}`;
}

function decodeForefront(value: string, untrusted: boolean): DecodedField {
  const items: VendorVerdictItem[] = [];
  let score: number | undefined;
  let sfv = '';
  let cat = '';
  let sfty = '';
  let srv = '';
  let ipv = '';
  let customSpam = '';
  scanPairs(value, ':', (key, v) => {
    const table = v === '' ? undefined : FOREFRONT_VALUE_TABLES.get(key);
    const valueMeaning = table === undefined ? undefined : table.lookup.get(v);
    items.push(item(key, v, valueMeaning ?? FOREFRONT_KEYS.lookup.get(key)));
    switch (key) {
      case 'SCL':
        score = wholeNumber(v);
        break;
      case 'SFV':
        sfv = v;
        break;
      case 'CAT':
        cat = v;
        break;
      case 'SFTY':
        sfty = v;
        break;
      case 'SRV':
        srv = v;
        break;
      case 'IPV':
        ipv = v;
        break;
      case 'X-CustomSpam':
        customSpam = v;
        break;
    }
  });
  let parts = '';
  if (score !== undefined) parts = `SCL ${score} (${sclLabel(score)})`;
  if (sfv !== '') parts = append(parts, labelled('SFV', sfv, SFV_SHORT));
  if (cat !== '' && cat !== 'NONE') parts = append(parts, labelled('CAT', cat, CAT_VALUES.labels));
  if (sfty !== '') parts = append(parts, labelled('SFTY', sfty, SFTY_VALUES.labels));
  if (srv !== '') parts = append(parts, labelled('SRV', srv, SRV_VALUES.labels));
  if (ipv === 'CAL') parts = append(parts, 'IPV:CAL (IP Allow List)');
  if (customSpam !== '') parts = append(parts, `X-CustomSpam: ${customSpam}`);
  return finish(parts, score, items, untrusted);
}

function decodeMicrosoftAntispam(value: string, untrusted: boolean): DecodedField {
  const items: VendorVerdictItem[] = [];
  let parts = '';
  let bcl: number | undefined;
  scanPairs(value, ':', (key, v) => {
    let meaning: string | undefined;
    if (key === 'BCL') {
      bcl = wholeNumber(v);
      meaning = BCL_VALUES.lookup.get(v);
      if (bcl !== undefined) parts = append(parts, `BCL ${bcl} (${bclLabel(bcl)})`);
    } else if (key === 'PCL') {
      const pcl = wholeNumber(v);
      meaning = PCL_VALUES.lookup.get(v);
      if (pcl !== undefined) parts = append(parts, `PCL ${pcl} (${pclLabel(pcl)})`);
    }
    items.push(item(key, v, meaning ?? MICROSOFT_ANTISPAM_KEYS.lookup.get(key)));
  });
  return finish(parts, bcl, items, untrusted);
}

function decodeMailboxDelivery(value: string): DecodedField {
  const items: VendorVerdictItem[] = [];
  let parts = '';
  scanPairs(value, ':', (key, v) => {
    let meaning: string | undefined;
    if (key === 'dest') {
      meaning = MAILBOX_DELIVERY_DEST.lookup.get(v);
      parts = append(parts, labelled('dest', v, MAILBOX_DELIVERY_DEST.labels));
    } else if (key === 'OFR') {
      meaning = MAILBOX_DELIVERY_OFR.lookup.get(v);
      parts = append(parts, `OFR:${v}`);
    }
    items.push(item(key, v, meaning ?? MAILBOX_DELIVERY_KEYS.lookup.get(key)));
  });
  return finish(parts, undefined, items, false);
}

function decodeLevel(value: string, key: string, table: MeaningTable, label: (n: number) => string): DecodedField {
  const v = trimmedSlice(value, 0, value.length);
  const n = wholeNumber(v);
  return finish(n === undefined ? '' : `${key} ${n} (${label(n)})`, n, [item(key, v, table.lookup.get(v))], false);
}

function decodeWord(value: string, key: string, table: MeaningTable, describe: string): DecodedField {
  const v = trimmedSlice(value, 0, value.length);
  const label = table.labels.get(v);
  const parts = label === undefined ? `${describe} ${v}` : `${describe} ${v} (${label})`;
  return finish(parts, undefined, [item(key, v, table.lookup.get(v))], false);
}

function decodeAuthSource(value: string): DecodedField {
  const v = trimmedSlice(value, 0, value.length);
  return finish(`accepted by ${v}`, undefined, [item('AuthSource', v, AUTH_SOURCE_MEANING)], false);
}

const AUTH_SOURCE_MEANING = 'The Microsoft server that accepted (authenticated) the message';

function decodeScanContext(value: string): DecodedField {
  const pairs = splitPairs(value, ':');
  const items: VendorVerdictItem[] = new Array(pairs.length);
  let parts = '';
  for (let i = 0; i < pairs.length; i++) {
    const { key, value: v } = pairs[i]!;
    let meaning: string | undefined;
    if (key === 'SFV') {
      meaning = SFV_VALUES.lookup.get(v);
      parts = append(parts, labelled('SFV', v, SFV_SHORT));
    } else if (key === 'DIR') {
      meaning = DIRECTIONALITY_VALUES.lookup.get(v);
    }
    items[i] = item(key, v, meaning);
  }
  return finish(parts, undefined, items, false);
}

const decodeScl = (v: string) => decodeLevel(v, 'SCL', SCL_VALUES, sclLabel);
const decodeAuthAs = (v: string) => decodeWord(v, 'AuthAs', AUTH_AS_VALUES, 'sender authenticated as');

export const microsoftDecoders: FieldDecoder[] = [
  { field: 'X-Forefront-Antispam-Report', vendor: VENDOR, keyed: true, decode: (v) => decodeForefront(v, false) },
  {
    field: 'X-Forefront-Antispam-Report-Untrusted',
    vendor: VENDOR,
    alwaysUntrusted: true,
    keyed: true,
    decode: (v) => decodeForefront(v, true),
  },
  { field: 'X-Microsoft-Antispam', vendor: VENDOR, keyed: true, decode: (v) => decodeMicrosoftAntispam(v, false) },
  {
    field: 'X-Microsoft-Antispam-Untrusted',
    vendor: VENDOR,
    alwaysUntrusted: true,
    keyed: true,
    decode: (v) => decodeMicrosoftAntispam(v, true),
  },
  { field: 'X-Microsoft-Antispam-Mailbox-Delivery', vendor: VENDOR, keyed: true, decode: decodeMailboxDelivery },
  { field: 'X-MS-Exchange-Organization-SCL', vendor: VENDOR, decode: decodeScl },
  { field: 'X-MS-Exchange-CrossPremises-SCL', vendor: VENDOR, decode: decodeScl },
  {
    field: 'X-MS-Exchange-Organization-PCL',
    vendor: VENDOR,
    decode: (v) => decodeLevel(v, 'PCL', PCL_VALUES, pclLabel),
  },
  {
    field: 'X-MS-Exchange-Organization-BCL',
    vendor: VENDOR,
    decode: (v) => decodeLevel(v, 'BCL', BCL_VALUES, bclLabel),
  },
  { field: 'X-MS-Exchange-Organization-AuthAs', vendor: VENDOR, decode: decodeAuthAs },
  { field: 'X-MS-Exchange-CrossTenant-AuthAs', vendor: VENDOR, decode: decodeAuthAs },
  { field: 'X-MS-Exchange-CrossPremises-AuthAs', vendor: VENDOR, decode: decodeAuthAs },
  { field: 'X-MS-Exchange-Organization-AuthSource', vendor: VENDOR, decode: decodeAuthSource },
  { field: 'X-MS-Exchange-CrossTenant-AuthSource', vendor: VENDOR, decode: decodeAuthSource },
  {
    // Codes (01, 04, 10, …) are not documented by Microsoft; kept as written.
    field: 'X-MS-Exchange-Organization-AuthMechanism',
    vendor: VENDOR,
    decode: (value) => {
      const v = trimmedSlice(value, 0, value.length);
      return finish(`authentication mechanism code ${v} (undocumented)`, undefined, [item('AuthMechanism', v)], false);
    },
  },
  {
    field: 'X-MS-Exchange-Organization-MessageDirectionality',
    vendor: VENDOR,
    decode: (v) => decodeWord(v, 'MessageDirectionality', DIRECTIONALITY_VALUES, 'direction'),
  },
  { field: 'X-MS-Exchange-CrossPremises-Antispam-ScanContext', vendor: VENDOR, decode: decodeScanContext },
];
