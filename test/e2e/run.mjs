#!/usr/bin/env node
// End-to-end check of the built Chrome extension in a real Chromium (headless, no display needed):
// the popup analyzes a pasted message, the context menu opens the analyzer tab with the selection,
// the options page starts with lookups off. Screenshots go to test-results/e2e/.
//
//   npm run build && npm run test:e2e        (CHROMIUM_PATH overrides /usr/bin/chromium)

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const extensionDir = join(root, '.output/chrome-mv3');
const fixturePath = join(root, 'examples/phishing-example.eml');
const shotsDir = join(root, 'test-results/e2e');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(executablePath)) {
  console.error(`Chromium not found at ${executablePath}.`);
  console.error('Install it with:   sudo apt-get install -y chromium');
  console.error('or point CHROMIUM_PATH at a Chromium or Chrome binary.');
  process.exit(1);
}
if (!existsSync(join(extensionDir, 'manifest.json'))) {
  console.error(`${extensionDir} does not exist: run \`npm run build\` first.`);
  process.exit(1);
}

const fixture = readFileSync(fixturePath, 'utf8');
const expectedSubject = /^Subject: (.*)$/m.exec(fixture)?.[1];
assert.ok(expectedSubject, 'the fixture has a Subject');
mkdirSync(shotsDir, { recursive: true });

const userDataDir = mkdtempSync(join(tmpdir(), 'hopscope-e2e-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: 560, height: 800 },
  args: [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
});

const results = [];
async function step(name, fn) {
  const started = Date.now();
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

/** Fails on axe violations of impact serious or critical; lists the others. */
async function checkAccessibility(page, label) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  for (const v of violations)
    console.log(`    axe (${label}): ${v.impact} ${v.id}: ${v.help} [${v.nodes.length} node(s)]`);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(blocking.length, 0, `${label}: ${blocking.map((v) => v.id).join(', ')}`);
}

const started = Date.now();
console.log(`Hopscope e2e: ${executablePath}, extension ${extensionDir}`);
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const extensionId = new URL(worker.url()).host;
  const base = `chrome-extension://${extensionId}`;
  console.log(`  extension id ${extensionId}`);

  await step('popup: paste, Analyze, report appears', async () => {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${base}/popup.html`);
    await page.getByLabel('Raw headers').fill(fixture);
    await page.getByRole('button', { name: 'Analyze' }).click();
    const report = page.locator('article.report');
    await report.waitFor({ timeout: 5_000 });
    assert.equal((await report.locator('.subject').textContent())?.trim(), expectedSubject);
    const headersSummary = await report.locator('details.section summary', { hasText: 'Headers' }).textContent();
    assert.match(headersSummary ?? '', /Headers \(\d{2,}\)/);
    assert.ok(await report.locator('.verdict-badge').isVisible(), 'verdict badge is visible');
    // No sideways scrolling at popup width, whatever the host names.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `page overflows horizontally by ${overflow}px`);
    await page.screenshot({ path: join(shotsDir, 'popup.png'), fullPage: true });
    await checkAccessibility(page, 'popup');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(shotsDir, 'popup-dark.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });

  await step('popup: Ctrl+Enter analyzes too', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/popup.html`);
    await page.getByLabel('Raw headers').fill('Subject: keyboard\nFrom: a@example.org\n');
    await page.getByLabel('Raw headers').press('Control+Enter');
    await page.locator('article.report .subject', { hasText: 'keyboard' }).waitFor({ timeout: 5_000 });
    await page.close();
  });

  await step('context menu: selection opens the analyzer tab with the report', async () => {
    const holder = await context.newPage();
    await holder.goto(`${base}/options.html`);
    const opened = context.waitForEvent('page', { timeout: 10_000 });
    await worker.evaluate(async (text) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs[tabs.length - 1];
      const info = {
        menuItemId: 'hopscope-analyze',
        editable: false,
        selectionText: text,
        pageUrl: 'https://mail.example.org/inbox',
      };
      chrome.contextMenus.onClicked.dispatch(info, tab);
    }, fixture);
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    const url = new URL(page.url());
    assert.equal(url.pathname, '/analyzer.html');
    assert.match(url.search, /^\?id=[0-9a-f-]{36}$/, 'only an id in the URL');
    const report = page.locator('article.report');
    await report.waitFor({ timeout: 5_000 });
    assert.equal((await report.locator('.subject').textContent())?.trim(), expectedSubject);
    assert.match((await page.locator('p.source').first().textContent()) ?? '', /Selected text on mail\.example\.org/);
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.screenshot({ path: join(shotsDir, 'analyzer.png'), fullPage: true });
    await checkAccessibility(page, 'analyzer');
    await page.close();
    await holder.close();
  });

  await step('options: lookups are off by default and the switch is saved', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/options.html`);
    const toggle = page.getByRole('switch', { name: /Look up IP addresses/ });
    await toggle.waitFor();
    await page.waitForFunction(() => !document.querySelector('input[role=switch]')?.disabled);
    assert.equal(await toggle.isChecked(), false);
    assert.match((await page.textContent('body')) ?? '', /Nothing leaves the machine until you turn lookups on/);
    await toggle.check();
    const stored = await worker.evaluate(() => chrome.storage.local.get('settings.lookupsEnabled'));
    assert.deepEqual(stored, { 'settings.lookupsEnabled': true });
    await page.screenshot({ path: join(shotsDir, 'options.png') });
    await checkAccessibility(page, 'options');
    await page.close();
  });
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok);
console.log(
  `\n${results.length - failed.length}/${results.length} passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${shotsDir}`,
);
process.exit(failed.length === 0 && results.length > 0 ? 0 : 1);
