import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// src/core must stay pure (DESIGN.md §1): Biome's noRestrictedImports override for src/core/** rejects
// platform and outer-layer imports. These tests write a probe file into src/core (removed afterwards), lint it
// and check the rule fires, so that a change to biome.json that silently drops the rule fails here.
// By hand: put `import { h } from 'preact';` in any src/core file and run `npm run check`.
const root = resolve(import.meta.dirname, '../..');
const biome = resolve(root, 'node_modules/.bin/biome');

let probeCount = 0;
function lintAs(dir: string, source: string): { status: number | null; output: string } {
  const file = resolve(root, dir, `purity-probe-${process.pid}-${probeCount++}`, 'probe.ts');
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, source);
    const r = spawnSync(biome, ['lint', file], { cwd: root, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dirname(file), { recursive: true, force: true });
  }
}

describe('src/core purity lint', () => {
  const forbidden = [
    ["import { browser } from 'wxt/browser';", 'platform-free'],
    ["import { h } from 'preact';", 'platform-free'],
    ["import browser from 'webextension-polyfill';", 'platform-free'],
    ["import { readFileSync } from 'node:fs';", 'platform-free'],
    ["import { Report } from '../ui/report';", 'outer layers'],
    ["import { lookup } from '../lookup/doh';", 'outer layers'],
    ["export { gmail } from '../webmail/gmail';", 'outer layers'],
    ["const m = await import('../ui/report');", 'outer layers'],
  ] as const;
  for (const [line, message] of forbidden) {
    it(`rejects \`${line}\` inside src/core`, () => {
      const r = lintAs('src/core', `${line}\nexport const probe = 1;\n`);
      expect(r.status).not.toBe(0);
      expect(r.output).toContain('noRestrictedImports');
      expect(r.output).toContain(message);
    });
  }

  it('accepts the same import outside src/core', () => {
    const r = lintAs('src/ui', "import { h } from 'preact';\nexport const probe = h;\n");
    expect(r.output).not.toContain('noRestrictedImports');
  });

  it('accepts imports inside src/core', () => {
    const r = lintAs('src/core', "import { parseIp } from '../ip';\nexport const probe = parseIp;\n");
    expect(r.status).toBe(0);
  });
});
