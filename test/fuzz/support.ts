// Shared pieces of the fuzz suite: run counts, seed header blocks, mutation generators and the schema
// invariants every Analysis must satisfy (DESIGN.md §3). `npm test` runs each property a few hundred times;
// `npm run fuzz` (scripts/fuzz.mjs) sets FUZZ_RUNS to run the same properties tens of thousands of times.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../src/core/analyze';
import type { Analysis, AnalyzeOptions, Severity } from '../../src/core/types';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Runs per property: `quick` in `npm test`, FUZZ_RUNS in `npm run fuzz`, divided by `longDivisor` for
 * properties that cost far more per case than the rest (rendering the report).
 */
export function runs(quick: number, longDivisor = 1): number {
  const fromEnv = Number(process.env.FUZZ_RUNS);
  return Number.isSafeInteger(fromEnv) && fromEnv > 0 ? Math.max(quick, Math.ceil(fromEnv / longDivisor)) : quick;
}

/** True under `npm run fuzz`: the long mode, where the per-test timeout is lifted. */
export const LONG = Number(process.env.FUZZ_RUNS) > 0;
/** Per-test timeout: generous in `npm test`, none to speak of in the long mode. */
export const TIMEOUT = LONG ? 24 * 3600 * 1000 : 30_000;

/** fast-check parameters; FUZZ_SEED replays a reported failure (`seed` and `path` from its message). */
export function params(quick: number, longDivisor = 1): fc.Parameters<unknown> {
  const seed = Number(process.env.FUZZ_SEED);
  return {
    numRuns: runs(quick, longDivisor),
    ...(Number.isSafeInteger(seed) ? { seed } : {}),
    ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
    // A failing input is shrunk for a bounded time, so that a hang cannot hold the suite forever.
    interruptAfterTimeLimit: LONG ? 6 * 3600 * 1000 : 60_000,
    markInterruptAsFailure: false,
  };
}

/** Fixed options so that two runs over the same text are comparable (the core has no clock of its own). */
export const OPTIONS: AnalyzeOptions = { now: Date.UTC(2025, 0, 15, 12, 0, 0) };

// --- Seed header blocks -----------------------------------------------------------------------------------

export interface Seed {
  name: string;
  text: string;
}

/** The bundled example, always present. */
export const EXAMPLE: Seed = {
  name: 'examples/phishing-example.eml',
  text: readFileSync(resolve(ROOT, 'examples/phishing-example.eml'), 'latin1'),
};

/**
 * Three real header blocks of different families from the shared corpus (read at test time; it lives outside
 * the repository): Microsoft 365 with its internal 2603: hops, an old Sendmail/Postfix chain with fetchmail,
 * and 2002 spam with a forged-looking Microsoft SMTPSVC line.
 */
const CORPUS = resolve(ROOT, '../shared/corpus');
const CORPUS_FILES = [
  'phishing_pot/sample-1.eml',
  'spamassassin-publiccorpus/easy_ham/00003.860e3c3cee1b42ead714c5c874fe25f7.eml',
  'spamassassin-publiccorpus/spam/00001.7848dde101aa985090474a91ec93fcf0.eml',
];

export const CORPUS_SEEDS: Seed[] = CORPUS_FILES.flatMap((name) => {
  const path = resolve(CORPUS, name);
  return existsSync(path) ? [{ name, text: readFileSync(path, 'latin1') }] : [];
});

export const CORPUS_MISSING = CORPUS_FILES.length - CORPUS_SEEDS.length;
if (CORPUS_MISSING > 0) {
  console.warn(`fuzz: ${CORPUS_MISSING} corpus block(s) not found under ${CORPUS}; fuzzing the bundled example only.`);
}

export const SEEDS: Seed[] = [EXAMPLE, ...CORPUS_SEEDS];

// --- Generators -------------------------------------------------------------------------------------------

/** Characters that mean something to the header, Received and Authentication-Results grammars. */
const SPECIALS = ['(', ')', '[', ']', '<', '>', '"', '\\', ';', '=', ':', '@', ',', '.', ' ', '\t', '/', '-'];
const BREAKS = ['\r', '\n', '\r\n', '\0', '\n ', '\r\n\t', '\n\n'];

