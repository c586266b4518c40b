// Rspamd (https://rspamd.com) via its milter headers:
//   X-Spamd-Result: default: False [9.90 / 25.00]; SYMBOL(score)[options]; …
//   X-Rspamd-Score, X-Rspamd-Action, X-Spamd-Bar, X-Rspamd-Server, X-Rspamd-Queue-Id, X-Rspamd-Pre-Result
// The bracketed pair is the score and the reject threshold; True/False says whether the score
// reached it.

import type { VendorVerdictItem } from '../types';
import { type DecodedField, type FieldDecoder, meaningOf } from './decoder';
import { collapseSpace, item, leadingNumber, splitPairs, wholeNumber, words } from './scan';
import { RSPAMD_ACTIONS, RSPAMD_SYMBOLS } from './tables/rspamd';

const VENDOR = 'Rspamd';

/** Splits on `;` outside `[…]` and `(…)`. */
function splitSymbols(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 91 || c === 40) depth++;
    else if ((c === 93 || c === 41) && depth > 0) depth--;
    else if (c === 59 && depth === 0) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out;
}

interface RspamdSymbol {
  name: string;
  score: number;
  item: VendorVerdictItem;
}

function parseSymbol(text: string): RspamdSymbol | null {
  const open = text.indexOf('(');
  const name = (open < 0 ? text : text.slice(0, open)).trim();
  if (name === '') return null;
  let score = Number.NaN;
  let scoreText = '';
  let rest = '';
  if (open >= 0) {
    const close = text.indexOf(')', open);
    scoreText = text.slice(open + 1, close < 0 ? text.length : close).trim();
    score = leadingNumber(scoreText);
    rest = close < 0 ? '' : text.slice(close + 1).trim();
  }
  let options = '';
  if (rest.startsWith('[')) {
    const end = rest.lastIndexOf(']');
    options = collapseSpace(rest.slice(1, end < 0 ? rest.length : end));
  }
  const value = options ? `${scoreText} [${options}]`.trim() : scoreText;
  return { name, score: Number.isFinite(score) ? score : 0, item: item(name, value, meaningOf(RSPAMD_SYMBOLS, name)) };
}

export function decodeSpamdResult(value: string): DecodedField {
  const segments = splitSymbols(value);
  const items: VendorVerdictItem[] = [];
  const symbols: RspamdSymbol[] = [];
  let score: number | undefined;
  let threshold: number | undefined;
  let reached = '';
  for (const raw of segments) {
    const segment = raw.trim();
    if (segment === '') continue;
    const colon = segment.indexOf(':');
    const bracket = segment.indexOf('[');
    // The metric line: "default: False [9.90 / 25.00]" (a colon before any bracket or parenthesis).
    if (
      items.length === 0 &&
      symbols.length === 0 &&
      colon > 0 &&
      (bracket < 0 || colon < bracket) &&
      !segment.slice(0, colon).includes('(')
    ) {
      const metric = segment.slice(0, colon).trim();
      const rest = segment.slice(colon + 1).trim();
      reached = words(rest)[0] ?? '';
      if (bracket >= 0) {
        const inner = segment.slice(
          bracket + 1,
          segment.indexOf(']', bracket) < 0 ? undefined : segment.indexOf(']', bracket),
        );
        const slash = inner.indexOf('/');
        score = finite(leadingNumber(slash < 0 ? inner : inner.slice(0, slash)));
        threshold = slash < 0 ? undefined : finite(leadingNumber(inner.slice(slash + 1)));
      }
      const meaning =
        score === undefined
          ? 'Metric result'
          : `Score ${score}${threshold === undefined ? '' : `; reject threshold ${threshold}`}; ${reached.toLowerCase() === 'true' ? 'reached' : 'not reached'}`;
      items.push(item(metric, collapseSpace(rest), meaning));
      continue;
    }
    const symbol = parseSymbol(segment);
    if (symbol) symbols.push(symbol);
  }
  for (const s of symbols) items.push(s.item);
  let summary = `${VENDOR}: `;
  summary +=
    score === undefined ? 'result' : `score ${score}${threshold === undefined ? '' : ` of ${threshold} to reject`}`;
  summary += `, ${symbols.length} symbol${symbols.length === 1 ? '' : 's'}`;
  const top = symbols
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((s) => `${s.name} ${s.score}`);
  if (top.length > 0) summary += `; top: ${top.join(', ')}`;
  return score === undefined ? { summary, items } : { summary, score, items };
}

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

