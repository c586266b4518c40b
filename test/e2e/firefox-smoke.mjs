#!/usr/bin/env node
// Firefox smoke run: builds the test variant for Firefox MV2 (HOPSCOPE_VARIANT=test, into .output/test/; see
// wxt.config.ts), installs it temporarily into Debian's firefox-esr through web-ext, headless, and waits for
// the background's self-check line (it analyzes a fixture and round-trips storage.session at start-up):
//
//   HOPSCOPE_SELF_CHECK ok <handoff IP>
//
//   node test/e2e/firefox-smoke.mjs          (FIREFOX_PATH overrides /usr/bin/firefox-esr)
//
// The shipped build has no self-check: the define that enables it is false there and the branch is dropped.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const firefox = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const sourceDir = join(root, '.output/test/firefox-mv2');
const EXPECTED = /HOPSCOPE_SELF_CHECK (ok|failed) ([0-9A-Za-z.:-]+)/;
const TIMEOUT_MS = 60_000;

if (!existsSync(firefox)) {
  console.error(`Firefox not found at ${firefox}: sudo apt-get install -y firefox-esr, or set FIREFOX_PATH.`);
  process.exit(1);
}

const started = Date.now();
execFileSync(join(root, 'node_modules/.bin/wxt'), ['build', '-b', 'firefox'], {
  cwd: root,
  env: { ...process.env, HOPSCOPE_VARIANT: 'test' },
  stdio: 'ignore',
});

const profile = mkdtempSync(join(tmpdir(), 'hopscope-ff-'));
const child = spawn(
  join(root, 'node_modules/.bin/web-ext'),
  [
    'run',
    '--source-dir',
    sourceDir,
    `--firefox=${firefox}`,
    `--firefox-profile=${profile}`,
    '--no-reload',
    '--no-input',
    '--verbose',
    '--pref',
    'devtools.console.stdout.content=true',
    '--start-url',
    'about:blank',
  ],
  { cwd: root, env: { ...process.env, MOZ_HEADLESS: '1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
);

let log = '';
const outcome = await new Promise((done) => {
  const timer = setTimeout(() => done({ status: 'timeout' }), TIMEOUT_MS);
  const read = (chunk) => {
    log += chunk;
    const match = EXPECTED.exec(log);
    if (match) {
      clearTimeout(timer);
      done({ status: match[1], detail: match[2] });
    }
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  child.on('exit', (code) => {
    clearTimeout(timer);
    done({ status: 'exited', detail: String(code) });
  });
});

// web-ext starts Firefox in its own process group (detached): end the whole group, or Firefox is orphaned.
try {
  process.kill(-child.pid, 'SIGTERM');
} catch {
  // already gone
}
await new Promise((r) => setTimeout(r, 500));
try {
  process.kill(-child.pid, 'SIGKILL');
} catch {
  // already gone
}
rmSync(profile, { recursive: true, force: true });

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (outcome.status === 'ok') {
  console.log(`Firefox smoke: HOPSCOPE_SELF_CHECK ok ${outcome.detail} (${seconds} s)`);
  process.exit(0);
}
console.error(`Firefox smoke failed: ${outcome.status} ${outcome.detail ?? ''} after ${seconds} s`);
console.error(log.split('\n').slice(-40).join('\n'));
process.exit(1);