const token = fc.oneof(
  fc.constantFrom(...SPECIALS),
  fc.constantFrom(...BREAKS),
  fc.constantFrom(
    'from',
    'by',
    'with',
    'id',
    'for',
    'via',
    'ESMTPS',
    'ESMTPSA',
    'HELO',
    'helo=',
    'unknown',
    'may be forged',
    'Authenticated sender:',
    'using TLSv1.3 with cipher',
    'version=TLS1_2',
    'spf=pass',
    'dkim=fail',
    'dmarc=pass',
    'smtp.mailfrom=',
    'header.d=',
    'client-ip=',
    'sender IP is',
    'mx.google.com',
    'protection.outlook.com',
    '=?utf-8?B?',
    '=?iso-8859-1?Q?',
    '?=',
  ),
  fc.constantFrom('203.0.113.7', '10.0.0.1', '127.0.0.1', '2603:10b6:408:e6::28', '::1', '999.1.1.1', '[', ']'),
  fc.constantFrom(
    'Mon, 1 Jan 2024 00:00:00 +0000',
    '31 Feb 99 25:61 PDT',
    'Thu, 22 Aug 2002 13:17:21 +0100 (IST)',
    '1 Jan 0',
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

/** A header-ish fragment: tokens that the parsers care about, glued together. */
export const fragment = fc.array(token, { maxLength: 24 }).map((parts) => parts.join(''));

const FIELD_NAMES = [
  'Received',
  'Authentication-Results',
  'ARC-Authentication-Results',
  'Received-SPF',
  'DKIM-Signature',
  'ARC-Seal',
  'ARC-Message-Signature',
  'From',
  'Reply-To',
  'Return-Path',
  'To',
  'Subject',
  'Date',
  'Message-ID',
  'X-Forefront-Antispam-Report',
  'X-Microsoft-Antispam',
  'X-Spam-Status',
  'X-Originating-IP',
  'X-Sender-IP',
  'X-MS-Exchange-Organization-SCL',
];

/** A whole header line, sometimes with a name outside the list or no colon at all. */
export const headerLine = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...FIELD_NAMES), fragment).map(([n, v]) => `${n}: ${v}`) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 12 }), fragment).map(([n, v]) => `${n}:${v}`) },
  { weight: 1, arbitrary: fragment },
);

/** A Received value built from its grammar, with random clauses, comments and brackets. */
export const receivedValue = fc
  .array(
    fc.oneof(
      fc.constantFrom('from', 'by', 'via', 'with', 'id', 'for', ';'),
      fc.constantFrom('mail.example.com', 'mx.google.com', 'SA1PR11MB8473.namprd11.prod.outlook.com', 'unknown'),
      fc
        .constantFrom('203.0.113.7', '2002:a05:6a10:1b4a::1', '10.1.2.3', '::1')
        .chain((ip) => fc.constantFrom(`[${ip}]`, `(${ip})`, ip, `(unknown [${ip}])`, `([${ip}] helo=x)`)),
      fragment.map((f) => `(${f})`),
      fragment.map((f) => `(${f}`),
      fragment,
    ),
    { maxLength: 16 },
  )
  .map((parts) => parts.join(' '));

// --- Mutations of a real header block ---------------------------------------------------------------------

export type Mutation =
  | { op: 'insert'; at: number; line: string }
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'fold'; at: number; pos: number; ws: string }
  | { op: 'splice'; at: number; pos: number; text: string }
  | { op: 'received'; at: number; value: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), line: headerLine }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({
    op: fc.constant('fold' as const),
    at: fc.nat(),
    pos: fc.nat(),
    ws: fc.constantFrom('\r\n ', '\n\t', '\n ', '\r\n\t\t', '\n'),
  }),
  fc.record({
    op: fc.constant('splice' as const),
    at: fc.nat(),
    pos: fc.nat(),
    text: fc.oneof(fc.constantFrom(...SPECIALS, ...BREAKS), fragment),
  }),
  fc.record({ op: fc.constant('received' as const), at: fc.nat(), value: receivedValue }),
);

