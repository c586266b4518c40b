// Bundles the CLI (src/cli/main.ts) into dist/cli.mjs so `npx hopscope` works right after `npm ci`.
//
// Packages stay external (Node loads them from node_modules) except tldts: src/core/psl.ts imports two of its
// ES modules by path, which only a bundler can load (extensionless imports in a package without "type").
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const bundled = new Set(['tldts-icann', 'tldts-core']);
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !bundled.has(name))
  .flatMap((name) => [name, `${name}/*`]);

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: 'linked',
  logLevel: 'warning',
});
