// Header blocks of a corpus folder for the bench scripts: every .eml (and SpamAssassin-style NNNNN.<md5>)
// below DIR, in sorted order, cut at the first empty line as the corpus README describes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