/** Applies mutations to the lines of a header block (line breaks as they were, the body untouched). */
export function mutate(text: string, mutations: Mutation[]): string {
  const split = splitBlock(text);
  const lines = split.lines;
  const pick = (n: number) => (lines.length === 0 ? 0 : n % lines.length);
  for (const m of mutations) {
    switch (m.op) {
      case 'insert':
        lines.splice(lines.length === 0 ? 0 : m.at % (lines.length + 1), 0, m.line);
        break;
      case 'delete':
        if (lines.length) lines.splice(pick(m.at), 1);
        break;
      case 'duplicate':
        if (lines.length) lines.splice(pick(m.at), 0, lines[pick(m.at)]!);
        break;
      case 'swap':
        if (lines.length) {
          const a = pick(m.at);
          const b = pick(m.with);
          [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        }
        break;
      case 'fold':
      case 'splice': {
        if (!lines.length) break;
        const i = pick(m.at);
        const line = lines[i]!;
        const p = m.pos % (line.length + 1);
        lines[i] = line.slice(0, p) + (m.op === 'fold' ? m.ws : m.text) + line.slice(p);
        break;
      }
      case 'received': {
        // Replace a Received (or any line, if there is none) with a grammar-built value.
        const received = lines.map((l, i) => (/^received:/i.test(l) ? i : -1)).filter((i) => i >= 0);
        const i = received.length ? received[m.at % received.length]! : pick(m.at);
        if (lines.length) lines[i] = `Received: ${m.value}`;
        else lines.push(`Received: ${m.value}`);
        break;
      }
    }
  }
  return lines.join(split.eol) + split.rest;
}

/** The header lines of a block, the line break it uses, and the rest (blank line and body) as it was. */
export function splitBlock(text: string): { lines: string[]; eol: string; rest: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const end = text.indexOf(eol + eol);
  const head = end < 0 ? text : text.slice(0, end);
  const rest = end < 0 ? '' : text.slice(end);
  return { lines: head.split(eol), eol, rest };
}

/** The Received fields of a block reordered and/or duplicated by `order` (indices into them, any length). */
export function reorderReceived(text: string, order: number[]): string {
  const { lines, eol, rest } = splitBlock(text);
  // Group folded continuation lines with their field.
  const fields: string[] = [];
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && fields.length) fields[fields.length - 1] += eol + line;
    else fields.push(line);
  }
  const received = fields.filter((f) => /^received:/i.test(f));
  if (!received.length) return text;
  const chosen = order.map((i) => received[i % received.length]!);
  const first = fields.findIndex((f) => /^received:/i.test(f));
  const others = fields.filter((f) => !/^received:/i.test(f));
  others.splice(Math.min(first, others.length), 0, ...chosen);
  return others.join(eol) + rest;
}

// --- Invariants -------------------------------------------------------------------------------------------

const ZONES = new Set(['recipient', 'handoff', 'sender', 'unverified']);
const SCOPES = new Set(['public', 'private', 'loopback', 'link-local', 'shared', 'reserved']);
const CONFIDENCE = new Set(['high', 'medium', 'low']);
const SEVERITY_RANK: Record<Severity, number> = { danger: 3, warning: 2, info: 1, good: 0 };

/** An invariant broken: thrown so that fast-check shrinks the input and prints it. */
export class InvariantError extends Error {}

function ok(condition: unknown, what: string): asserts condition {
  if (!condition) throw new InvariantError(what);
}

/** Only JSON values: null, strings, booleans, finite numbers, arrays and plain objects (no undefined in arrays). */
function assertJsonValue(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    ok(Number.isFinite(value), `${path} is a finite number (${value})`);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      ok(value[i] !== undefined, `${path}[${i}] is not undefined`);
      assertJsonValue(value[i], `${path}[${i}]`);
    }
    return;
  }
  ok(typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype, `${path} is a plain object`);
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined) assertJsonValue(v, `${path}.${k}`);
  }
}

const TRACE = process.env.FUZZ_TRACE;

/** Analyzes `text` and checks every invariant below; returns the analysis for further checks. */
export function analyzeChecked(
  text: string,
  options: AnalyzeOptions = OPTIONS,
  { twice = true }: { twice?: boolean } = {},
): Analysis {
  // FUZZ_TRACE=file keeps the input being analyzed in that file: when a run hangs, it holds the culprit.
  if (TRACE) writeFileSync(TRACE, JSON.stringify({ options, text }));
  const analysis = analyze(text, options);
  assertJsonValue(analysis, 'analysis');
  // Deterministic: the same input gives the same JSON.
  if (twice) ok(JSON.stringify(analyze(text, options)) === JSON.stringify(analysis), 'analyze() is deterministic');
  checkInvariants(analysis);
  return analysis;
}

