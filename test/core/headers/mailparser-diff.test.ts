// Differential test: our header list against mailparser's (simpleParser → headerLines) over the shared
// corpora. Both sides read the file's bytes as Latin-1 ("binary"), so 8-bit bytes compare one-to-one.
//
// Normalisation (applied to mailparser's side, which keeps each field as its raw line):
// - the key is the text before the first colon, lower-cased and trimmed (mailparser's own rule); ours is
//   `name.toLowerCase()`;
// - the value is the text after the first colon, unfolded by removing CR and LF (RFC 5322 §2.2.3), then
//   spaces and tabs trimmed at both ends: what our `value` is by definition.
// Deliberate differences: none shows on these corpora. By design we also split on a bare CR (mailparser
// splits on LF only) and we skip a leading Gmail/Outlook page text, quote markers and indentation, which
// mailparser reads as fields; no corpus file has any of those.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { readHeaderBlock } from '../../../src/core/headers/read';
import { corpusRoot, listFiles, corpusPresent as present } from '../../corpus';

function trimWsp(v: string): string {
  return v.replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
}

async function mailparserFields(bytes: Buffer): Promise<Array<{ name: string; value: string }>> {
  const parsed = await simpleParser(bytes, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  return parsed.headerLines.map(({ key, line }) => {
    const colon = line.indexOf(':');
    return { name: key, value: trimWsp((colon < 0 ? line : line.slice(colon + 1)).replace(/[\r\n]/g, '')) };
  });
}

describe.skipIf(!present)(`header list equals mailparser's (corpus at ${corpusRoot})`, () => {
  for (const set of ['phishing_pot', 'spamassassin-publiccorpus']) {
    it(`${set}: every file, names in order and unfolded values`, async () => {
      const files = listFiles(path.join(corpusRoot, set));
      expect(files.length).toBeGreaterThan(100);
      const mismatches: string[] = [];
      for (const file of files) {
        const bytes = readFileSync(file);
        const ours = readHeaderBlock(bytes.toString('latin1')).headers.map((h) => ({
          name: h.name.toLowerCase(),
          value: h.value,
        }));
        const theirs = await mailparserFields(bytes);
        try {
          expect(ours).toEqual(theirs);
        } catch {
          mismatches.push(path.relative(corpusRoot, file));
        }
      }
      expect(mismatches).toEqual([]);
    }, 120_000);
  }
});

describe.skipIf(present)('mailparser differential', () => {
  it.skip(`skipped: the shared corpus is absent (${corpusRoot})`, () => {});
});
