#!/usr/bin/env node
// End-to-end check of the webmail adapters in a real Chromium with the built extension. Each webmail's real
// hostname is routed to the saved pages in test/fixtures/webmail (pages AND the endpoints they call; every
// other request is aborted, so nothing reaches the network). Extraction is triggered the way a toolbar click
// does: from the service worker, scripting.executeScript(content-scripts/webmail.js) then
// tabs.sendMessage({type: 'webmail/extract'}). The raw message that comes back is analyzed by src/core and must
// give the fixture's handoff IP; one failure path per adapter must come back as an answer with its reason.
//
//   npm run build && node test/e2e/webmail.mjs        (CHROMIUM_PATH overrides /usr/bin/chromium)
//
// The run uses a copy of .output/chrome-mv3 whose manifest gains host permissions for the fixture hosts that it
// lacks: the toolbar click grants activeTab, a script cannot, and the self-hosted hosts stand for the optional
// permission a user grants. The additions are printed.

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { launchWithExtension } from './launch.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const builtDir = join(root, '.output/chrome-mv3');
const fixtures = join(root, 'test/fixtures/webmail');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(executablePath)) {
  console.error(`Chromium not found at ${executablePath} (set CHROMIUM_PATH).`);
  process.exit(1);
}
if (!existsSync(join(builtDir, 'content-scripts/webmail.js'))) {
  console.error(`${builtDir}/content-scripts/webmail.js does not exist: run \`npm run build\` first.`);
  process.exit(1);
}

const fixture = (name) => readFileSync(join(fixtures, name), 'utf8');
const message = (name) => fixture(`messages/${name}.eml`);

// --- the core, bundled once so the raw answers are analyzed exactly as the extension would -------------------
const work = mkdtempSync(join(tmpdir(), 'hopscope-webmail-e2e-'));
const analyzeBundle = join(work, 'analyze.mjs');
await build({
  entryPoints: [join(root, 'src/core/analyze.ts')],
  outfile: analyzeBundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
});
const { analyze } = await import(pathToFileURL(analyzeBundle).href);

// --- the extension copy with the fixture hosts permitted ----------------------------------------------------
const HOSTS = [
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://mail.yahoo.com/*',
  'https://apis.mail.yahoo.com/*',
  'https://mail.proton.me/*',
  'https://app.fastmail.com/*',
  'https://webmail.example.org/*', // self-hosted Roundcube: the user's optional grant
  'https://mail.example.net/*', // self-hosted Zimbra: the user's optional grant
  'https://files.example.org/*', // a raw .eml opened in the browser: activeTab in real use
  'https://www.example.com/*', // an unsupported site: activeTab in real use
];
const extensionDir = join(work, 'extension');
cpSync(builtDir, extensionDir, { recursive: true });
const manifestPath = join(extensionDir, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const granted = new Set(manifest.host_permissions ?? []);
const added = HOSTS.filter((host) => !granted.has(host) && !granted.has('<all_urls>'));
manifest.host_permissions = [...granted, ...added];
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
if (added.length) console.log(`  test-only host permissions added to the copy: ${added.join(' ')}`);

// --- routes: fixture pages and endpoint answers for the real hostnames ------------------------------------------
/** Per-step overrides: URL prefix → {status, body, contentType}. */
let overrides = {};
const html = (body) => ({ status: 200, contentType: 'text/html; charset=utf-8', body });
const text = (body) => ({ status: 200, contentType: 'text/plain; charset=utf-8', body });
const json = (body) => ({ status: 200, contentType: 'application/json; charset=utf-8', body });
const fail = (status) => ({ status, contentType: 'text/html', body: `<html><body>HTTP ${status}</body></html>` });

const outlookItem = 'AAMkAGI2OutlookFixtureItem0AAA=';
const pages = {
  'https://mail.google.com/mail/u/0/?ik=0a1b2c3d4e&view=om&permmsgid=msg-f:1780000000000000002': () =>
    html(fixture('gmail-show-original.html')),
  'https://mail.google.com/mail/u/0/': () => html(fixture('gmail-thread.html')),
  'https://outlook.office.com/owa/service.svc?action=GetItem': () => json(fixture('outlook-getitem.json')),
  'https://outlook.office.com/mail/': () => html(fixture('outlook-reading-pane.html')),
  'https://apis.mail.yahoo.com/ws/v3/mailboxes/@.id==VjN-FixtureMailbox01/messages/@.id==AKd3FixtureMid01/content/rawplaintext':
    () => ({ ...text(message('yahoo')), cors: 'https://mail.yahoo.com' }),
  'https://mail.yahoo.com/ws/v3/': () => text(message('yahoo')),
  'https://mail.yahoo.com/d/': () => html(fixture('yahoo-message.html')),
  'https://webmail.example.org/roundcube/?_task=mail&_uid=4242&_mbox=INBOX&_action=viewsource': () =>
    text(message('roundcube')),
  'https://webmail.example.org/roundcube/?_task=mail&_caps=': () => html('<html><body>preview</body></html>'),
  'https://webmail.example.org/roundcube/': () => html(fixture('roundcube-mail.html')),
  'https://webmail.example.org/login/': () => html(fixture('roundcube-login.html')),
  'https://mail.example.net/service/home/~/?auth=co&view=text&id=257': () => text(message('zimbra')),
  'https://mail.example.net/': () => html(fixture('zimbra-classic.html')),
  'https://mail.proton.me/u/0/inbox/with-dialog': () => html(fixture('proton-headers-dialog.html')),
  'https://mail.proton.me/u/0/inbox/': () => html(fixture('proton-message.html')),
  'https://app.fastmail.com/jmap/session': () => json(fixture('fastmail-session.json')),
  'https://app.fastmail.com/jmap/api/': () => json(fixture('fastmail-email-get.json')),
  'https://app.fastmail.com/jmap/download/': () => text(message('fastmail')),
  'https://app.fastmail.com/mail/': () => html(fixture('fastmail-message.html')),
  'https://files.example.org/archive/message.eml': () => text(message('generic')),
  'https://www.example.com/': () => html(fixture('plain-page.html')),
};

function answerFor(url) {
  const pick = (table) =>
    Object.keys(table)
      .filter((prefix) => url.startsWith(prefix))
      .sort((a, b) => b.length - a.length)[0];
  const overridden = pick(overrides);
  if (overridden) return overrides[overridden];
  const key = pick(pages);
  return key ? pages[key]() : null;
}

const userDataDir = join(work, 'profile');
const context = await launchWithExtension(userDataDir, { executablePath, extensionDir });
const served = [];
await context.route('**/*', async (route) => {
  const url = route.request().url();
  if (!url.startsWith('https://')) return route.continue();
  const answer = answerFor(url);
  if (!answer) return route.abort('addressunreachable');
  served.push(url);
  const headers = { 'content-type': answer.contentType };
  if (answer.cors) {
    headers['access-control-allow-origin'] = answer.cors;
    headers['access-control-allow-credentials'] = 'true';
  }
  return route.fulfill({ status: answer.status, headers, body: answer.body });
});
await context.addCookies([
  { name: 'X-OWA-CANARY', value: 'fixtureCanary_123.', domain: 'outlook.office.com', path: '/', secure: true },
]);

const results = [];
async function step(name, fn) {
  const started = Date.now();
  overrides = {};
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(
      `  ✗ ${name} (${Date.now() - started} ms)\n    ${String(error?.stack ?? error)
        .split('\n')
        .join('\n    ')}`,
    );
  }
}