export function checkInvariants(a: Analysis): void {
  const nHeaders = a.headers.length;
  const nHops = a.hops.length;
  const isHeader = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < nHeaders;
  const isHop = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < nHops;

  ok(a.schema === 1, 'schema is 1');
  ok(typeof a.input.truncated === 'boolean', 'input.truncated is a boolean');
  ok(['crlf', 'lf', 'cr', 'mixed'].includes(a.input.eol), `input.eol (${a.input.eol})`);
  a.headers.forEach((h, i) => {
    ok(h.index === i, `headers[${i}].index (${h.index})`);
    ok(typeof h.name === 'string' && typeof h.value === 'string', `headers[${i}] name and value are strings`);
  });

  a.hops.forEach((hop, i) => {
    ok(hop.index === i, `hops[${i}].index (${hop.index})`);
    ok(isHeader(hop.header), `hops[${i}].header (${hop.header}) in range`);
    ok(a.headers[hop.header]!.name.toLowerCase() === 'received', `hops[${i}].header is a Received field`);
    ok(ZONES.has(hop.zone), `hops[${i}].zone (${hop.zone})`);
    ok(hop.ipScope === undefined || SCOPES.has(hop.ipScope), `hops[${i}].ipScope (${hop.ipScope})`);
    ok(hop.delaySeconds === null || Number.isFinite(hop.delaySeconds), `hops[${i}].delaySeconds`);
    // Hops are oldest first and Received fields newest first: header indices descend.
    if (i > 0) ok(hop.header < a.hops[i - 1]!.header, `hops[${i}].header is above hops[${i - 1}].header`);
  });

  if (a.handoff) {
    ok(isHop(a.handoff.hop), `handoff.hop (${a.handoff.hop}) in range`);
    ok(a.hops[a.handoff.hop]!.from.ip === a.handoff.ip, `handoff.ip (${a.handoff.ip}) is its hop's from.ip`);
    ok(CONFIDENCE.has(a.handoff.confidence), 'handoff.confidence');
  }
  if (a.origin) {
    ok(isHop(a.origin.hop), `origin.hop (${a.origin.hop}) in range`);
    ok(CONFIDENCE.has(a.origin.confidence), 'origin.confidence');
  }

  const s = a.summary;
  ok(s.hopCount === nHops, `summary.hopCount (${s.hopCount}) === hops.length (${nHops})`);
  ok(s.handoffIp === (a.handoff?.ip ?? null), 'summary.handoffIp matches handoff');
  ok(s.originIp === (a.origin?.ip ?? null), 'summary.originIp matches origin');
  ok(s.totalDelaySeconds === null || Number.isFinite(s.totalDelaySeconds), 'summary.totalDelaySeconds');

  let worst = -1;
  for (const f of a.flags) {
    ok(f.severity in SEVERITY_RANK, `flag ${f.id} severity (${f.severity})`);
    worst = Math.max(worst, SEVERITY_RANK[f.severity]);
    for (const e of f.evidence) {
      ok(e.header === undefined || isHeader(e.header), `flag ${f.id} evidence.header (${e.header})`);
      ok(e.hop === undefined || isHop(e.hop), `flag ${f.id} evidence.hop (${e.hop})`);
    }
  }
  const expected = worst === 3 ? ['danger'] : worst === 2 ? ['warning'] : ['ok', 'unknown'];
  ok(expected.includes(s.verdict), `summary.verdict (${s.verdict}) follows the worst flag`);

  for (const d of a.diagnostics) {
    ok(d.header === undefined || isHeader(d.header), `diagnostic ${d.code} header`);
    // The flag engine turns a throwing rule into this diagnostic (src/core/flags/index.ts): it is a bug.
    ok(d.code !== 'flag-rule-error', `no flag rule throws (${d.message})`);
  }
  for (const r of a.auth.results) ok(isHeader(r.header), 'auth.results[].header in range');
  for (const r of a.auth.receivedSpf) ok(isHeader(r.header), 'auth.receivedSpf[].header in range');
  for (const r of a.auth.dkimSignatures) ok(isHeader(r.header), 'auth.dkimSignatures[].header in range');
  for (const v of [a.auth.spf, a.auth.dmarc, a.auth.arc, a.auth.compauth, ...(a.auth.dkim ?? [])]) {
    if (!v) continue;
    ok(isHeader(v.header), `auth verdict ${v.method} header in range`);
    // Summary verdicts come from trusted Authentication-Results only (DESIGN.md §5).
    ok(
      a.auth.results.some((r) => r.header === v.header && r.trusted),
      `auth verdict ${v.method} read from a trusted A-R`,
    );
  }
  for (const v of a.antispam) ok(isHeader(v.header), `antispam ${v.vendor} header in range`);
}

// --- Byte decodings ---------------------------------------------------------------------------------------

export const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
export const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(bytes);
