// The shared corpora (../shared/corpus beside the project, read-only and never copied in): where they are,
// whether they are there, and their files. Tests that read them skip, saying so, where they are absent.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const corpusRoot = path.resolve(repoRoot, '../shared/corpus');

export const corpusPresent = (() => {
  try {
    return statSync(corpusRoot).isDirectory();
  } catch {
    return false;
  }
})();

/** Every file below `dir`, in order. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const p = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(p) : entry.isFile() ? [p] : [];
    })
    .sort();
}
