#!/usr/bin/env node
// Popup time to first timeline paint (DESIGN.md §10: < 100 ms for a 30-hop message), in Debian Chromium.
//
//   node test/e2e/popup-paint.mjs        (CHROMIUM_PATH overrides /usr/bin/chromium; PAINT_RUNS=10; PAINT_GATE)
//
// The popup marks `hopscope:timeline-painted` in the first effect after the frame that showed the report
// (src/ui/PopupReport.tsx): verdict, findings and the timeline's first FIRST_PAINT_HOPS hops, more than fit in
// the popup's first screen. The rest of the hops follow in the next render, and `hopscope:timeline-complete`
// marks their paint; both are reported. Preact runs that effect after the next frame, or at once when another
// render starts first, so the mark can come before the paint; the open runs also report when the frame holding
// the report's verdict headline was presented (Element Timing, ELEMENT_PAINT), which is 4–46 ms after the mark
// in headless runs here. Five ways to open it, PAINT_RUNS (10) times each, each a fresh popup page:
//   open     the toolbar click on a page showing the raw source of test/fixtures/ui/chain-30-hops.eml (as in
//            run.mjs: popup.html?tab=<id>), with the per-tab result removed from storage.session first, so the
//            popup loads, the background reads the page, the core loads, analyzes and renders: navigation start
//            to the mark.
//   reopen   the same, answered from the per-tab cache (reopening the popup on the same message).
//   paste    the popup open and idle (core loaded), the message pasted: the Analyze click
//            (`hopscope:analyze-requested`) to the mark.
//   toolbar  as a toolbar click opens it: chrome.action.openPopup() from the worker, with the fixture tab active
//            and no per-tab result, so the popup asks the browser which tab it is about (no `?tab=`), in the
//            popup window rather than a tab. Playwright does not see popup windows as pages: the marks are read
//            through a browser-level CDP session attached to the popup's target. It must show the whole message
//            (else the run fails). Chromium shows a popup window once its page has loaded, so the load event is
//            reported. Its times are reported up to the analysis, not to a paint: headless Chromium does not
//            render a popup window frame by frame (no first-contentful-paint entry, animation frames 20-50 ms
//            after the report is in place or none), so the paint mark there comes from Preact's timer fallback,
//            not from a frame. Not gated; where openPopup or the target is not available it says so and the run
//            goes on (the others stand).
//   window   the toolbar run again in a second Chromium with a window (headful), on an X display, where the
//            popup window is rendered: this is the popup as a user opens it. Its paint is when the frame holding
//            the report's verdict headline was presented (an Element Timing entry, `hopscope-report`; see
//            ELEMENT_PAINT), not the mark; each open waits for the page's first-contentful-paint entry too, and
//            fails without either. Without a DISPLAY the script runs
//            itself again under `xvfb-run -a` (Debian's xvfb; .ci/run installs it) when that is installed;
//            else this row says it was not measured. HOPSCOPE_PAINT_NO_XVFB=1 skips it.
//   floor    Chromium's own share of an open: the first contentful paint of a blank extension's popup (one line of
//            text set by one module script), opened as a tab and, where `window` ran, from the toolbar into a
//            window, in browsers of its own. On the 2-vCPU CI machine of 2026-11-29 (Chromium 156) it came at
//            116–152 ms as a tab and 120–160 ms in a window (five runs): over the 100 ms budget before any of
//            Hopscope runs.
// The gate (exit 1) is the median of PAINT_GATE (default `paste`; `open`, `reopen` or `window` to gate on those)
// against 100 ms. On the 2-vCPU CI machines Chromium alone takes most of that budget or more (the floor row), so
// `open` is reported, with where its time goes, and gated only where the machine allows it (PAINT_GATE=open).
//
// It builds its own copy of the test variant (HOPSCOPE_VARIANT=test: a host permission for the loopback fixture
// site standing in for activeTab) into a temporary directory, so it neither needs nor touches .output/.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension } from './launch.mjs';
import { originalMessagePage } from './pages.mjs';

