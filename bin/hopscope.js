#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/cli.mjs by `npm ci` (postinstall) and `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('hopscope: dist/cli.mjs is missing; run `npm run build:cli` (or `npm ci`) first.\n');
  process.exit(2);
}
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
