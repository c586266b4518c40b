// Barracuda Email Security Gateway / Spam Firewall:
//   X-Barracuda-Spam-Status: Yes, SCORE=3.60 using per-user scores of TAG_LEVEL=3.5
//     QUARANTINE_LEVEL=9.0 KILL_LEVEL=1000.0 tests=BSF_SC0_MISMATCH_TO, HTML_MESSAGE
//   X-Barracuda-Spam-Report: the rule table (pts rule name description), like SpamAssassin's
// The levels are the site's thresholds: at TAG_LEVEL the message is tagged, at QUARANTINE_LEVEL
// quarantined, at KILL_LEVEL blocked.

import type { VendorVerdictItem } from '../types';
import { type DecodedField, defineTable, type FieldDecoder, meaningOf } from './decoder';
import { collapseSpace, item, splitSpacedPairs, wholeNumber } from './scan';
import { decodeRuleReport, round, splitRuleList } from './spamassassin';

export const BARRACUDA_SOURCE = 'https://campus.barracuda.com/product/emailsecuritygateway/';

const VENDOR = 'Barracuda';

const STATUS_KEYS = defineTable(BARRACUDA_SOURCE, {
  status: 'Whether the message was classified as spam',
  SCORE: 'Total spam score',
  TAG_LEVEL: 'Score at which the message is tagged as spam',
  QUARANTINE_LEVEL: 'Score at which the message is quarantined',
  KILL_LEVEL: 'Score at which the message is blocked',
  tests: 'Rules that matched',
  scores: 'Whose thresholds applied (per-user or global)',
});

function decodeStatus(value: string): DecodedField {
  const comma = value.indexOf(',');
  const status = (comma < 0 ? value : value.slice(0, comma)).trim();
  const items: VendorVerdictItem[] = [item('status', status, meaningOf(STATUS_KEYS, 'status'))];
  const rules: VendorVerdictItem[] = [];
  const levels = new Map<string, number | undefined>();
  for (const { key, value: v } of splitSpacedPairs(comma < 0 ? '' : value.slice(comma + 1))) {
    if (v === '') {
      if (key === 'per-user' || key === 'global') items.push(item('scores', key, meaningOf(STATUS_KEYS, 'scores')));
      continue;
    }
    items.push(item(key, v, meaningOf(STATUS_KEYS, key)));
    if (key === 'tests') for (const r of splitRuleList(v)) rules.push(r);
    else levels.set(key.toUpperCase(), wholeNumber(v));
  }
  const score = levels.get('SCORE');
  const yes = status.toLowerCase() === 'yes';
  let summary = `${VENDOR}: ${yes ? 'spam' : status.toLowerCase() === 'no' ? 'not spam' : status}`;
  if (score !== undefined) summary += `, score ${score}`;
  const thresholds: string[] = [];
  for (const [key, label] of [
    ['TAG_LEVEL', 'tag'],
    ['QUARANTINE_LEVEL', 'quarantine'],
    ['KILL_LEVEL', 'block'],
  ] as const) {
    const n = levels.get(key);
    if (n !== undefined) thresholds.push(`${label} ${n}`);
  }
  if (thresholds.length > 0) summary += ` (${thresholds.join(', ')})`;
  if (rules.length > 0) summary += `, ${rules.length} rule${rules.length === 1 ? '' : 's'}`;
  const out: DecodedField = { summary, items: items.concat(rules) };
  if (score !== undefined) out.score = score;
  return out;
}

function decodeReport(value: string): DecodedField {
  const rules = decodeRuleReport(value);
  let total = 0;
  for (const r of rules) total += wholeNumber(r.value) ?? 0;
  return {
    summary: `${VENDOR}: report of ${rules.length} rule${rules.length === 1 ? '' : 's'} totalling ${round(total)} points`,
    items: rules.length > 0 ? rules : [item('report', collapseSpace(value))],
  };
}

function decodeScore(value: string): DecodedField {
  const v = value.trim();
  const n = wholeNumber(v);
  const out: DecodedField = { summary: `${VENDOR}: spam score ${v}`, items: [item('score', v, 'Total spam score')] };
  if (n !== undefined) out.score = n;
  return out;
}

function decodeStartTime(value: string): DecodedField {
  const v = value.trim();
  const seconds = wholeNumber(v);
  const ok = seconds !== undefined && seconds > 0 && seconds < 1e11;
  const when = ok ? new Date(seconds * 1000).toISOString() : undefined;
  return {
    summary: `${VENDOR}: processing started ${when ?? v}`,
    items: [
      item(
        'start',
        v,
        when ? `Unix time when Barracuda began processing: ${when}` : 'Unix time when Barracuda began processing',
      ),
    ],
  };
}

function decodeConnect(value: string): DecodedField {
  const v = collapseSpace(value);
  const open = v.indexOf('[');
  const close = v.indexOf(']', open + 1);
  const items = [item('connect', v, 'Host (and IP) that connected to the Barracuda')];
  if (open >= 0 && close > open) items.push(item('ip', v.slice(open + 1, close), 'Connecting IP address'));
  return { summary: `${VENDOR}: connection from ${v}`, items };
}

function kept(key: string, meaning: string, label: string) {
  return (value: string): DecodedField => {
    const v = collapseSpace(value);
    return { summary: `${VENDOR}: ${label} ${v}`, items: [item(key, v, meaning)] };
  };
}

export const barracudaDecoders: FieldDecoder[] = [
  { field: 'X-Barracuda-Spam-Score', vendor: VENDOR, decode: decodeScore },
  { field: 'X-Barracuda-Spam-Status', vendor: VENDOR, keyed: true, decode: decodeStatus },
  { field: 'X-Barracuda-Spam-Report', vendor: VENDOR, decode: decodeReport },
  {
    field: 'X-Barracuda-Spam-Flag',
    vendor: VENDOR,
    decode: kept('flag', 'YES when the message was classified as spam', 'spam flag'),
  },
  { field: 'X-Barracuda-Connect', vendor: VENDOR, decode: decodeConnect },
  {
    field: 'X-Barracuda-BRTS-Status',
    vendor: VENDOR,
    decode: kept('status', 'Barracuda Real-Time System (cloud intelligence) check status', 'BRTS status'),
  },
  {
    field: 'X-Barracuda-Envelope-From',
    vendor: VENDOR,
    decode: kept('envelope-from', 'Envelope sender (MAIL FROM) as the Barracuda saw it', 'envelope sender'),
  },
  { field: 'X-Barracuda-Start-Time', vendor: VENDOR, decode: decodeStartTime },
  {
    field: 'X-Barracuda-URL',
    vendor: VENDOR,
    decode: kept('url', "The Barracuda's web interface (text only; not a link to follow)", 'interface'),
  },
];