const BUDGET_MS = 100;
const RUNS = Number(process.env.PAINT_RUNS ?? 10);
const GATE = process.env.PAINT_GATE || 'paste';
if (!['open', 'reopen', 'paste', 'window'].includes(GATE))
  throw new Error(`PAINT_GATE=${GATE}: open, reopen, paste or window`);
const XVFB_RUN = '/usr/bin/xvfb-run';
const noWindow = process.env.HOPSCOPE_PAINT_NO_XVFB === '1';
// The `window` run needs an X display: without one, this script runs itself again under a virtual one.
if (!process.env.DISPLAY && !noWindow && !process.env.HOPSCOPE_PAINT_UNDER_XVFB && existsSync(XVFB_RUN)) {
  const again = spawnSync(XVFB_RUN, ['-a', process.execPath, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, HOPSCOPE_PAINT_UNDER_XVFB: '1' },
  });
  process.exit(again.status ?? 1);
}
const COMPLETE = 'hopscope:timeline-complete';
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`Chromium not found at ${executablePath}: sudo apt-get install -y chromium, or set CHROMIUM_PATH.`);
  process.exit(1);
}

const buildDir = mkdtempSync(join(tmpdir(), 'hopscope-paint-build-'));
const userDataDir = mkdtempSync(join(tmpdir(), 'hopscope-paint-profile-'));
const cleanUp = () => {
  rmSync(buildDir, { recursive: true, force: true });
  rmSync(userDataDir, { recursive: true, force: true });
};
execFileSync(join(root, 'node_modules/.bin/wxt'), ['build'], {
  cwd: root,
  env: { ...process.env, HOPSCOPE_VARIANT: 'test', HOPSCOPE_OUT_DIR: buildDir, HOPSCOPE_SOURCEMAP: '' },
  stdio: 'ignore',
});
const extensionDir = join(buildDir, 'chrome-mv3');

const message = readFileSync(join(root, 'test/fixtures/ui/chain-30-hops.eml'), 'utf8');
const hopCount = (message.match(/^Received:/gm) ?? []).length;
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(originalMessagePage(message));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const site = `http://127.0.0.1:${server.address().port}/original.html`;

const viewport = { width: 560, height: 600 };
const context = await launchWithExtension(userDataDir, { executablePath, extensionDir, viewport });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (n) => `${n.toFixed(1)} ms`;

/**
 * The popup's marks (ms since its navigation start), its load event, its timeline's hop count and its URL: read
 * with page.evaluate from a popup opened as a tab and through CDP from one the toolbar opened, so a string.
 */
const READ_MARKS = `(() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  return {
    painted: at('hopscope:timeline-painted'), complete: at('${COMPLETE}'), fcp: at('first-contentful-paint'),
    popupStart: at('hopscope:popup-start'), inputReady: at('hopscope:input-ready'),
    coreLoaded: at('hopscope:core-loaded'), analyzeStart: at('hopscope:analyze-start'),
    analyzeEnd: at('hopscope:analyze-end'),
    loaded: performance.getEntriesByType('navigation')[0]?.loadEventEnd || null,
    hops: document.querySelectorAll('article.report ol.timeline > li').length, url: location.href,
  };
})()`;

/**
 * When the report's verdict headline (elementtiming="hopscope-report", Verdict.tsx), the first thing the report
 * shows, was painted, from Element Timing; null after 1.5 s. (The Path heading, elementtiming="hopscope-timeline",
 * lies at the popup's fold for the 30-hop message, 597 px down: its entry says when the window showed that
 * edge, not when the report was painted.)
 */
const ELEMENT_PAINT = `new Promise((resolve) => {
  const observer = new PerformanceObserver((list) => {
    const entry = list.getEntries().find((e) => e.identifier === 'hopscope-report');
    if (entry) {
      observer.disconnect();
      resolve(entry.renderTime || entry.startTime);
    }
  });
  observer.observe({ type: 'element', buffered: true });
  setTimeout(() => resolve(null), 1_500);
})`;

