// The last result per tab, so reopening the popup on the same message is instant and survives a restart of
// the service worker. Kept in storage.session (memory only, cleared with the browser, not readable by content
// scripts), keyed by tab id; the URL is stored beside it and must match, so navigating away invalidates it.

import { browser } from 'wxt/browser';
import type { InputSource } from '../messaging';

const KEY_PREFIX = 'tab:';
/** storage.session holds 10 MB in Chrome; the last few tabs are what a user comes back to. */
export const KEEP_TABS = 8;

export interface TabResult {
  url: string;
  text: string;
  source: InputSource;
  savedAt: number;
}

const keyOf = (tabId: number) => `${KEY_PREFIX}${tabId}`;

/** The result saved for this tab at this URL, or null (none, or the tab has navigated since). */
export async function getTabResult(tabId: number, url: string): Promise<TabResult | null> {
  const key = keyOf(tabId);
  const found = (await browser.storage.session.get(key))[key] as TabResult | undefined;
  if (!found || typeof found.text !== 'string' || found.url !== url) return null;
  return found;
}

export async function putTabResult(tabId: number, result: Omit<TabResult, 'savedAt'>, now = Date.now()): Promise<void> {
  await pruneTabResults(KEEP_TABS - 1);
  await browser.storage.session.set({ [keyOf(tabId)]: { ...result, savedAt: now } satisfies TabResult });
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyOf(tabId));
}

async function pruneTabResults(keep: number): Promise<void> {
  const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
  const stale = Object.entries(all)
    .filter(([key]) => key.startsWith(KEY_PREFIX))
    .map(([key, value]) => ({ key, savedAt: (value as TabResult).savedAt ?? 0 }))
    .sort((a, b) => b.savedAt - a.savedAt)
    .slice(Math.max(keep, 0))
    .map((entry) => entry.key);
  if (stale.length > 0) await browser.storage.session.remove(stale);
}
