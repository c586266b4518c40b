#!/usr/bin/env node
// End-to-end check of the Chrome extension in a real Chromium (headless, no display needed). Every way in:
// the toolbar popup on a page showing raw message source, a paste, an attached message, the context menu on a
// selection and on an .eml link; the report in light and dark with zero axe violations; hostile header text
// rendered inert; the options page. Screenshots go to test-results/e2e/.
//
//   npm run build && npm run test:e2e        (CHROMIUM_PATH overrides /usr/bin/chromium)
//
// The run builds its own copy with HOPSCOPE_VARIANT=test into .output/test/chrome-mv3 (see wxt.config.ts). It
// differs from the shipped build only by a host permission for http://127.0.0.1 and a background self-check:
// a test cannot click the toolbar button, and that click is what grants activeTab on the page. So the toolbar
// click is simulated by opening popup.html?tab=<id> as a page (the popup reads `?tab=` instead of the active
// tab), and the host permission stands in for the activeTab grant on the fixture page served by this script.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { launchWithExtension } from './launch.mjs';
import { originalMessagePage } from './pages.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const shippedDir = join(root, '.output/chrome-mv3');
const extensionDir = join(root, '.output/test/chrome-mv3');
const shotsDir = join(root, 'test-results/e2e');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(executablePath)) {
  console.error(`Chromium not found at ${executablePath}.`);
  console.error('Install it with:   sudo apt-get install -y chromium');
  console.error('or point CHROMIUM_PATH at a Chromium or Chrome binary.');
  process.exit(1);
}
if (!existsSync(join(shippedDir, 'manifest.json'))) {
  console.error(`${shippedDir} does not exist: run \`npm run build\` first.`);
  process.exit(1);
}

const started = Date.now();
execFileSync(join(root, 'node_modules/.bin/wxt'), ['build'], {
  cwd: root,
  env: { ...process.env, HOPSCOPE_VARIANT: 'test' },
  stdio: 'ignore',
});

const fixture = (path) => readFileSync(join(root, path), 'utf8');
const phishing = fixture('examples/phishing-example.eml');
const list12 = fixture('test/fixtures/ui/list-12-hops.eml');
const xss = fixture('test/fixtures/ui/xss.eml');
const forwarded = fixture('test/fixtures/ui/forwarded-report.eml');
const subjectOf = (text) => /^Subject: (.*)$/m.exec(text)?.[1]?.trim();
mkdirSync(shotsDir, { recursive: true });

// Pages the extension reads: raw source in a <pre> ("Show original"), an article without a message, .eml files.
const server = createServer((request, response) => {
  const path = new URL(request.url, 'http://127.0.0.1').pathname;
  const origin = request.headers.origin;
  const cors = origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {};
  const send = (type, body) => {
    response.writeHead(200, { 'content-type': type, ...cors });
    response.end(body);
  };
  if (path === '/original.html') send('text/html; charset=utf-8', originalMessagePage(list12));
  else if (path === '/article.html')
    send('text/html; charset=utf-8', '<!doctype html><title>News</title><h1>An article</h1><p>Nothing to see.</p>');
  else if (path === '/list.eml') send('message/rfc822', list12);
  else {
    response.writeHead(404);
    response.end();
  }
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const site = `http://127.0.0.1:${server.address().port}`;

const userDataDir = mkdtempSync(join(tmpdir(), 'hopscope-e2e-'));
const context = await launchWithExtension(userDataDir, {
  executablePath,
  extensionDir,
  viewport: { width: 560, height: 800 },
});

const results = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(
      `  ✗ ${name} (${Date.now() - t0} ms)\n    ${String(error?.stack ?? error)
        .split('\n')
        .join('\n    ')}`,
    );
  }
}

/** Fails on any axe violation, whatever its impact. */
async function checkAccessibility(page, label) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  for (const v of violations)
    console.log(`    axe (${label}): ${v.impact} ${v.id}: ${v.help} [${v.nodes.length} node(s)] ${v.nodes[0]?.target}`);
  assert.equal(violations.length, 0, `${label}: ${violations.map((v) => v.id).join(', ')}`);
}

