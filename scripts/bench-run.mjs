// Runs `hopscope bench` straight from src/ (bundled to a temp file), for use before the CLI is rebuilt:
//   node scripts/bench-run.mjs [bench options]
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// Inside the project so that the bundle's bare imports (tldts, peers) resolve from node_modules.
const out = join('node_modules', '.cache', `hopscope-bench-${process.pid}.mjs`);
await build({
  entryPoints: ['src/cli/bench.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const { runBench } = await import(pathToFileURL(out).href);
await import('node:fs').then((fs) => fs.rmSync(out, { force: true }));
process.exitCode = await runBench(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: process.stdin,
});
