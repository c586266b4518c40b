// A start-up check for the test build only (HOPSCOPE_VARIANT=test; see wxt.config.ts), for the Firefox smoke run
// (test/e2e/firefox-smoke.mjs), which greps the console for its lines. Never part of the shipped build.
//  - HOPSCOPE_SELF_CHECK: analyzes a small fixture in the background and round-trips storage.session.
//  - HOPSCOPE_TAB_READ: reads the page the smoke run opens (SELF_CHECK_PAGE on the loopback host, a message's
//    raw source in a <pre>) as the toolbar click does (readTab), and says whether the webmail content script's
//    answer came back as its injection's result, the path the popup takes in Chromium, or only by message.

import { browser } from 'wxt/browser';
import { analyze } from '../core/analyze';
import { parseExtracted } from '../messaging';
import { readTab, WEBMAIL_SCRIPT } from './tab-reader';

/** The page the Firefox smoke run serves on 127.0.0.1 and opens at start-up. */
export const SELF_CHECK_PAGE = '/hopscope-self-check.html';
/** How long the tab read waits for that page (it is absent in the Chromium runs, where this check is idle). */
const PAGE_WAIT_MS = 45_000;

const FIXTURE = [
  'Received: from mx.example.net (mx.example.net [192.0.2.10]) by mail.example.org with ESMTPS id abc;',
  ' Tue, 4 Mar 2025 09:15:07 +0000',
  'Received: from sender.example.com (sender.example.com [198.51.100.7]) by mx.example.net with ESMTP id def;',
  ' Tue, 4 Mar 2025 09:15:02 +0000',
  'From: Alice <alice@example.com>',
  'To: bob@example.org',
  'Subject: self-check',
  'Date: Tue, 4 Mar 2025 09:15:00 +0000',
  'Message-ID: <self-check@example.com>',
  '',
  'body',
  '',
].join('\r\n');

export async function runSelfCheck(): Promise<void> {
  await checkAnalysis();
  await checkTabRead();
}

async function checkAnalysis(): Promise<void> {
  try {
    const analysis = analyze(FIXTURE, { now: Date.parse('2025-03-04T10:00:00Z') });
    await browser.storage.session.set({ 'self-check': analysis.summary.handoffIp });
    const stored = (await browser.storage.session.get('self-check'))['self-check'];
    await browser.storage.session.remove('self-check');
    const ok = analysis.hops.length === 2 && stored === analysis.summary.handoffIp;
    console.log(`HOPSCOPE_SELF_CHECK ${ok ? 'ok' : 'failed'} ${analysis.summary.handoffIp ?? 'no-handoff'}`);
  } catch (error) {
    console.log(`HOPSCOPE_SELF_CHECK failed ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isSelfCheckPage(tab: { url?: string; status?: string }): boolean {
  if (tab.status !== 'complete') return false;
  try {
    const url = new URL(tab.url ?? '');
    return url.hostname === '127.0.0.1' && url.pathname === SELF_CHECK_PAGE;
  } catch {
    return false;
  }
}

/**
 * The loopback tab showing SELF_CHECK_PAGE, once it has loaded; null when none does within PAGE_WAIT_MS. It
 * waits on tabs.onUpdated, so it costs nothing in the runs that never open that page.
 */
async function selfCheckTab(): Promise<number | null> {
  const open = (await browser.tabs.query({})).find(isSelfCheckPage);
  if (open?.id !== undefined) return open.id;
  return new Promise((resolve) => {
    const done = (id: number | null) => {
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(listener);
      resolve(id);
    };
    const listener = (tabId: number, _change: unknown, tab: { url?: string; status?: string }) => {
      if (isSelfCheckPage(tab)) done(tabId);
    };
    const timer = setTimeout(() => done(null), PAGE_WAIT_MS);
    browser.tabs.onUpdated.addListener(listener);
  });
}

async function checkTabRead(): Promise<void> {
  try {
    const tabId = await selfCheckTab();
    if (tabId === null) return; // not the Firefox smoke run
    // The content script's own answer, as askContentScript receives it.
    const results = await browser.scripting.executeScript({ target: { tabId }, files: [WEBMAIL_SCRIPT] });
    const via = parseExtracted(results[0]?.result) ? 'injection' : 'message';
    const reading = await readTab(tabId, { refresh: true });
    if (reading.status !== 'found') {
      console.log(`HOPSCOPE_TAB_READ failed ${via} ${reading.status}`);
      return;
    }
    const analysis = analyze(reading.text);
    console.log(`HOPSCOPE_TAB_READ ok ${via} ${analysis.hops.length} ${analysis.summary.handoffIp ?? 'no-handoff'}`);
  } catch (error) {
    console.log(`HOPSCOPE_TAB_READ failed ${error instanceof Error ? error.message : String(error)}`);
  }
}
