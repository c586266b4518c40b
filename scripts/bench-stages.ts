// Per-stage cost of analyze(): the pipeline of src/core/analyze.ts replayed stage by stage with a clock
// around each (keep in step with analyze.ts). Run: node scripts/bench-stages.mjs DIR [--passes N]

import { analyze } from '../src/core/analyze';
import { decodeAntispam } from '../src/core/antispam';
import { Alignment } from '../src/core/auth/alignment';
import { groupArcSets } from '../src/core/auth/arc';
import { parseDkimSignature } from '../src/core/auth/dkim-signature';
import { parseReceivedSpf } from '../src/core/auth/received-spf';
import { evaluateFlags } from '../src/core/flags';
import { parseAddress, parseAddressList } from '../src/core/headers/address';
import { FieldIndex } from '../src/core/headers/fields';
import { readHeaderBlock } from '../src/core/headers/read';
import { buildHops } from '../src/core/hops';
import { computeAlignment, judgeAuthResults, parseAllAuthResults, summaryVerdicts } from '../src/core/trust/auth-trust';
import { judgeChain } from '../src/core/trust/chain';
import { collectClaims } from '../src/core/trust/claims';
import type { Analysis, AuthView } from '../src/core/types';

/** Stage timers over `heads`; each pass() times every message once more (best of the passes is kept). */
export function createStages(heads: string[]): { pass: () => void; report: () => string } {
  const names: string[] = [];
  const totals = new Map<string, Float64Array>();
  let k = 0;
  const t = <R>(name: string, f: () => R): R => {
    const t0 = process.hrtime.bigint();
    const r = f();
    const dt = Number(process.hrtime.bigint() - t0) / 1000;
    let a = totals.get(name);
    if (!a) {
      a = new Float64Array(heads.length).fill(Number.POSITIVE_INFINITY);
      totals.set(name, a);
      names.push(name);
    }
    // Best of the passes per message: the message's own cost, without GC pauses or preemption.
    if (dt < a[k]!) a[k] = dt;
    return r;
  };
  const one = (text: string): void => {
    const block = t('readHeaderBlock', () => readHeaderBlock(text));
    const { headers, diagnostics } = block;
    const fields = t('FieldIndex', () => new FieldIndex(headers));
    const named = fields.named;
    const { hops, chain } = t('buildHops', () => buildHops(named.received, diagnostics));
    const ar = t('A-R parse', () => parseAllAuthResults(named.authResults, diagnostics));
    const receivedSpf = t('Received-SPF + DKIM parse', () => {
      const out = named.receivedSpf.map((h) => ({ header: h.index, ...parseReceivedSpf(h.value) }));
      for (const h of named.dkimSignature) parseDkimSignature(h.value);
      return out;
    });
    const arc = t('groupArcSets', () => groupArcSets(headers, fields, ar.arcInstances));
    const claims = t('collectClaims', () =>
      collectClaims(
        named.connectingIp,
        ar.comments,
        receivedSpf.map((s) => ({ header: s.header, clientIp: s.clientIp, comment: s.comment })),
      ),
    );
    const trust = t('judgeChain', () => judgeChain(chain, claims, [], [], fields));
    for (const h of hops) h.zone = trust.zones[h.index] ?? 'unverified';
    const { injected } = t('judgeAuthResults', () =>
      judgeAuthResults(ar.results, {
        senderBoundaryHeader: trust.senderBoundaryHeader,
        microsoftRecipient: trust.recipientOrgs.has('p:microsoft'),
        isRecipientAuthority: trust.isRecipientAuthority,
        authResultsAnywhere: trust.authResultsAnywhere,
      }),
    );
    const auth: AuthView = {
      results: ar.results,
      receivedSpf: [],
      dkimSignatures: [],
      arcSets: arc.sets,
      alignment: {},
    };
    const alignment = new Alignment();
    const summary = t('summary + alignment', () => {
      summaryVerdicts(ar.results, auth);
      const from = named.from;
      const s = { from: from ? parseAddress(from.value) : undefined } as Analysis['summary'];
      const to = named.to;
      if (to) parseAddressList(to.value);
      const rt = named.replyTo;
      if (rt) s.replyTo = parseAddressList(rt.value);
      computeAlignment(auth, s.from?.address, alignment);
      return s;
    });
    const antispam = t('decodeAntispam', () => decodeAntispam(headers, () => true));
    const analysis = {
      schema: 1,
      input: block.input,
      summary,
      headers,
      hops,
      handoff: trust.handoff,
      origin: trust.origin,
      auth,
      antispam,
      flags: [],
      diagnostics,
    } as Analysis;
    t('evaluateFlags', () => evaluateFlags(analysis, { trust, injected, now: 0, fields, alignment, chain }));
  };
  for (const h of heads) one(h);
  for (const h of heads) one(h);
  for (const [, a] of totals) a.fill(Number.POSITIVE_INFINITY);
  const whole = new Float64Array(heads.length).fill(Number.POSITIVE_INFINITY);
  const pass = (): void => {
    for (k = 0; k < heads.length; k++) {
      const h = heads[k]!;
      one(h);
      const t0 = process.hrtime.bigint();
      analyze(h);
      const dt = Number(process.hrtime.bigint() - t0) / 1000;
      if (dt < whole[k]!) whole[k] = dt;
    }
  };
  return { pass, report: () => report(names, totals, whole) };
}

function report(names: string[], totals: Map<string, Float64Array>, whole: Float64Array): string {
  const median = (a: Float64Array): number => a.slice().sort()[a.length >> 1]!;
  const mean = (a: Float64Array): number => a.reduce((x, y) => x + y, 0) / a.length;
  const lines = [
    `${'stage (best of passes/message)'.padEnd(30)} ${'median µs'.padStart(10)} ${'mean µs'.padStart(10)}`,
  ];
  let sum = 0;
  for (const n of names) {
    const a = totals.get(n)!;
    sum += mean(a);
    lines.push(`${n.padEnd(30)} ${median(a).toFixed(1).padStart(10)} ${mean(a).toFixed(1).padStart(10)}`);
  }
  lines.push(`${'sum of stages'.padEnd(30)} ${''.padStart(10)} ${sum.toFixed(1).padStart(10)}`);
  lines.push(
    `${'analyze() whole'.padEnd(30)} ${median(whole).toFixed(1).padStart(10)} ${mean(whole).toFixed(1).padStart(10)}`,
  );
  return lines.join('\n');
}
