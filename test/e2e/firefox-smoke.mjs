#!/usr/bin/env node
// Firefox smoke run: builds the test variant for Firefox MV2 (HOPSCOPE_VARIANT=test, into .output/test/; see
// wxt.config.ts), installs it temporarily into Debian's firefox-esr through web-ext, headless, opens a page
// served here on 127.0.0.1 that shows test/fixtures/ui/chain-30-hops.eml in a <pre> (as a webmail's "show
// original" page does), and waits for the background's self-check lines (src/background/self-check.ts):
//
//   HOPSCOPE_SELF_CHECK ok <handoff IP>          it analyzes a fixture and round-trips storage.session
//   HOPSCOPE_TAB_READ ok injection <hops> <IP>   it reads that page as a toolbar click does (readTab); the
//                                                content script's answer came back as its injection's result
//
// The page's hop count and handoff must be what the CLI finds in the same file (dist/cli.mjs, built by npm ci).
// The answer coming back only by message (`message` instead of `injection`) fails the run: the popup's reading
// in Chromium relies on the injection result, and Firefox documents that it hands it back too.
//
//   node test/e2e/firefox-smoke.mjs          (FIREFOX_PATH overrides /usr/bin/firefox-esr)
//
// The shipped build has no self-check: the define that enables it is false there and the branch is dropped.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalMessagePage } from './pages.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const firefox = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const sourceDir = join(root, '.output/test/firefox-mv2');
const SELF_CHECK = /HOPSCOPE_SELF_CHECK (ok|failed) ([0-9A-Za-z.:-]+)/;
const TAB_READ = /HOPSCOPE_TAB_READ (ok|failed) ([^"\n]*)/; // Firefox prints console.log lines in quotes
const FIXTURE = join(root, 'test/fixtures/ui/chain-30-hops.eml');
const PAGE = '/hopscope-self-check.html'; // SELF_CHECK_PAGE in src/background/self-check.ts
const TIMEOUT_MS = 60_000;

if (!existsSync(firefox)) {
  console.error(`Firefox not found at ${firefox}: sudo apt-get install -y firefox-esr, or set FIREFOX_PATH.`);
  process.exit(1);
}

const cli = join(root, 'dist/cli.mjs');
if (!existsSync(cli)) {
  console.error('dist/cli.mjs is missing: npm run build:cli (npm ci builds it).');
  process.exit(1);
}
// What the page must give: the CLI's reading of the same file.
const reference = JSON.parse(
  execFileSync(process.execPath, [join(root, 'bin/hopscope.js'), 'analyze', '--json', FIXTURE], { encoding: 'utf8' }),
);
const expectedTabRead = `ok injection ${reference.hops.length} ${reference.summary.handoffIp ?? 'no-handoff'}`;

const message = readFileSync(FIXTURE, 'utf8');
const server = createServer((request, response) => {
  if (request.url !== PAGE) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(originalMessagePage(message));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const pageUrl = `http://127.0.0.1:${server.address().port}${PAGE}`;

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
    pageUrl,
  ],
  { cwd: root, env: { ...process.env, MOZ_HEADLESS: '1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
);

let log = '';
const outcome = await new Promise((done) => {
  const timer = setTimeout(() => done({ status: 'timeout' }), TIMEOUT_MS);
  const read = (chunk) => {
    log += chunk;
    const self = SELF_CHECK.exec(log);
    const tab = TAB_READ.exec(log);
    if (self && (self[1] !== 'ok' || tab)) {
      clearTimeout(timer);
      done({ status: self[1], detail: self[2], tabRead: tab ? `${tab[1]} ${tab[2].trim()}` : undefined });
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
server.close();

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (outcome.status === 'ok' && outcome.tabRead === expectedTabRead) {
  console.log(
    `Firefox smoke: HOPSCOPE_SELF_CHECK ok ${outcome.detail}; HOPSCOPE_TAB_READ ${outcome.tabRead}, as the CLI (${seconds} s)`,
  );
  process.exit(0);
}
if (outcome.status === 'ok')
  console.error(`Firefox smoke failed: the page read gave "${outcome.tabRead}", not "${expectedTabRead}"`);
else console.error(`Firefox smoke failed: ${outcome.status} ${outcome.detail ?? ''} after ${seconds} s`);
console.error(log.split('\n').slice(-40).join('\n'));
process.exit(1);
