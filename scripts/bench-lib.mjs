// Shared by the bench scripts. Header blocks of a corpus folder: every .eml (and SpamAssassin-style NNNNN.<md5>)
// below DIR, in sorted order, cut at the first empty line as the corpus README describes.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export function corpusFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.eml') || /^\d+\.[0-9a-f]{20,}$/.test(n)) files.push(p);
    }
  };
  walk(dir);
  return files;
}

export function headerBlock(text) {
  const lf = text.indexOf('\n\n');
  const crlf = text.indexOf('\r\n\r\n');
  if (lf < 0 && crlf < 0) return text;
  return crlf >= 0 && (lf < 0 || crlf < lf) ? text.slice(0, crlf + 4) : text.slice(0, lf + 2);
}

/** The header blocks of DIR, with the files they came from. */
export function loadCorpus(dir) {
  const files = corpusFiles(dir);
  return { files, heads: files.map((f) => headerBlock(readFileSync(f, 'latin1'))) };
}

/**
 * Bundles `entry` (a TypeScript file) with esbuild into node_modules/.cache and imports it. nodePaths: a
 * source tree outside the project (an A/B base) still takes its packages from this project's node_modules.
 */
export async function importBundled(entry, tag) {
  const out = join('node_modules', '.cache', `hopscope-${tag}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    nodePaths: [resolve('node_modules')],
  });
  const mod = await import(pathToFileURL(resolve(out)).href);
  rmSync(out, { force: true });
  return mod;
}
