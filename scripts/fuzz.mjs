#!/usr/bin/env node
// The long fuzz run: the properties of test/fuzz with FUZZ_RUNS cases each (default 20,000; six analyze()
// properties make 120,000 cases), every seed header block cut at every byte, and a hundredth of FUZZ_RUNS
// report renders. `npm test` runs the same files with a few hundred cases each.
//
//   node scripts/fuzz.mjs [--runs N] [--seed S] [--path P]
//
// A failure prints fast-check's counterexample with its seed and path; replay it with --seed and --path.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(option('runs') ?? process.env.FUZZ_RUNS ?? 20_000);
if (!Number.isSafeInteger(runs) || runs <= 0) {
  console.error('fuzz: --runs must be a positive integer');
  process.exit(2);
}
const env = { ...process.env, FUZZ_RUNS: String(runs) };
if (option('seed')) env.FUZZ_SEED = option('seed');
if (option('path')) env.FUZZ_PATH = option('path');

// Each group names its vitest project explicitly: the core properties run in node, the render property in
// happy-dom. (--project works whether or not the projects' include globs list test/fuzz yet.)
const groups = [
  {
    project: 'core',
    files: [
      'test/fuzz/analyze.test.ts',
      'test/fuzz/truncation.test.ts',
      'test/fuzz/linear-time.test.ts',
      'test/fuzz/outlook-msg.test.ts',
    ],
  },
  { project: 'ext', files: ['test/fuzz/render.test.tsx'] },
];

const started = Date.now();
let failed = false;
for (const { project, files } of groups) {
  console.log(`\nfuzz: ${project}: ${files.join(' ')} with FUZZ_RUNS=${runs}`);
  const result = spawnSync('npx', ['vitest', 'run', '--project', project, ...files], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) failed = true;
}
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\nfuzz: ${failed ? 'FAILED' : 'passed'} in ${minutes} min (${runs} cases per property).`);
process.exit(failed ? 1 : 0);
