// Runs the authentication parsers over every Authentication-Results, ARC-Authentication-Results and
// Received-SPF field of a corpus of header blocks and prints what they made of them.
//
//   npx vite-node scripts/authres-corpus.ts [dir]      (default ../shared/corpus/phishing_pot)
//
// A field whose value is RFC 2047 encoded (some phishing kits encode the whole A-R) is counted apart
// and parsed again after a minimal decode, which is the headers layer's job in the real pipeline.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArcAuthResults, parseAuthResults } from '../src/core/auth/authres';
import { connectingIpClaims } from '../src/core/auth/claims';
import { parseReceivedSpf } from '../src/core/auth/received-spf';
import type { Diagnostic } from '../src/core/types';

const dir = process.argv[2] ?? new URL('../../shared/corpus/phishing_pot', import.meta.url).pathname;

interface Field {
  file: string;
  name: string;
  value: string;
}

/** RFC 5322 unfolding of the header block (up to the first empty line). */
function headerFields(file: string, text: string): Field[] {
  const fields: Field[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line === '') break;
    const last = fields[fields.length - 1];
    if ((line[0] === ' ' || line[0] === '\t') && last !== undefined) {
      last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0)
      fields.push({ file, name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trimStart() });
  }
  return fields;
}

function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]{1,40})\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-Fa-f]{2})/g, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    );
}

interface Tally {
  seen: number;
  clean: number;
  withDiagnostics: number;
  encoded: number;
  encodedCleanAfterDecode: number;
  withIpClaim: number;
  codes: Map<string, number>;
  examples: string[];
}

const newTally = (): Tally => ({
  seen: 0,
  clean: 0,
  withDiagnostics: 0,
  encoded: 0,
  encodedCleanAfterDecode: 0,
  withIpClaim: 0,
  codes: new Map(),
  examples: [],
});

const kinds = {
  'authentication-results': { parse: (v: string) => parseAuthResults(v).diagnostics, tally: newTally() },
  'arc-authentication-results': { parse: (v: string) => parseArcAuthResults(v).diagnostics, tally: newTally() },
  'received-spf': { parse: (v: string) => parseReceivedSpf(v).diagnostics, tally: newTally() },
} as const;
type Kind = keyof typeof kinds;

const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
let parseNanos = 0n;
let arParses = 0;
for (const file of files) {
  for (const field of headerFields(file, readFileSync(join(dir, file), 'utf8'))) {
    if (!(field.name in kinds)) continue;
    const kind = field.name as Kind;
    const { parse, tally } = kinds[kind];
    tally.seen++;
    const encoded = field.value.startsWith('=?');
    const value = encoded ? decodeEncodedWords(field.value) : field.value;
    if (encoded) tally.encoded++;
    const t0 = process.hrtime.bigint();
    const diagnostics: Diagnostic[] = parse(value);
    if (kind !== 'received-spf') {
      parseNanos += process.hrtime.bigint() - t0;
      arParses++;
    }
    if (connectingIpClaims(value, kind).length > 0) tally.withIpClaim++;
    if (diagnostics.length === 0) {
      tally.clean++;
      if (encoded) tally.encodedCleanAfterDecode++;
      continue;
    }
    tally.withDiagnostics++;
    for (const d of diagnostics) tally.codes.set(d.code, (tally.codes.get(d.code) ?? 0) + 1);
    if (tally.examples.length < 12)
      tally.examples.push(`${file}: ${diagnostics.map((d) => d.code).join(',')}: ${value.slice(0, 160)}`);
  }
}

console.log(`${files.length} files in ${dir}`);
for (const [kind, { tally }] of Object.entries(kinds)) {
  console.log(`\n${kind}: ${tally.seen} values`);
  console.log(`  parsed without diagnostics: ${tally.clean}`);
  console.log(`  parsed with diagnostics:    ${tally.withDiagnostics}`);
  console.log(
    `  RFC 2047-encoded values:    ${tally.encoded} (clean after decoding: ${tally.encodedCleanAfterDecode})`,
  );
  console.log(`  with a connecting-IP claim: ${tally.withIpClaim}`);
  for (const [code, n] of tally.codes) console.log(`    ${code}: ${n}`);
  for (const example of tally.examples) console.log(`    e.g. ${example}`);
}
// Time of the first parses includes JIT warm-up; a rough figure, not a benchmark.
console.log(
  `\nA-R + ARC-A-R parse time: ${(Number(parseNanos) / arParses / 1000).toFixed(2)} µs mean over ${arParses}`,
);