async function noHorizontalOverflow(page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `page overflows horizontally by ${overflow}px`);
}

/** Opens a page and records page errors and dialogs (an alert() would mean header text ran as code). */
async function openPage(url) {
  const page = await context.newPage();
  page.errors = [];
  page.dialogs = [];
  page.on('pageerror', (error) => page.errors.push(error));
  page.on('dialog', (dialog) => {
    page.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  return page;
}

console.log(`Hopscope e2e: ${executablePath}, extension ${extensionDir}`);
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const extensionId = new URL(worker.url()).host;
  const base = `chrome-extension://${extensionId}`;
  console.log(`  extension id ${extensionId}, fixture site ${site}`);
  const tabIdOf = (url) => worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
  const waitForTab = (predicate) =>
    context.waitForEvent('page', { timeout: 10_000, predicate: (p) => predicate(new URL(p.url())) });

  await step('shipped build: no test host permission, no self-check', async () => {
    const manifest = JSON.parse(readFileSync(join(shippedDir, 'manifest.json'), 'utf8'));
    // The shipped build asks for the webmail origins only, never the loopback host the tests use.
    assert.ok(!(manifest.host_permissions ?? []).some((h) => h.includes('127.0.0.1')), 'no test host permission');
    assert.ok(
      (manifest.host_permissions ?? []).every((h) => h.startsWith('https://')),
      'webmail origins only',
    );
    assert.doesNotMatch(readFileSync(join(shippedDir, 'background.js'), 'utf8'), /HOPSCOPE_SELF_CHECK/);
  });

  await step(
    'toolbar: popup on a page showing raw source analyzes the 12-hop message; reopening is cached',
    async () => {
      const source = await openPage(`${site}/original.html`);
      const tabId = await tabIdOf(`${site}/original.html`);
      assert.ok(Number.isInteger(tabId), 'the fixture tab has an id');
      const page = await openPage(`${base}/popup.html?tab=${tabId}`);
      const report = page.locator('article.report');
      await report.waitFor({ timeout: 10_000 });
      assert.equal((await report.locator('.subject').textContent())?.trim(), subjectOf(list12));
      // The popup paints the first hops at once and the rest a frame later (FIRST_PAINT_HOPS).
      await report.locator('ol.timeline > li').nth(11).waitFor();
      assert.equal(await report.locator('ol.timeline > li').count(), 12);
      assert.match((await page.locator('p.source').textContent()) ?? '', /The page 127\.0\.0\.1:\d+/);
      assert.match((await report.locator('.verdict').textContent()) ?? '', /203\.0\.113\.25/);
      await noHorizontalOverflow(page);
      await page.screenshot({ path: join(shotsDir, 'popup-12-hops.png'), fullPage: true });
      await page.screenshot({ path: join(shotsDir, 'popup-12-hops-fold.png') });
      await checkAccessibility(page, 'popup (12 hops)');
      await page.emulateMedia({ colorScheme: 'dark' });
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, 'rgb(15, 19, 24)', 'dark palette applied');
      // A theme chosen in Settings wins over the system's, both ways (data-theme on <html>, src/ui/theme.ts).
      const themed = (theme) =>
        page.evaluate((t) => {
          document.documentElement.dataset.theme = t;
          const colour = getComputedStyle(document.body).backgroundColor;
          delete document.documentElement.dataset.theme;
          return colour;
        }, theme);
      assert.equal(await themed('light'), 'rgb(255, 255, 255)', 'Settings light theme on a dark system');
      await page.emulateMedia({ colorScheme: 'light' });
      assert.equal(await themed('dark'), 'rgb(15, 19, 24)', 'Settings dark theme on a light system');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(shotsDir, 'popup-12-hops-dark.png'), fullPage: true });
      await page.screenshot({ path: join(shotsDir, 'popup-12-hops-dark-fold.png') });
      await checkAccessibility(page, 'popup (12 hops, dark)');
      assert.deepEqual(page.errors, []);
      await page.close();

      // The result is kept per tab and URL in storage.session: a second popup answers from it.
      const stored = await worker.evaluate((id) => chrome.storage.session.get(`tab:${id}`), tabId);
      assert.match(stored[`tab:${tabId}`]?.url ?? '', /original\.html$/);
      const again = await openPage(`${base}/popup.html?tab=${tabId}`);
      await again.locator('article.report').waitFor({ timeout: 5_000 });
      const cached = await worker.evaluate(
        async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`]?.savedAt,
        tabId,
      );
      assert.equal(cached, stored[`tab:${tabId}`].savedAt, 'answered from the cache, not read again');
      await again.close();
      await source.close();
    },
  );

  await step('toolbar: a page without a message says so and offers the paste box', async () => {
    const source = await openPage(`${site}/article.html`);
    const page = await openPage(`${base}/popup.html?tab=${await tabIdOf(`${site}/article.html`)}`);
    await page.getByText(/No message source on 127\.0\.0\.1/).waitFor({ timeout: 10_000 });
    assert.ok(await page.getByLabel('Raw headers').isVisible());
    await page.close();
    await source.close();
  });

  await step('popup: paste, Analyze, report appears', async () => {
    const page = await openPage(`${base}/popup.html`);
    await page.getByLabel('Raw headers').fill(phishing);
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    const report = page.locator('article.report');
    await report.waitFor({ timeout: 5_000 });
    assert.equal((await report.locator('.subject').textContent())?.trim(), subjectOf(phishing));
    assert.match(
      (await report.locator('details.section summary', { hasText: 'Headers' }).textContent()) ?? '',
      /Headers \(\d{2,}\)/,
    );
    // The recipient's filter called it phishing: that, not the DKIM failure, is the headline.
    assert.equal(
      (await report.locator('.verdict-headline').textContent())?.trim(),
      "The recipient's spam filter flagged it",
    );
    assert.match((await report.locator('.lookups-section').textContent()) ?? '', /Network lookups are off/);
    await noHorizontalOverflow(page);
    await page.screenshot({ path: join(shotsDir, 'popup.png'), fullPage: true });
    // What the user sees first in a real popup (Chrome caps popups at 800 × 600).
    await page.setViewportSize({ width: 560, height: 600 });
    await page.screenshot({ path: join(shotsDir, 'popup-fold.png') });
    await checkAccessibility(page, 'popup');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(shotsDir, 'popup-dark-fold.png') });
    await page.screenshot({ path: join(shotsDir, 'popup-dark.png'), fullPage: true });
    await checkAccessibility(page, 'popup (dark)');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  await step('popup: Ctrl+Enter analyzes too', async () => {
    const page = await openPage(`${base}/popup.html`);
    await page.getByLabel('Raw headers').fill('Subject: keyboard\nFrom: a@example.org\n');
    await page.getByLabel('Raw headers').press('Control+Enter');
    await page.locator('article.report .subject', { hasText: 'keyboard' }).waitFor({ timeout: 5_000 });
    await page.close();
  });

  await step('popup: an attached message (forwarded report) is offered and analyzed on its own', async () => {
    const page = await openPage(`${base}/popup.html`);
    await page.getByLabel('Raw headers').fill(forwarded);
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    await page.getByText('This message contains 1 attached message').waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Analyze attached #1' }).click();
    await page.locator('article.report .subject', { hasText: 'Invoice #4471 overdue' }).waitFor({ timeout: 5_000 });
    assert.match(
      (await page.locator('p.source').textContent()) ?? '',
      /Attached message #1 \(suspicious invoice\.eml\)/,
    );
    assert.match((await page.locator('.verdict').textContent()) ?? '', /203\.0\.113\.99/);
    await page.getByRole('button', { name: /Back to the message/ }).click();
    await page.locator('article.report .subject', { hasText: 'Fwd: suspicious invoice' }).waitFor({ timeout: 5_000 });
    await page.close();
  });

  await step('hostile header text is inert: no element, no dialog, the text visible', async () => {
    const page = await openPage(`${base}/popup.html`);
    await page.getByLabel('Raw headers').fill(xss);
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    const report = page.locator('article.report');
    await report.waitFor({ timeout: 5_000 });
    // The folded sections (headers, authentication …) load once the first report is painted.
    await report.locator('details.section').first().waitFor({ timeout: 5_000 });
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    await page.waitForTimeout(200);
    const counts = await page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      script: document.querySelectorAll('body script').length,
      iframe: document.querySelectorAll('iframe').length,
      js: [...document.querySelectorAll('[href],[src]')].filter((el) =>
        /^\s*javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? ''),
      ).length,
      handlers: [...document.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on')),
      ).length,
    }));
    assert.deepEqual(counts, { img: 0, script: 0, iframe: 0, js: 0, handlers: 0 });
    const subject = (await report.locator('.subject').textContent()) ?? '';
    assert.ok(subject.includes('<script>alert(7)</script>'), 'the subject is shown as text');
    assert.ok(subject.includes('\u202E'), 'the RTL override is kept as a character, not applied to the page');
    // The display name's unclosed right-to-left override must not run on into the address shown after it
    // (hopscope.css isolates each piece of header text): the address reads left to right on screen.
    const order = await page.evaluate(() => {
      const node = [...document.querySelectorAll('.message-facts dd .mono')]
        .flatMap((el) => [...el.childNodes])
        .find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.startsWith('billing@'));
      if (!node) return null;
      const x = (i) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect().left;
      };
      return { first: x(0), last: x(node.textContent.length - 1) };
    });
    assert.ok(order, 'the From address is shown');
    assert.ok(order.first < order.last, `the From address reads left to right (${order.first} < ${order.last})`);
    assert.ok(await report.getByText('<iframe src="javascript:alert(11)"></iframe>').first().isVisible());
    assert.ok(await report.locator('.subject').isVisible());
    await page.waitForTimeout(100);
    assert.deepEqual(page.dialogs, []);
    assert.deepEqual(page.errors, []);
    await page.screenshot({ path: join(shotsDir, 'popup-xss.png'), fullPage: true });
    await page.close();
  });

  await step('context menu: selection opens the analyzer tab with the report', async () => {
    const holder = await openPage(`${site}/article.html`);
    const opened = waitForTab((u) => u.pathname === '/analyzer.html');
    await worker.evaluate(
      async ({ text, url }) => {
        const [tab] = await chrome.tabs.query({ url });
        const info = {
          menuItemId: 'hopscope-analyze',
          editable: false,
          selectionText: text,
          pageUrl: 'https://mail.example.org/inbox',
        };
        chrome.contextMenus.onClicked.dispatch(info, tab);
      },
      { text: phishing, url: `${site}/article.html` },
    );
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    assert.match(new URL(page.url()).search, /^\?id=[0-9a-f-]{36}$/, 'only an id in the URL');
    const report = page.locator('article.report');
    await report.waitFor({ timeout: 5_000 });
    assert.equal((await report.locator('.subject').textContent())?.trim(), subjectOf(phishing));
    assert.match((await page.locator('p.source').first().textContent()) ?? '', /Selected text on mail\.example\.org/);
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.screenshot({ path: join(shotsDir, 'analyzer.png'), fullPage: true });
    await checkAccessibility(page, 'analyzer');
    await page.close();
    await holder.close();
  });

  await step('context menu: an .eml link opens the analyzer with the file analyzed', async () => {
    const holder = await openPage(`${site}/article.html`);
    const opened = waitForTab((u) => u.pathname === '/analyzer.html');
    await worker.evaluate(
      async ({ link, url }) => {
        const [tab] = await chrome.tabs.query({ url });
        chrome.contextMenus.onClicked.dispatch(
          { menuItemId: 'hopscope-analyze-eml-link', editable: false, linkUrl: link, pageUrl: url },
          tab,
        );
      },
      { link: `${site}/list.eml`, url: `${site}/article.html` },
    );
    const page = await opened;
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.setViewportSize({ width: 1100, height: 900 });
    const report = page.locator('article.report');
    await report.waitFor({ timeout: 10_000 });
    assert.equal((await report.locator('.subject').textContent())?.trim(), subjectOf(list12));
    assert.match(
      (await page.locator('p.source').first().textContent()) ?? '',
      /The file list\.eml \(127\.0\.0\.1:\d+\)/,
    );
    assert.equal(await report.locator('ol.timeline > li').count(), 12);
    assert.match(await page.title(), /Release 4\.2 freeze/);
    await noHorizontalOverflow(page);
    await page.screenshot({ path: join(shotsDir, 'analyzer-12-hops.png'), fullPage: true });
    await checkAccessibility(page, 'analyzer (12 hops)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(shotsDir, 'analyzer-12-hops-dark.png'), fullPage: true });
    await checkAccessibility(page, 'analyzer (12 hops, dark)');
    assert.deepEqual(errors, []);
    await page.close();
    await holder.close();
  });

  await step('analyzer: an Outlook .msg file shows its headers and offers the message attached to it', async () => {
    const page = await openPage(`${base}/analyzer.html`);
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page
      .getByLabel('Open a message file')
      .setInputFiles(join(root, 'test/fixtures/msg/EmailWithMsgAttachment.msg'));
    const report = page.locator('article.report');
    await report.locator('.subject', { hasText: 'FW: Msg Attachment Test' }).waitFor({ timeout: 10_000 });
    assert.match((await page.locator('p.source').first().textContent()) ?? '', /The file EmailWithMsgAttachment\.msg/);
    assert.equal(await report.locator('ol.timeline > li').count(), 3);
    await page.getByRole('button', { name: 'Analyze attached #1' }).click();
    await report.locator('.subject', { hasText: /^\s*Msg Attachment Test\s*$/ }).waitFor({ timeout: 5_000 });
    assert.match(
      (await page.locator('p.source').first().textContent()) ?? '',
      /Attached message #1 \(Msg Attachment Test\)/,
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  await step(
    'analyzer: an mbox file shows its first message and leads to the others, by subject or in turn',
    async () => {
      const page = await openPage(`${base}/analyzer.html`);
      const errors = [];
      page.on('pageerror', (error) => errors.push(error));
      const second = fixture('test/fixtures/ui/chain-30-hops.eml');
      const mbox = `From a@x Mon Jan  1 00:00:00 2024\n${phishing.trimEnd()}\n\nFrom b@x Mon Jan  1 00:00:01 2024\n${second}`;
      await page
        .getByLabel('Open a message file')
        .setInputFiles({ name: 'Inbox.mbox', mimeType: 'application/mbox', buffer: Buffer.from(mbox) });
      const report = page.locator('article.report');
      const subjectOf = (text) => (text.match(/^Subject: (.*)$/m)?.[1] ?? '').trim();
      await report.locator('.subject', { hasText: subjectOf(phishing) }).waitFor({ timeout: 10_000 });
      const nav = page.getByRole('navigation', { name: 'Messages in this file' });
      assert.match((await nav.textContent()) ?? '', /Message .* of 2/);
      assert.match(
        (await page.locator('p.source').first().textContent()) ?? '',
        /Message 1 of 2 in the file Inbox\.mbox/,
      );
      await nav.getByRole('combobox').selectOption('1');
      await report.locator('.subject', { hasText: subjectOf(second) }).waitFor({ timeout: 5_000 });
      assert.equal(await report.locator('ol.timeline > li').count(), (second.match(/^Received:/gm) ?? []).length);
      await nav.getByRole('button', { name: '← Previous' }).click();
      await report.locator('.subject', { hasText: subjectOf(phishing) }).waitFor({ timeout: 5_000 });
      assert.equal(await nav.getByRole('button', { name: '← Previous' }).isDisabled(), true);
      assert.deepEqual(errors, []);
      await page.close();
    },
  );

  await step('keyboard: Tab reaches the report, an evidence link moves focus to its hop', async () => {
    const page = await openPage(`${base}/popup.html`);
    await page.getByLabel('Raw headers').fill(phishing);
    await page.getByLabel('Raw headers').press('Control+Enter');
    await page.locator('article.report').waitFor({ timeout: 5_000 });
    const link = page.locator('.verdict a.ip-link');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id?.startsWith('hop-'));
    assert.match(await page.evaluate(() => document.activeElement.id), /^hop-\d+$/);
    await page.close();
  });

  await step(
    'options: lookups off by default; settings saved; services listed; lookups never spin forever',
    async () => {
      const page = await openPage(`${base}/options.html`);
      await page.setViewportSize({ width: 1000, height: 900 });
      const toggle = page.getByRole('switch', { name: /Look up IP addresses/ });
      await toggle.waitFor();
      await page.waitForFunction(() => !document.querySelector('input[role=switch]')?.disabled);
      assert.equal(await toggle.isChecked(), false);
      assert.match((await page.textContent('body')) ?? '', /Nothing leaves the machine until you turn lookups on/);
      assert.ok((await page.locator('table.services tbody tr').count()) >= 5, 'the services table is rendered');
      await page.getByRole('textbox', { name: /servers that receive your mail/ }).fill('mx.example.org\nnot a host');
      await page.getByRole('textbox', { name: /servers that receive your mail/ }).blur();
      await page.getByLabel('Dark').check();
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      assert.match((await page.getByRole('alert').textContent()) ?? '', /not, a, host/);
      await page.getByLabel('Light').check();
      await page.getByLabel('Follow the system').check();
      const keyField = page.getByLabel('AbuseIPDB API key');
      await keyField.fill('secret-key-123');
      await keyField.blur();
      // An unreachable resolver: every lookup must settle with a status, not wait forever.
      await page.getByLabel(/One https:\/\/ URL per line/).fill('https://127.0.0.1:9/dns-query');
      await page.getByLabel(/One https:\/\/ URL per line/).blur();
      await toggle.check();
      const stored = await worker.evaluate(() => chrome.storage.local.get(null));
      assert.equal(stored['settings.lookupsEnabled'], true);
      assert.deepEqual(stored['settings.trustedHosts'], ['mx.example.org']);
      assert.equal(stored['settings.keys'].abuseipdb, 'secret-key-123');
      assert.equal(stored['settings.theme'], 'system');
      await page.screenshot({ path: join(shotsDir, 'options.png'), fullPage: true });
      await checkAccessibility(page, 'options');
      await page.close();

      const popup = await openPage(`${base}/popup.html`);
      await popup.getByLabel('Raw headers').fill(phishing);
      await popup.getByLabel('Raw headers').press('Control+Enter');
      const status = popup.locator('.lookups [role=status]');
      await status.waitFor({ timeout: 5_000 });
      await popup.waitForFunction(
        () => document.querySelector('.lookups')?.getAttribute('aria-busy') === 'false',
        null,
        {
          timeout: 35_000,
        },
      );
      const words = (await popup.locator('.lookups').textContent()) ?? '';
      assert.doesNotMatch(words, /waiting…/, 'nothing left pending');
      assert.match(words, /203\.0\.113\.45/);
      assert.deepEqual(popup.errors, []);
      await popup.screenshot({ path: join(shotsDir, 'popup-lookups-unreachable.png'), fullPage: true });
      await popup.close();
    },
  );
} finally {
  await context.close();
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok);
console.log(
  `\n${results.length - failed.length}/${results.length} passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${shotsDir}`,
);
process.exit(failed.length === 0 && results.length > 0 ? 0 : 1);
