// Compares parseReceived with SpamAssassin's own parse (shared/oracle/*.jsonl) over the DEV corpus.
// Usage: npx esbuild --bundle --platform=node scripts/received-oracle-cmp.ts --outfile=/tmp/cmp.cjs
//        node /tmp/cmp.cjs [shared-dir] [--show field]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReceived } from '../src/core/received/parse';
import type { ParsedReceived } from '../src/core/received/types';

const shared = process.argv[2] ?? '../shared';
const showField = process.argv.indexOf('--show') > 0 ? process.argv[process.argv.indexOf('--show') + 1] : undefined;

/** SpamAssassin's normalisation of relay fields (Received.pm, end of parse_received_line). */
function sa(value: string | undefined): string {
  return (value ?? '').replace(/[\s\0#[\]()<>|]/g, '!');
}

function receivedFields(block: string): string[] {
  const end = block.search(/\r?\n\r?\n/);
  const head = end === -1 ? block : block.slice(0, end);
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, '');
  const out: string[] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    const m = /^Received:[ \t]*/i.exec(line);
    if (m) out.push(line.slice(m[0].length));
  }
  return out;
}

function ours(r: ParsedReceived): Record<string, string> {
  return { ip: sa(r.from.ip), helo: sa(r.from.helo), rdns: sa(r.from.rdns), by: sa(r.by.host ?? r.by.ip) };
}

const FIELDS = ['ip', 'helo', 'rdns', 'by'] as const;
for (const corpus of ['phishing_pot', 'spamassassin-publiccorpus']) {
  const oracle = readFileSync(join(shared, 'oracle', `${corpus}.jsonl`), 'utf8')
    .trim()
    .split('\n');
  const agree: Record<string, number> = { ip: 0, helo: 0, rdns: 0, by: 0 };
  let total = 0;
  let exceptions = 0;
  let ignoredAgree = 0;
  let ignoredTotal = 0;
  let elapsed = 0n;
  let headers = 0;
  for (const line of oracle) {
    const entry = JSON.parse(line) as {
      file: string;
      received: Array<Record<string, string> & { i: number; status: string }>;
    };
    const fields = receivedFields(readFileSync(join(shared, 'corpus', corpus, entry.file), 'latin1'));
    for (const rec of entry.received) {
      const value = fields[rec.i];
      if (value === undefined) continue;
      let r: ParsedReceived;
      try {
        const t0 = process.hrtime.bigint();
        r = parseReceived(value);
        elapsed += process.hrtime.bigint() - t0;
        headers++;
      } catch (e) {
        exceptions++;
        console.log('EXCEPTION', entry.file, rec.i, e);
        continue;
      }
      if (rec.status === 'ignored') {
        ignoredTotal++;
        if (r.saIgnored) ignoredAgree++;
      }
      if (rec.status !== 'parsed') continue;
      total++;
      const o = ours(r);
      for (const f of FIELDS) {
        if (o[f] === (rec[f] ?? '')) agree[f]!++;
        else if (f === showField)
          console.log(`${f}: ours=${JSON.stringify(o[f])} sa=${JSON.stringify(rec[f] ?? '')} | ${value.slice(0, 230)}`);
      }
    }
  }
  const pct = (n: number) => ((100 * n) / total).toFixed(2);
  console.log(
    `${corpus}: ${total} SA-parsed hops; ip ${pct(agree.ip!)}% helo ${pct(agree.helo!)}% rdns ${pct(agree.rdns!)}% by ${pct(agree.by!)}%; ` +
      `saIgnored on SA-ignored ${ignoredAgree}/${ignoredTotal}; exceptions ${exceptions}; ` +
      `${(Number(elapsed) / 1000 / headers).toFixed(2)} µs/header (${headers} headers)`,
  );
}
