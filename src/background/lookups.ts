// Runs the network lookups for a page that asks over a port (LOOKUP_PORT), only when the user turned them
// on. Answers stream back as they arrive (a few per 100 ms at most); closing the page aborts what is left.
// DNS answers are cached in storage.session, so a restarted service worker does not ask twice.

import { type Browser, browser } from 'wxt/browser';
import { enrich } from '../lookup';
import { createStorageCache, type LookupCache } from '../lookup/cache';
import type { Enrichment } from '../lookup/types';
import { isOwnExtensionPage, LOOKUP_PORT, type LookupMessage, type LookupStart, parseLookupStart } from '../messaging';
import { getSettings, lookupSettingsOf } from './settings';

/** The longest gap between two updates to the page while answers keep arriving. */
export const UPDATE_INTERVAL_MS = 100;

let sessionCache: LookupCache | undefined;
function cache(): LookupCache {
  sessionCache ??= createStorageCache(
    {
      get: async (key) => (await browser.storage.session.get(key))[key],
      set: (key, value) => browser.storage.session.set({ [key]: value }),
      remove: (key) => browser.storage.session.remove(key),
    },
    { prefix: 'lookup:' },
  );
  return sessionCache;
}

export function onLookupConnect(port: Browser.runtime.Port): void {
  if (port.name !== LOOKUP_PORT) return;
  if (!isOwnExtensionPage(port.sender ?? {}, browser.runtime.id, browser.runtime.getURL('/'))) {
    port.disconnect();
    return;
  }
  const controller = new AbortController();
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
    controller.abort();
  });
  const post = (message: LookupMessage) => {
    if (open) port.postMessage(message);
  };
  let started = false;
  port.onMessage.addListener((message: unknown) => {
    const start = parseLookupStart(message);
    if (!start || started) return;
    started = true;
    void runLookups(start, post, controller.signal);
  });
}

async function runLookups(
  { analysis, text }: LookupStart,
  post: (message: LookupMessage) => void,
  signal: AbortSignal,
): Promise<void> {
  const settings = await getSettings();
  if (!settings.lookupsEnabled) {
    post({ type: 'lookups/off' });
    return;
  }
  let latest: Enrichment | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (latest) post({ type: 'lookups/update', enrichment: latest });
  };
  try {
    const enrichment = await enrich(analysis, lookupSettingsOf(settings), {
      fetch: globalThis.fetch.bind(globalThis),
      cache: cache(),
      now: Date.now(),
      signal,
      // The analyzed text lets enrich verify the header signatures; without it they stay unchecked.
      ...(text === undefined ? {} : { text }),
      onUpdate: (update) => {
        latest = update.enrichment;
        timer ??= setTimeout(flush, UPDATE_INTERVAL_MS);
      },
    });
    clearTimeout(timer);
    post({ type: 'lookups/done', enrichment });
  } catch (error) {
    clearTimeout(timer);
    // Keys never reach this text: the lookup module scrubs them from its own messages.
    post({ type: 'lookups/error', message: error instanceof Error ? error.message : String(error) });
  }
}