/**
 * Popup windows of `context`'s browser, which Playwright does not see as pages: a browser-level CDP session that
 * finds the one at `popupUrl` and evaluates in it through Target.sendMessageToTarget (a session that is not
 * flattened, because Playwright's CDP session sends only to the target it was made for). Null when the browser
 * gives no such session.
 */
async function popupWindows(context, popupUrl) {
  const cdp = await context.browser()?.newBrowserCDPSession();
  if (!cdp) return null;
  let sent = 0;
  const replies = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const reply = JSON.parse(event.message);
    replies.get(reply.id)?.(reply);
    replies.delete(reply.id);
  });
  /** Runtime.evaluate's value in the popup's target; a reply that does not come within 2 s is an error, not a hang. */
  const evaluate = (sessionId, expression, awaitPromise = false) =>
    new Promise((done, fail) => {
      const id = ++sent;
      const timer = setTimeout(() => {
        replies.delete(id);
        fail(new Error('the popup target did not answer within 2 s'));
      }, 2_000);
      replies.set(id, (reply) => {
        clearTimeout(timer);
        done(reply.result?.result?.value ?? null);
      });
      const params = { expression, returnByValue: true, awaitPromise };
      const message = JSON.stringify({ id, method: 'Runtime.evaluate', params });
      cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch((error) => {
        clearTimeout(timer);
        fail(error);
      });
    });
  /** The popup's target once it appears (5 s at most), attached: its session id and a way to close it. */
  const attach = async () => {
    for (let waited = 0; waited < 5_000; waited += 20) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const target = targetInfos.find((t) => t.url.startsWith(popupUrl));
      if (target) {
        const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
        return { sessionId, close: () => cdp.send('Target.closeTarget', { targetId: target.targetId }) };
      }
      await new Promise((done) => setTimeout(done, 20));
    }
    throw new Error('no popup target appeared after chrome.action.openPopup()');
  };
  /** `read` evaluated in the popup every 25 ms until `done` says so, 10 s at most; the last value. */
  const poll = async (sessionId, read, done) => {
    let value = null;
    for (let waited = 0; waited < 10_000 && !done(value); waited += 25) {
      value = await evaluate(sessionId, read);
      if (!done(value)) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return value;
  };
  return { evaluate, attach, poll };
}

/**
 * Opens the popup as the toolbar does (chrome.action.openPopup() from the worker, the fixture tab active) in
 * `context`'s browser and reads its marks (popupWindows). Returns the function that does one open, or null when
 * the browser gives no CDP session.
 */
async function toolbarOpener(context, { worker, base, source, forget }, { rendered = false } = {}) {
  const windows = await popupWindows(context, `${base}/popup.html`);
  if (!windows) return null;
  /** One toolbar open; its marks (ms since the popup's navigation start). */
  const toolbar = async () => {
    await source.bringToFront();
    await forget();
    await worker.evaluate(() => chrome.action.openPopup());
    const { sessionId, close } = await windows.attach();
    // A rendered window's first-contentful-paint entry comes when the compositor reports the frame shown, which
    // can be after the marks: it is waited for (up to the same 10 s).
    const done = (m) => m?.complete && (!rendered || m.fcp !== null);
    const marks = await windows.poll(sessionId, READ_MARKS, done);
    // In a rendered window the paint is the verdict headline's Element Timing entry, the time its frame was
    // presented: Preact runs the effect that sets the paint mark after the next frame, but runs it at once when
    // another render starts first, which happens here (seen: the mark 20 ms before the first frame).
    if (rendered && done(marks)) {
      marks.mark = marks.painted;
      marks.painted = await windows.evaluate(sessionId, ELEMENT_PAINT, true);
    }
    await close();
    if (!marks?.complete) throw new Error('the toolbar popup did not show its whole timeline within 10 s');
    if (rendered && marks.fcp === null) throw new Error('the popup window was not rendered (no first paint in 10 s)');
    if (rendered && marks.painted === null) throw new Error('no Element Timing entry for the verdict headline');
    if (marks.url.includes('?')) throw new Error(`the toolbar popup was opened as ${marks.url}`);
    if (marks.hops !== hopCount) throw new Error(`the toolbar popup shows ${marks.hops} hops, not ${hopCount}`);
    return marks;
  };
  return toolbar;
}