const started = Date.now();
console.log(`Hopscope webmail e2e: ${executablePath}, extension copy of ${builtDir}`);
let worker;
try {
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const extensionId = new URL(worker.url()).host;

  /** Opens the page, then does what the toolbar click does; returns the content script's answer and the tab. */
  async function extractFrom(url, prepare) {
    const page = await context.newPage();
    await page.goto(url);
    if (prepare) await prepare(page);
    const tabId = await worker.evaluate(async (pageUrl) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url === pageUrl)?.id ?? null;
    }, page.url());
    assert.ok(tabId !== null, `the tab for ${url} is visible to the extension`);
    const answer = await worker.evaluate(async (id) => {
      await chrome.scripting.executeScript({ target: { tabId: id }, files: ['content-scripts/webmail.js'] });
      return chrome.tabs.sendMessage(id, { type: 'webmail/extract' });
    }, tabId);
    return { page, tabId, answer };
  }

  async function expectHandoff(url, adapterId, handoffIp, options = {}) {
    const { page, answer } = await extractFrom(url, options.prepare);
    assert.equal(answer?.ok, true, `extraction succeeded: ${JSON.stringify(answer)?.slice(0, 300)}`);
    assert.equal(answer.webmail?.id, adapterId);
    assert.equal(answer.kind, options.kind ?? 'message');
    assert.ok(answer.raw.includes(handoffIp), 'the raw text holds the handoff Received line');
    const analysis = analyze(answer.raw);
    assert.equal(analysis.summary.handoffIp, handoffIp, 'the core finds the fixture’s handoff IP');
    await page.close();
  }

  async function expectFailure(url, adapterId, reason) {
    const { page, answer } = await extractFrom(url);
    assert.equal(answer?.ok, false, `extraction failed as an answer: ${JSON.stringify(answer)?.slice(0, 300)}`);
    assert.equal(answer.reason, reason, answer.detail);
    assert.equal(answer.webmail?.id, adapterId);
    assert.ok(answer.webmail.instructions.length > 40, 'the answer carries the manual instructions');
    await page.close();
  }

  const GMAIL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxbWqnkKLhHJdlQSfXpRvrd';
  await step('gmail: view=om of the expanded message → handoff 198.51.100.23', () =>
    expectHandoff(GMAIL, 'gmail', '198.51.100.23'),
  );
  await step('gmail: HTTP 403 from view=om → http-error', async () => {
    overrides = { 'https://mail.google.com/mail/u/0/?ik=': fail(403) };
    await expectFailure(GMAIL, 'gmail', 'http-error');
  });

  const OUTLOOK = `https://outlook.office.com/mail/inbox/id/${encodeURIComponent(outlookItem)}`;
  await step('outlook: GetItem with X-OWA-CANARY, MIME content → handoff 198.51.100.41', () =>
    expectHandoff(OUTLOOK, 'outlook', '198.51.100.41'),
  );
  await step('outlook: HTTP 404 from service.svc → http-error', async () => {
    overrides = { 'https://outlook.office.com/owa/': fail(404) };
    await expectFailure(OUTLOOK, 'outlook', 'http-error');
  });

  const YAHOO = 'https://mail.yahoo.com/d/folders/1/messages/AKd3FixtureMid01';
  await step('yahoo: rawplaintext on apis.mail.yahoo.com (CORS, credentials) → handoff 198.51.100.52', () =>
    expectHandoff(YAHOO, 'yahoo', '198.51.100.52'),
  );
  await step('yahoo: HTTP 401 → logged-out', async () => {
    overrides = { 'https://apis.mail.yahoo.com/': { ...fail(401), cors: 'https://mail.yahoo.com' } };
    await expectFailure(YAHOO, 'yahoo', 'logged-out');
  });

  await step('roundcube (self-hosted, found by page signature): viewsource → handoff 198.51.100.63', () =>
    expectHandoff('https://webmail.example.org/roundcube/?_task=mail&_mbox=INBOX', 'roundcube', '198.51.100.63'),
  );
  await step('roundcube: login page → logged-out', () =>
    expectFailure('https://webmail.example.org/login/?_task=mail', 'roundcube', 'logged-out'),
  );

  await step('zimbra (classic client, found by page signature): view=text → handoff 198.51.100.74', () =>
    expectHandoff('https://mail.example.net/#1', 'zimbra', '198.51.100.74'),
  );
  await step('zimbra: HTTP 404 from /service/home → http-error', async () => {
    overrides = { 'https://mail.example.net/service/': fail(404) };
    await expectFailure('https://mail.example.net/#1', 'zimbra', 'http-error');
  });

  await step('proton: the open "View headers" dialog → handoff 198.51.100.85', () =>
    expectHandoff('https://mail.proton.me/u/0/inbox/with-dialog', 'proton', '198.51.100.85'),
  );
  await step('proton: no dialog open → unsupported, with the steps', () =>
    expectFailure('https://mail.proton.me/u/0/inbox/Ab3xFixture', 'proton', 'unsupported'),
  );

  const FASTMAIL = 'https://app.fastmail.com/mail/Inbox/Tf3a9c2d1e0b4a5c6.M4b7e2f9a1c3d5e7f9a1b3c5d?u=a1b2c3d4';
  await step('fastmail: JMAP session → Email/get → blob → handoff 198.51.100.96', () =>
    expectHandoff(FASTMAIL, 'fastmail', '198.51.100.96'),
  );
  await step('fastmail: session refused (401) → unsupported', async () => {
    overrides = { 'https://app.fastmail.com/jmap/session': fail(401) };
    await expectFailure(FASTMAIL, 'fastmail', 'unsupported');
  });

  await step('generic: an .eml opened in the browser (text/plain) → handoff 198.51.100.107', () =>
    expectHandoff('https://files.example.org/archive/message.eml', 'generic', '198.51.100.107'),
  );
  await step('generic: the selected header text on an ordinary page → handoff 198.51.100.107', () =>
    expectHandoff('https://www.example.com/', 'generic', '198.51.100.107', {
      prepare: (page) =>
        page.evaluate((raw) => {
          const pre = document.createElement('pre');
          pre.textContent = raw;
          document.body.append(pre);
          const range = document.createRange();
          range.selectNodeContents(pre);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }, message('generic')),
    }),
  );
  await step('generic: an ordinary page with nothing selected → unsupported', () =>
    expectFailure('https://www.example.com/', 'generic', 'unsupported'),
  );

  // The popup (another engineer's) reads the tab through the background the same way; when it is wired,
  // its report must show the handoff IP the adapter's raw message leads to.
  await step('popup: opened for the Gmail tab, the report shows the handoff IP', async () => {
    const mail = await context.newPage();
    await mail.goto(GMAIL);
    const tabId = await worker.evaluate(async (pageUrl) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url === pageUrl)?.id ?? null;
    }, mail.url());
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('article.report').waitFor({ timeout: 10_000 });
    await popup.getByText('198.51.100.23').first().waitFor({ timeout: 5_000 });
    await popup.close();
    await mail.close();
  });
} finally {
  await context.close();
  rmSync(work, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok);
console.log(
  `\n${results.length - failed.length}/${results.length} passed in ${((Date.now() - started) / 1000).toFixed(1)} s (${served.length} requests served from fixtures)`,
);
process.exit(failed.length === 0 && results.length > 0 ? 0 : 1);
