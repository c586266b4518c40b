// Reads the message open in a tab when the user clicks the toolbar button (the click grants activeTab).
// First the webmail content script: it is injected on demand and answers `webmail/extract` through the
// adapter that claims the page. When no adapter does, a generic reading: the selection, a `<pre>` with the
// raw source ("Show original" pages), or a text/plain document. Every way of failing is an answer in words.

import { browser } from 'wxt/browser';
import {
  type Extracted,
  type InputSource,
  MAX_INPUT_CHARS,
  parseExtracted,
  type TabReading,
  WEBMAIL_EXTRACT,
  type WebmailExtractRequest,
} from '../messaging';
import { findAdapter } from '../webmail/registry';
import { getTabResult, putTabResult } from './tab-cache';

/** The content script as WXT builds it from entrypoints/webmail.content.ts. */
export const WEBMAIL_SCRIPT = '/content-scripts/webmail.js';
/** A webmail adapter fetches the original message over the network; past this it is reported, not awaited. */
export const EXTRACT_TIMEOUT_MS = 12_000;

export interface ReadTabOptions {
  refresh?: boolean;
  timeoutMs?: number;
}

type Tab = { id?: number; url?: string };

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export async function readTab(tabId: number, options: ReadTabOptions = {}): Promise<TabReading> {
  let tab: Tab | undefined;
  try {
    tab = await browser.tabs.get(tabId);
  } catch {
    tab = undefined;
  }
  if (!tab) return { status: 'failed', reason: 'no-tab', detail: 'The tab is no longer open.' };
  const url = tab.url ?? '';
  const host = hostOf(url);
  if (!options.refresh) {
    const cached = await getTabResult(tabId, url);
    if (cached) return { status: 'found', text: cached.text, source: cached.source, cached: true };
  }
  const reading = await readFresh(tabId, url, options.timeoutMs ?? EXTRACT_TIMEOUT_MS);
  // Saved for the next opening without holding this answer back (a few ms in Chromium): a failed save only
  // means the next opening reads the page again.
  if (reading.status === 'found')
    void putTabResult(tabId, { url, text: reading.text, source: reading.source }).catch(() => undefined);
  return reading.status === 'nothing' || reading.status === 'failed'
    ? { ...reading, ...(host ? { host } : {}) }
    : reading;
}

async function readFresh(tabId: number, url: string, timeoutMs: number): Promise<TabReading> {
  const adapter = adapterFor(url);
  const answer = await askContentScript(tabId, timeoutMs);
  if (answer === 'restricted') return restricted();
  if (answer === 'timeout')
    return {
      status: 'failed',
      reason: 'timeout',
      detail: `The page did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      ...(adapter ? { webmail: adapter } : {}),
    };
  if (answer?.ok) {
    const text = answer.raw.slice(0, MAX_INPUT_CHARS);
    const source: InputSource = adapter
      ? { kind: 'webmail', name: adapter.name, pageUrl: url }
      : { kind: 'page', pageUrl: url };
    return { status: 'found', text, source, cached: false };
  }
  // An adapter claimed the page and said what failed: that is the answer (with its instructions).
  if (answer && answer.reason !== 'unsupported' && adapter)
    return { status: 'failed', reason: answer.reason, detail: answer.detail, webmail: adapter };
  return readGeneric(tabId, url);
}

function adapterFor(url: string): { id: string; name: string; instructions: string } | undefined {
  try {
    const found = url ? findAdapter(new URL(url)) : undefined;
    return found ? { id: found.id, name: found.name, instructions: found.instructions } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Injects the webmail content script, whose result is its answer (see answerInjection); a browser that does not
 * hand that back is asked by message. null when nothing answered (no adapter, old page).
 */
async function askContentScript(
  tabId: number,
  timeoutMs: number,
): Promise<Extracted | null | 'restricted' | 'timeout'> {
  let results: Array<{ result?: unknown }> | 'timeout';
  try {
    results = await withTimeout(
      browser.scripting.executeScript({ target: { tabId }, files: [WEBMAIL_SCRIPT] }),
      timeoutMs,
    );
  } catch {
    return 'restricted';
  }
  if (results === 'timeout') return 'timeout';
  const injected = parseExtracted(results[0]?.result);
  if (injected) return injected;
  try {
    const request: WebmailExtractRequest = { type: WEBMAIL_EXTRACT };
    const answer = await withTimeout(browser.tabs.sendMessage(tabId, request), timeoutMs);
    return answer === 'timeout' ? 'timeout' : parseExtracted(answer);
  } catch {
    return null;
  }
}

function restricted(): TabReading {
  return {
    status: 'failed',
    reason: 'restricted',
    detail:
      'The browser does not let extensions read this page (browser pages, the extension store, built-in viewers).',
  };
}

type GenericFound = { from: 'selection' | 'page'; text: string };

// Runs inside the page: self-contained (no imports, no closures).
function genericInPage(): GenericFound | null {
  const selection = globalThis.getSelection?.()?.toString() ?? '';
  if (selection.trim()) return { from: 'selection', text: selection };
  if (/^(text\/plain|message\/rfc822)$/i.test(document.contentType)) {
    return { from: 'page', text: document.body?.textContent ?? document.documentElement.textContent ?? '' };
  }
  let longest = '';
  for (const pre of document.querySelectorAll('pre')) {
    const text = pre.textContent ?? '';
    if (text.length > longest.length) longest = text;
  }
  return longest ? { from: 'page', text: longest } : null;
}

/** Header field names that say "this text is a message": two distinct ones at line starts are enough. */
const MESSAGE_FIELDS =
  /^(received|from|to|subject|date|message-id|return-path|dkim-signature|authentication-results|delivered-to|mime-version|x-[a-z0-9-]+):/gim;

export function looksLikeHeaders(text: string): boolean {
  const names = new Set<string>();
  for (const match of text.slice(0, 256 * 1024).matchAll(MESSAGE_FIELDS)) {
    names.add(match[1]!.toLowerCase());
    if (names.size >= 2) return true;
  }
  return false;
}

async function readGeneric(tabId: number, url: string): Promise<TabReading> {
  let found: GenericFound | null = null;
  try {
    const [result] = await browser.scripting.executeScript({ target: { tabId }, func: genericInPage });
    found = (result?.result as GenericFound | null | undefined) ?? null;
  } catch {
    return restricted();
  }
  if (!found || typeof found.text !== 'string') return { status: 'nothing' };
  // A selection is the user's own choice and is analyzed as it is; page text only if it reads as a message.
  if (found.from === 'page' && !looksLikeHeaders(found.text)) return { status: 'nothing' };
  const source: InputSource = { kind: found.from, pageUrl: url };
  return { status: 'found', text: found.text.slice(0, MAX_INPUT_CHARS), source, cached: false };
}
