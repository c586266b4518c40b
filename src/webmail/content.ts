// The webmail content script's body. It does nothing on its own: it answers one request from our background
// ("extract the open message"), and only when a registered adapter claims the page. Placeholder until the
// adapters exist.

import { browser } from 'wxt/browser';
import { findAdapter } from './registry';
import type { Extracted } from './types';

export const EXTRACT_REQUEST = 'webmail/extract';

export function startWebmailContentScript(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only our own extension may ask; web pages cannot reach runtime.onMessage, other extensions have other ids.
    if (sender.id !== browser.runtime.id) return undefined;
    if ((message as { type?: unknown } | null)?.type !== EXTRACT_REQUEST) return undefined;
    const url = new URL(location.href);
    const adapter = findAdapter(url);
    if (!adapter) {
      const answer: Extracted = { ok: false, reason: 'unsupported', detail: `No adapter for ${url.host} yet.` };
      return Promise.resolve(answer);
    }
    return adapter.extract({ document, url, fetch: globalThis.fetch.bind(globalThis) });
  });
}