/** An extension's service worker in `context` (waited for, 10 s at most) and its pages' base URL. */
async function extensionWorker(context) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  return { worker, base: `chrome-extension://${new URL(worker.url()).host}` };
}

/** A page's first-contentful-paint time, or null before it has one. */
const FIRST_PAINT = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null";

/**
 * Chromium's own share of an open: the first contentful paint of a blank extension's popup (one line of text, set
 * by its one module script; a worker that does nothing), opened the same ways, RUNS times after one unmeasured
 * open: as a tab (`headless`), or from the toolbar into a popup window. Median ms from navigation start; null when
 * the browser gives no CDP session for its popup window. Throws when the blank popup does not paint in 10 s.
 */
async function blankPopupFirstPaint({ headless }) {
  const dir = mkdtempSync(join(tmpdir(), 'hopscope-paint-blank-'));
  const files = {
    'manifest.json': JSON.stringify({
      manifest_version: 3,
      name: 'Blank popup',
      version: '1.0',
      action: { default_popup: 'popup.html' },
      background: { service_worker: 'worker.js' },
    }),
    'worker.js': '',
    'popup.html':
      '<!DOCTYPE html><meta charset="utf-8"><title>Blank</title><script type="module" src="popup.js"></script><p id="line"></p>',
    'popup.js': "document.getElementById('line').textContent = 'A blank popup';",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const profile = mkdtempSync(join(tmpdir(), 'hopscope-paint-blank-profile-'));
  const browser = await launchWithExtension(profile, { executablePath, extensionDir: dir, headless, viewport });
  try {
    const { worker, base } = await extensionWorker(browser);
    const url = `${base}/popup.html`;
    const windows = headless ? null : await popupWindows(browser, url);
    if (!headless && !windows) return null;
    const source = headless ? null : await browser.newPage();
    const once = async () => {
      if (headless) {
        const page = await browser.newPage();
        await page.goto(url);
        const paint = await page.waitForFunction(FIRST_PAINT, null, { timeout: 10_000 });
        const at = await paint.jsonValue();
        await page.close();
        return at;
      }
      await source.bringToFront();
      await worker.evaluate(() => chrome.action.openPopup());
      const { sessionId, close } = await windows.attach();
      const at = await windows.poll(sessionId, FIRST_PAINT, (v) => v !== null);
      await close();
      if (at === null) throw new Error('the blank popup window was not rendered (no first paint in 10 s)');
      return at;
    };
    await once();
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await once());
    return median(times);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The extension's worker and pages' base URL in `context`, a tab showing the fixture page, and a way to drop
 * that tab's cached reading (so that the next popup reads the page). */
async function prepare(context) {
  const { worker, base } = await extensionWorker(context);
  const source = await context.newPage();
  await source.goto(site);
  const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, site);
  if (!Number.isInteger(tabId)) throw new Error('the fixture tab has no id');
  // Let the worker finish its start-up (context menus, the test variant's self-check) before timing.
  await new Promise((done) => setTimeout(done, 500));
  const forget = () => worker.evaluate((id) => chrome.storage.session.remove(`tab:${id}`), tabId);
  return { worker, base, source, tabId, forget };
}

/**
 * RUNS toolbar opens after one unmeasured one (a profile's first popup window pays one-off costs), or why they
 * could not be measured. A popup that opened and showed the wrong thing fails the run.
 */
async function toolbarRuns(toolbar) {
  try {
    await toolbar();
    const list = [];
    for (let i = 0; i < RUNS; i++) list.push(await toolbar());
    return { list };
  } catch (error) {
    if (/hops, not|opened as/.test(String(error))) throw error;
    return { note: `not measured: ${error?.message ?? error}` };
  }
}

let failed = false;
try {
  const prepared = await prepare(context);
  const { base, tabId, forget } = prepared;

  /** One popup open; returns its marks (ms since the popup's navigation start). */
  const open = async () => {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${base}/popup.html?tab=${tabId}`);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, COMPLETE, { timeout: 10_000 });
    const marks = await page.evaluate(READ_MARKS);
    // When the frame that showed the verdict was presented (ELEMENT_PAINT), beside the mark.
    marks.presented = await page.evaluate(ELEMENT_PAINT);
    await page.close();
    if (errors.length > 0) throw errors[0];
    if (marks.hops !== hopCount) throw new Error(`the timeline shows ${marks.hops} hops, not ${hopCount}`);
    return marks;
  };
  /** The paste path: open the popup idle, wait for the core, paste, click Analyze; ms from the click to the mark. */
  const paste = async () => {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${base}/popup.html`);
    await page.waitForFunction(() => performance.getEntriesByName('hopscope:core-loaded').length > 0);
    await page.getByLabel('Raw headers').fill(message);
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, COMPLETE, { timeout: 10_000 });
    const marks = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
      return {
        painted: at('hopscope:timeline-painted') - at('hopscope:analyze-requested'),
        complete: at('hopscope:timeline-complete') - at('hopscope:analyze-requested'),
        analyzeStart: at('hopscope:analyze-start'),
        analyzeEnd: at('hopscope:analyze-end'),
        hops: document.querySelectorAll('article.report ol.timeline > li').length,
      };
    });
    await page.close();
    if (errors.length > 0) throw errors[0];
    if (marks.hops !== hopCount) throw new Error(`the timeline shows ${marks.hops} hops, not ${hopCount}`);
    return marks;
  };

  // One unmeasured open first: Chromium's first extension page of a profile pays one-off start-up costs.
  await forget();
  await open();

  const runs = { open: [], reopen: [], paste: [] };
  for (let i = 0; i < RUNS; i++) {
    await forget();
    runs.open.push(await open());
  }
  for (let i = 0; i < RUNS; i++) runs.reopen.push(await open());
  for (let i = 0; i < RUNS; i++) runs.paste.push(await paste());
  // The toolbar path needs openPopup (Chromium 127+) and a CDP session of the whole browser.
  let toolbarNote = '';
  const toolbar = await toolbarOpener(context, prepared);
  if (!toolbar) toolbarNote = 'not measured: no browser-level CDP session';
  else {
    const { list, note } = await toolbarRuns(toolbar);
    runs.toolbar = list;
    toolbarNote = note ?? '';
  }

  // The same in a Chromium with a window, where the popup window is rendered and its paint mark is a paint.
  let windowNote = '';
  if (noWindow) windowNote = 'not measured (HOPSCOPE_PAINT_NO_XVFB=1)';
  else if (!process.env.DISPLAY) windowNote = `not measured: no X display (install xvfb for ${XVFB_RUN})`;
  else {
    const windowProfile = mkdtempSync(join(tmpdir(), 'hopscope-paint-window-'));
    const headful = await launchWithExtension(windowProfile, {
      executablePath,
      extensionDir,
      headless: false,
      viewport,
    });
    try {
      const opener = await toolbarOpener(headful, await prepare(headful), { rendered: true });
      if (!opener) windowNote = 'not measured: no browser-level CDP session';
      else {
        const { list, note } = await toolbarRuns(opener);
        windowNote = note ?? '';
        runs.window = list;
      }
    } finally {
      await headful.close();
      rmSync(windowProfile, { recursive: true, force: true });
    }
  }
  // Chromium's own share, for the open rows: a blank extension popup opened as a tab and, with a window, from the
  // toolbar. Not gated; where it cannot be measured the report says so.
  const floorOf = (headless) =>
    blankPopupFirstPaint({ headless }).catch((error) => `not measured: ${error?.message ?? error}`);
  const floor = { tab: await floorOf(true) };
  if (runs.window) floor.window = await floorOf(false);

  const at = (list, key) => ms(median(list.map((r) => r[key] ?? Number.NaN)));
  const summary = (list) => {
    const painted = list.map((r) => r.painted);
    return (
      `median ${ms(median(painted))} (min ${ms(Math.min(...painted))}, max ${ms(Math.max(...painted))}); ` +
      `all ${hopCount} hops painted: median ${ms(median(list.map((r) => r.complete)))}`
    );
  };
  console.log(`Popup time to first timeline paint, ${hopCount} hops, ${RUNS} runs each (${executablePath}):`);
  for (const kind of ['open', 'reopen']) {
    const list = runs[kind];
    console.log(
      `  ${kind === 'open' ? 'open (reads the page), from navigation start' : 'reopen (per-tab cache), from navigation start'}: ${summary(list)}\n` +
        `    medians: report presented (Element Timing) ${at(list, 'presented')}, ` +
        `popup script runs at ${at(list, 'popupStart')}, first contentful paint ${at(list, 'fcp')}, ` +
        `page text in ${at(list, 'inputReady')}, core loaded ${at(list, 'coreLoaded')}, ` +
        `analyze() ${ms(median(list.map((r) => r.analyzeEnd - r.analyzeStart)))}`,
    );
  }
  console.log(
    `  paste, from the Analyze click: ${summary(runs.paste)}; analyze() ${ms(median(runs.paste.map((r) => r.analyzeEnd - r.analyzeStart)))}`,
  );
  if (runs.toolbar)
    console.log(
      `  toolbar (chrome.action.openPopup, reads the active tab; no paint measured, see above), from navigation ` +
        `start, medians: popup script runs at ${at(runs.toolbar, 'popupStart')}, page loaded (when Chromium shows ` +
        `a popup window) at ${at(runs.toolbar, 'loaded')}, page text in ` +
        `${at(runs.toolbar, 'inputReady')}, core loaded ${at(runs.toolbar, 'coreLoaded')}, analysis done at ` +
        `${at(runs.toolbar, 'analyzeEnd')} (the tab-opened popup above: ${at(runs.open, 'analyzeEnd')})`,
    );
  else console.log(`  toolbar: ${toolbarNote}`);
  if (runs.window) {
    const presented = runs.window.map((r) => r.painted);
    console.log(
      `  window (the toolbar run in Chromium with a window on ${process.env.DISPLAY}), from navigation start: ` +
        `report presented (Element Timing) median ${ms(median(presented))} (min ${ms(Math.min(...presented))}, ` +
        `max ${ms(Math.max(...presented))})\n    medians: popup script runs at ${at(runs.window, 'popupStart')}, ` +
        `page loaded (the popup window shown) at ${at(runs.window, 'loaded')}, first contentful paint ` +
        `${at(runs.window, 'fcp')}, page text in ${at(runs.window, 'inputReady')}, core loaded ` +
        `${at(runs.window, 'coreLoaded')}, analysis done at ${at(runs.window, 'analyzeEnd')}, paint mark ` +
        `${at(runs.window, 'mark')}`,
    );
  } else console.log(`  window: ${windowNote}`);
  const blank = (at) => (typeof at === 'number' ? ms(at) : (at ?? 'not measured: no browser-level CDP session'));
  console.log(
    `  floor (Chromium alone: a blank extension popup, one line of text), first contentful paint from navigation ` +
      `start, medians: as a tab ${blank(floor.tab)}${runs.window ? `, from the toolbar in a window ${blank(floor.window)}` : ''}`,
  );
  if (!runs[GATE]) throw new Error(`PAINT_GATE=${GATE}, which was not measured`);
  const gated = median(runs[GATE].map((r) => r.painted));
  if (gated >= BUDGET_MS) {
    console.error(`popup-paint: ${GATE} median ${ms(gated)} is not under the ${BUDGET_MS} ms budget (DESIGN.md §10)`);
    failed = true;
  } else console.log(`popup-paint: ${GATE} median ${ms(gated)} < ${BUDGET_MS} ms`);
} catch (error) {
  console.error(`popup-paint: ${error?.stack ?? error}`);
  failed = true;
} finally {
  await context.close();
  server.close();
  cleanUp();
}
process.exit(failed ? 1 : 0);
