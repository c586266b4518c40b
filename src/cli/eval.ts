import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { analyze } from '../core/analyze';
import { learnRecipientInfrastructure } from '../core/trust/mailbox';
import type { Analysis, Hop } from '../core/types';
import { decodeEightBit } from '../mime/decode';
import type { Io } from './main';
import { saNormalise } from './sa-normalise';
import { terminalText } from './terminal';

/**
 * `hopscope eval`: runs the analysis engine over a corpus of header blocks and scores it against
 * SpamAssassin's per-header oracle (../shared/oracle) and the hand-checked handoff/origin labels
 * (../shared/labels). With --min, exits 1 when a figure falls below its floor (CI uses this).
 */

interface OracleEntry {
  i: number;
  status: 'parsed' | 'ignored' | 'unparsed';
  ip?: string;
  rdns?: string;
  helo?: string;
  by?: string;
  id?: string;
  auth?: string;
}
interface Label {
  file: string;
  handoff: { ip: string | null; received: number } | null;
  origin: { ip: string | null; received: number } | null;
  ambiguous: boolean;
}

const ORACLE_FIELDS = ['ip', 'helo', 'rdns', 'by'] as const;
type OracleField = (typeof ORACLE_FIELDS)[number];

class Tally {
  agree = 0;
  total = 0;
  misses: string[] = [];
  add(ok: boolean, miss: () => string): void {
    this.total++;
    if (ok) this.agree++;
    else if (this.misses.length < 400) this.misses.push(miss());
  }
  get pct(): number {
    return this.total === 0 ? 100 : (100 * this.agree) / this.total;
  }
  toString(): string {
    return `${this.agree}/${this.total} (${this.pct.toFixed(2)}%)`;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else if (entry.isFile() && !entry.name.endsWith('.tsv') && !entry.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

async function readJsonl<T>(path: string): Promise<Map<string, T>> {
  const map = new Map<string, T>();
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as T & { file: string };
    map.set(row.file, row);
  }
  return map;
}

/** Our hop for the Received field that is `i`-th from the top. */
function receivedIndexMap(a: Analysis): { hopByTopIndex: (Hop | undefined)[]; topIndexOfHeader: Map<number, number> } {
  const receivedHeaders = a.headers.filter((h) => h.name.toLowerCase() === 'received').map((h) => h.index);
  const topIndexOfHeader = new Map<number, number>();
  receivedHeaders.forEach((h, i) => {
    topIndexOfHeader.set(h, i);
  });
  const hopByTopIndex: (Hop | undefined)[] = new Array(receivedHeaders.length);
  for (const hop of a.hops) {
    const i = topIndexOfHeader.get(hop.header);
    if (i !== undefined) hopByTopIndex[i] = hop;
  }
  return { hopByTopIndex, topIndexOfHeader };
}

function ourField(hop: Hop | undefined, field: OracleField): string {
  if (!hop) return '';
  switch (field) {
    case 'ip':
      return saNormalise(hop.from.ip ?? '');
    case 'helo':
      return saNormalise(hop.from.helo ?? '');
    case 'rdns': {
      const r = saNormalise(hop.from.rdns ?? '').replace(/\.$/, '');
      return r.toLowerCase() === 'unknown' ? '' : r;
    }
    case 'by':
      return saNormalise(hop.by.host ?? hop.by.ip ?? '');
  }
}

interface EvalArgs {
  corpus?: string;
  oracle?: string;
  labels?: string;
  mins: Map<string, number>;
  trustedHosts: string[];
  learn: boolean;
  verbose: boolean;
  error?: string;
}

function parseArgs(args: string[]): EvalArgs {
  const out: EvalArgs = { mins: new Map(), trustedHosts: [], learn: false, verbose: false };
  const mins = out.mins;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = (): string | undefined => args[++i];
    if (a === '--corpus') out.corpus = next();
    else if (a === '--oracle') out.oracle = next();
    else if (a === '--labels') out.labels = next();
    else if (a === '--verbose' || a === '-v') out.verbose = true;
    else if (a === '--learn-recipient') out.learn = true;
    else if (a === '--trusted-host') {
      const h = next();
      if (!h) return { ...out, error: '--trusted-host needs a host name' };
      out.trustedHosts.push(h);
    } else if (a === '--min') {
      const spec = next() ?? '';
      const eq = spec.indexOf('=');
      const pct = Number(spec.slice(eq + 1));
      if (eq < 1 || !Number.isFinite(pct)) return { ...out, error: `bad --min '${spec}' (want KEY=PERCENT)` };
      mins.set(spec.slice(0, eq), pct);
    } else return { ...out, error: `unknown argument '${a}'` };
  }
  if (!out.corpus) return { ...out, error: '--corpus DIR is required' };
  return out;
}

export async function runEval(args: string[], io: Io): Promise<number> {
  const opts = parseArgs(args);
  if (opts.error || !opts.corpus) {
    io.stderr(`hopscope eval: ${opts.error}\n`);
    return 2;
  }
  const corpus = opts.corpus;
  let files: string[];
  try {
    files = await listFiles(corpus);
  } catch (e) {
    io.stderr(`hopscope eval: cannot read corpus ${corpus}: ${(e as Error).message}\n`);
    return 2;
  }
  const oracle = opts.oracle ? await readJsonl<{ file: string; received: OracleEntry[] }>(opts.oracle) : undefined;
  const labels = opts.labels ? await readJsonl<Label>(opts.labels) : undefined;

  let messages = 0;
  let hops = 0;
  let unparsedHops = 0;
  const exceptions: string[] = [];
  const diagnostics = new Map<string, number>();
  const flagCounts = new Map<string, number>();
  const fieldTallies = Object.fromEntries(ORACLE_FIELDS.map((f) => [f, new Tally()])) as Record<OracleField, Tally>;
  const handoff = new Tally();
  const handoffIndex = new Tally();
  const origin = new Tally();
  let authResultsSeen = 0;
  let authResultsParsed = 0;
  const authResultsFailed: string[] = [];
  let totalMs = 0;

  const now = Date.parse('2026-11-28T00:00:00Z');
  const texts = new Map<string, string>();
  for (const path of files) texts.set(path, decodeEightBit(await readFile(path)));
  const trustedHosts = [...opts.trustedHosts];
  let recipientHosts: string[] = [];
  if (opts.learn) {
    // Treat the corpus as one mailbox and learn its owner's servers first (see learnRecipientInfrastructure).
    const first: Analysis[] = [];
    for (const text of texts.values()) {
      try {
        first.push(analyze(text, { now, trustedHosts: opts.trustedHosts }));
      } catch {
        // counted in the main pass
      }
    }
    recipientHosts = learnRecipientInfrastructure(first);
  }

  for (const path of files) {
    const file = relative(corpus, path);
    const text = texts.get(path)!;
    messages++;
    let a: Analysis;
    try {
      const t0 = performance.now();
      a = analyze(text, { now, trustedHosts, recipientHosts });
      totalMs += performance.now() - t0;
    } catch (e) {
      exceptions.push(`${file}: ${(e as Error).stack ?? e}`);
      continue;
    }
    hops += a.hops.length;
    unparsedHops += a.hops.filter((h) => !h.parsed).length;
    for (const d of a.diagnostics) diagnostics.set(d.code, (diagnostics.get(d.code) ?? 0) + 1);
    for (const f of a.flags) flagCounts.set(f.id, (flagCounts.get(f.id) ?? 0) + 1);
    const arHeaders = a.headers.filter((h) => /^(arc-)?authentication-results$/i.test(h.name));
    authResultsSeen += arHeaders.length;
    for (const h of arHeaders) {
      const parsed = a.auth.results.find((r) => r.header === h.index);
      const failed = a.diagnostics.some((d) => d.header === h.index && d.code.startsWith('authres'));
      if (parsed && !failed) authResultsParsed++;
      else authResultsFailed.push(`${file} header ${h.index}: ${h.value.slice(0, 120)}`);
    }
    const { hopByTopIndex } = receivedIndexMap(a);

    const o = oracle?.get(file);
    if (o) {
      for (const entry of o.received) {
        if (entry.status !== 'parsed') continue;
        const hop = hopByTopIndex[entry.i];
        for (const f of ORACLE_FIELDS) {
          const want = entry[f] ?? '';
          const got = ourField(hop, f);
          fieldTallies[f].add(
            got.toLowerCase() === want.toLowerCase(),
            () => `${file} #${entry.i} ${f}: want '${want}' got '${got}'  | ${hop?.raw.slice(0, 160) ?? '(no hop)'}`,
          );
        }
      }
    }
    const label = labels?.get(file);
    if (label && !label.ambiguous) {
      const ourHandoffHop = a.handoff ? a.hops[a.handoff.hop] : undefined;
      const ourHandoffTop = ourHandoffHop ? receivedIndexMap(a).topIndexOfHeader.get(ourHandoffHop.header) : undefined;
      handoff.add(
        (a.handoff?.ip ?? null) === (label.handoff?.ip ?? null),
        () =>
          `${file}: handoff want ${label.handoff?.ip ?? 'null'} (#${label.handoff?.received}) got ${a.handoff?.ip ?? 'null'} (#${ourHandoffTop})`,
      );
      handoffIndex.add(
        (ourHandoffTop ?? null) === (label.handoff?.received ?? null),
        () => `${file}: handoff index want #${label.handoff?.received} got #${ourHandoffTop}`,
      );
      const ourOriginHop = a.origin ? a.hops[a.origin.hop] : undefined;
      const ourOriginTop = ourOriginHop ? receivedIndexMap(a).topIndexOfHeader.get(ourOriginHop.header) : undefined;
      origin.add(
        (a.origin?.ip ?? null) === (label.origin?.ip ?? null),
        () =>
          `${file}: origin want ${label.origin?.ip ?? 'null'} (#${label.origin?.received}) got ${a.origin?.ip ?? 'null'} (#${ourOriginTop})`,
      );
    }
  }

  // Misses quote header text: never raw to the terminal (terminal.ts).
  const w = (s = ''): void => io.stdout(`${terminalText(s)}\n`);
  w(`corpus        ${corpus}`);
  if (opts.trustedHosts.length) w(`trusted hosts ${opts.trustedHosts.join(', ')} (declared by the user)`);
  if (opts.learn)
    w(
      `learned       ${recipientHosts.join(', ') || 'nothing'} (recipient servers learned from the corpus as one mailbox)`,
    );
  w(`messages      ${messages}`);
  w(`exceptions    ${exceptions.length}`);
  for (const e of exceptions.slice(0, 5)) w(`  ${e.split('\n').slice(0, 3).join('\n  ')}`);
  w(`hops          ${hops} (${unparsedHops} unparsed)`);
  w(
    `analyze()     ${((totalMs * 1000) / Math.max(1, messages)).toFixed(1)} µs/message mean (cold, in-loop; see npm run bench)`,
  );
  w('diagnostics by code:');
  for (const [code, n] of [...diagnostics].sort((x, y) => y[1] - x[1])) w(`  ${code.padEnd(28)} ${n}`);
  w(
    `Authentication-Results (incl. ARC) seen ${authResultsSeen}, parsed ${authResultsParsed}, failed ${authResultsFailed.length}`,
  );
  for (const f of authResultsFailed.slice(0, opts.verbose ? 50 : 5)) w(`  ${f}`);
  w('flags by id:');
  for (const [id, n] of [...flagCounts].sort((x, y) => y[1] - x[1])) w(`  ${id.padEnd(28)} ${n}`);
  const figures = new Map<string, number>();
  if (oracle) {
    w('agreement with SpamAssassin on the hops it parses:');
    for (const f of ORACLE_FIELDS) {
      const key = f === 'ip' ? 'from.ip' : f;
      figures.set(key, fieldTallies[f].pct);
      w(`  ${key.padEnd(10)} ${fieldTallies[f]}`);
      for (const m of fieldTallies[f].misses.slice(0, opts.verbose ? 40 : 3)) w(`      ${m}`);
    }
  }
  if (labels) {
    figures.set('handoff', handoff.pct);
    figures.set('origin', origin.pct);
    w('against labels (ambiguous skipped):');
    w(`  handoff IP    ${handoff}`);
    w(`  handoff hop   ${handoffIndex}`);
    w(`  origin IP     ${origin}`);
    for (const m of [
      ...handoff.misses.slice(0, opts.verbose ? 400 : 5),
      ...origin.misses.slice(0, opts.verbose ? 400 : 5),
    ])
      w(`      ${m}`);
  }
  figures.set('exceptions', exceptions.length === 0 ? 100 : 0);
  let failed = false;
  for (const [key, min] of opts.mins) {
    const got = figures.get(key);
    if (got === undefined) {
      io.stderr(`hopscope eval: --min ${key}: no such figure (have ${[...figures.keys()].join(', ')})\n`);
      return 2;
    }
    if (got < min) {
      failed = true;
      io.stderr(`hopscope eval: ${key} ${got.toFixed(2)}% is below the floor of ${min}%\n`);
    }
  }
  return failed ? 1 : 0;
}