function decodeAction(value: string): DecodedField {
  const v = collapseSpace(value);
  const meaning = meaningOf(RSPAMD_ACTIONS, v.toLowerCase());
  return { summary: `${VENDOR}: action ${v}`, items: [item('action', v, meaning)] };
}

function decodeScore(value: string): DecodedField {
  const v = value.trim();
  const n = wholeNumber(v);
  const out: DecodedField = { summary: `${VENDOR}: score ${v}`, items: [item('score', v, 'Total Rspamd score')] };
  if (n !== undefined) out.score = n;
  return out;
}

/** `+++` (score ≥ 3), `--` (≤ -2), `/` (about zero): one mark per point. */
function decodeBar(value: string): DecodedField {
  const v = value.trim();
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 43) n++;
    else if (c === 45) n--;
  }
  return {
    summary: `${VENDOR}: score bar ${v} (about ${n} points)`,
    score: n,
    items: [item('bar', v, 'One + (or -) per point of score; / when the score is about zero')],
  };
}

function decodePreResult(value: string): DecodedField {
  const items: VendorVerdictItem[] = [];
  let action = '';
  for (const { key, value: v } of splitPairs(value, '=')) {
    if (v === '') items.push(item('message', key));
    else {
      items.push(item(key, v, key === 'action' ? meaningOf(RSPAMD_ACTIONS, v.toLowerCase()) : undefined));
      if (key === 'action') action = v;
    }
  }
  return { summary: `${VENDOR}: pre-result${action ? ` action ${action}` : ''}`, items };
}

/** Rspamd's X-Spam-Report layout: "Action: no action Symbol: NAME(0.00) … Message-ID: …". */
export function decodeRspamdSpamReport(value: string): DecodedField {
  const ws = words(value);
  const items: VendorVerdictItem[] = [];
  let action = '';
  let count = 0;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (w === 'Action:') {
      const parts: string[] = [];
      while (i + 1 < ws.length && !ws[i + 1]!.endsWith(':')) parts.push(ws[++i]!);
      action = parts.join(' ');
      items.push(item('action', action, meaningOf(RSPAMD_ACTIONS, action.toLowerCase())));
    } else if (w === 'Symbol:' && i + 1 < ws.length) {
      const symbol = parseSymbol(ws[++i]!);
      if (symbol) {
        items.push(symbol.item);
        count++;
      }
    } else if (w === 'Message-ID:' && i + 1 < ws.length) {
      items.push(item('Message-ID', ws[++i]!));
    }
  }
  return { vendor: VENDOR, summary: `${VENDOR}: report, action ${action || 'unknown'}, ${count} symbols`, items };
}

export const rspamdDecoders: FieldDecoder[] = [
  { field: 'X-Spamd-Result', vendor: VENDOR, decode: decodeSpamdResult },
  { field: 'X-Rspamd-Score', vendor: VENDOR, decode: decodeScore },
  { field: 'X-Rspamd-Action', vendor: VENDOR, decode: decodeAction },
  { field: 'X-Spamd-Bar', vendor: VENDOR, decode: decodeBar },
  { field: 'X-Rspamd-Pre-Result', vendor: VENDOR, decode: decodePreResult },
  {
    field: 'X-Rspamd-Server',
    vendor: VENDOR,
    decode: (v) => ({
      summary: `${VENDOR}: scanned on ${v.trim()}`,
      items: [item('server', v.trim(), 'Rspamd server that scanned the message')],
    }),
  },
  {
    field: 'X-Rspamd-Queue-Id',
    vendor: VENDOR,
    decode: (v) => ({
      summary: `${VENDOR}: queue id ${v.trim()}`,
      items: [item('queue-id', v.trim(), "The MTA's queue id of the scanned message")],
    }),
  },
];
