// Apache SpamAssassin's default header fields (add_header in Mail::SpamAssassin::Conf):
//   X-Spam-Status: Yes, score=5.2 required=5.0 tests=RULE_A,RULE_B autolearn=no version=3.4.6
//   X-Spam-Flag: YES · X-Spam-Level: ***** · X-Spam-Checker-Version: SpamAssassin 3.4.6 (…) on host
//   X-Spam-Report: rule lines "* 1.2 RULE_NAME description" (or the pts/rule name/description table)
// Many wrappers (amavis, cPanel, MailScanner) write the same fields; `tests=` may be bracketed with
// points per rule (`tests=[BAYES_00=-1.9, …]`) and folded over several lines.

import { isSpace } from '../chars';
import type { VendorVerdictItem } from '../types';
import { type DecodedField, defineTable, type FieldDecoder, meaningOf } from './decoder';
import { decodeRspamdSpamReport } from './rspamd';
import { collapseSpace, isRuleName, item, splitSpacedPairs, wholeNumber, words } from './scan';

export const SPAMASSASSIN_SOURCE = 'https://spamassassin.apache.org/full/4.0.x/doc/Mail_SpamAssassin_Conf.html';

const VENDOR = 'SpamAssassin';

export const SPAM_STATUS_KEYS = defineTable(SPAMASSASSIN_SOURCE, {
  status: 'Whether the score reached the required score (Yes: spam)',
  score: 'Total score of the rules that matched',
  required: 'Score at or above which the message counts as spam',
  tests: 'Rules that matched (with their points when listed)',
  autolearn: 'Whether the Bayes classifier learned from this message (ham, spam, no, disabled, unavailable, failed)',
  autolearn_force: 'Whether auto-learning was forced by a rule flagged autolearn_force',
  version: 'SpamAssassin version',
  hits: 'Total score (older name of score=)',
  shortcircuit: 'Rule evaluation stopped early (Shortcircuit plugin)',
});

/** The value of X-Spam-Status. Yes/No first, then space-separated key=value. */
export function decodeSpamStatus(value: string, vendor = VENDOR): DecodedField {
  const items: VendorVerdictItem[] = [];
  let i = 0;
  const n = value.length;
  while (i < n && isSpace(value.charCodeAt(i))) i++;
  let end = i;
  while (end < n && value.charCodeAt(end) !== 44 && !isSpace(value.charCodeAt(end))) end++;
  const status = value.slice(i, end);
  items.push(item('status', status, meaningOf(SPAM_STATUS_KEYS, 'status')));
  let score: number | undefined;
  let required: number | undefined;
  const rules: VendorVerdictItem[] = [];
  for (const { key, value: v } of splitSpacedPairs(value.slice(end + 1))) {
    const lower = key.toLowerCase();
    if (lower === 'score' || lower === 'hits') score = wholeNumber(v);
    else if (lower === 'required') required = wholeNumber(v);
    items.push(item(lower, v, meaningOf(SPAM_STATUS_KEYS, lower)));
    if (lower === 'tests') for (const rule of splitRuleList(v)) rules.push(rule);
  }
  const verdict = status.toLowerCase() === 'yes' ? 'spam' : status.toLowerCase() === 'no' ? 'not spam' : status;
  let summary = `${vendor}: ${verdict}`;
  if (score !== undefined) summary += `, score ${score}${required === undefined ? '' : ` of ${required} required`}`;
  if (rules.length > 0) summary += `, ${rules.length} rule${rules.length === 1 ? '' : 's'}`;
  const out: DecodedField = { summary, items: items.concat(rules) };
  if (score !== undefined) out.score = score;
  return out;
}

/** `A,B, C` or `A=1.0, B=-1.9` → one item per rule (value: its points, when given). */
export function splitRuleList(list: string): VendorVerdictItem[] {
  const out: VendorVerdictItem[] = [];
  let start = 0;
  for (let i = 0; i <= list.length; i++) {
    if (i < list.length && list.charCodeAt(i) !== 44) continue;
    const part = list.slice(start, i).trim();
    start = i + 1;
    if (part === '' || part.toLowerCase() === 'none') continue;
    const eq = part.indexOf('=');
    out.push(eq < 0 ? item(part, '') : item(part.slice(0, eq).trim(), part.slice(eq + 1).trim()));
  }
  return out;
}

/**
 * Rule lines of a report: a number (points) followed by a RULE_NAME, then a description up to the
 * next such pair. Works for both SpamAssassin layouts after unfolding, and for Barracuda's.
 */
export function decodeRuleReport(value: string): VendorVerdictItem[] {
  const ws = words(value);
  const out: VendorVerdictItem[] = [];
  let current: { key: string; points: string; description: string[] } | null = null;
  const flush = () => {
    if (current) out.push(item(current.key, current.points, current.description.join(' ') || undefined));
  };
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const next = ws[i + 1];
    if (next !== undefined && isPoints(w) && isRuleName(next)) {
      flush();
      current = { key: next, points: w, description: [] };
      i++;
      continue;
    }
    if (current && w !== '*') current.description.push(w);
  }
  flush();
  return out;
}

function isPoints(word: string): boolean {
  return wholeNumber(word) !== undefined;
}

function decodeSpamReport(value: string): DecodedField {
  if (value.trimStart().startsWith('Action:')) return decodeRspamdSpamReport(value);
  const rules = decodeRuleReport(value);
  let total = 0;
  for (const r of rules) total += wholeNumber(r.value) ?? 0;
  const summary =
    rules.length > 0
      ? `${VENDOR}: report of ${rules.length} rule${rules.length === 1 ? '' : 's'} totalling ${round(total)} points`
      : `${VENDOR}: report`;
  return { summary, items: rules.length > 0 ? rules : [item('report', collapseSpace(value))] };
}

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function decodeSpamLevel(value: string): DecodedField {
  const v = value.trim();
  let stars = 0;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) === v.charCodeAt(0)) stars++;
  return {
    summary: `${VENDOR}: spam level ${stars} (score rounded down, one mark per point)`,
    score: stars,
    items: [item('level', v, 'One mark per whole point of spam score')],
  };
}

function decodeSpamFlag(value: string): DecodedField {
  const v = value.trim();
  const yes = v.toUpperCase() === 'YES';
  return {
    summary: `${VENDOR}: ${yes ? 'flagged as spam' : v.toUpperCase() === 'NO' ? 'not flagged as spam' : v}`,
    items: [item('flag', v, yes ? 'The message was classified as spam' : 'The message was not classified as spam')],
  };
}

function decodeCheckerVersion(value: string): DecodedField {
  const v = collapseSpace(value);
  const on = v.lastIndexOf(' on ');
  const items = [item('version', on > 0 ? v.slice(0, on) : v, 'Filter name and version')];
  if (on > 0) items.push(item('host', v.slice(on + 4), 'Host that ran the filter'));
  return { summary: `${VENDOR}: checked by ${v}`, items };
}

export const spamAssassinDecoders: FieldDecoder[] = [
  { field: 'X-Spam-Status', vendor: VENDOR, decode: (v) => decodeSpamStatus(v) },
  { field: 'X-Spam-Report', vendor: VENDOR, decode: decodeSpamReport },
  { field: 'X-Spam-Level', vendor: VENDOR, decode: decodeSpamLevel },
  { field: 'X-Spam-Flag', vendor: VENDOR, decode: decodeSpamFlag },
  { field: 'X-Spam-Checker-Version', vendor: VENDOR, decode: decodeCheckerVersion },
];
