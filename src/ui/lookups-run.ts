// The lookups, run by the page that shows the report (see lookups-client.ts), and loaded only once lookups are
// on, which they are not by default, so the popup's first report never waits for this module.
//
// They ran in the background service worker, behind a port, until 2026-11-29. There they made most of the
// worker's script, and a stopped worker (Chromium stops it after 30 s without events) loads and compiles all of
// it before it answers anything: a toolbar click that found the worker stopped waited 48–50 ms for the page's
// text, against 32–35 ms with the lookups here (README, Performance), lookups on or off. In the page they cost
// nothing until asked for, and go with the page: closing it aborts what is left, as closing the port did.
// DNS answers are still cached in storage.session, shared by every page and kept until the browser closes.

import { getSettings, lookupSettingsOf } from '../background/settings';
import type { Analysis } from '../core/types';
import { enrich } from '../lookup';
import { createStorageCache, type LookupCache } from '../lookup/cache';
import type { Enrichment } from '../lookup/types';
import { browser } from '../page-browser';
import type { LookupState } from './lookups-client';

/** Longer than the lookup module's own timeouts (4 s per request, a few in sequence), shorter than patience. */
export const LOOKUP_DEADLINE_MS = 30_000;

/** The longest gap between two updates of the report while answers keep arriving. */
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

/**
 * Runs the lookups for `analysis` when the user has turned them on, and reports every state to `report`:
 * `off` at once when they are off (nothing is sent anywhere), else `running` as answers arrive (at most one
 * update per UPDATE_INTERVAL_MS), then `done`, `error`, or `stalled` after LOOKUP_DEADLINE_MS. `text` is what was
 * analyzed: with it enrich() verifies the DKIM and ARC signatures. Returns what stops it (aborting the requests
 * still open); nothing is reported after that.
 */
export function streamLookups(
  analysis: Analysis,
  text: string | undefined,
  report: (state: LookupState) => void,
): () => void {
  const controller = new AbortController();
  let latest: Enrichment | null = null;
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Stopped by the page or ended by an answer, the run clears its timers and aborts whatever is still open.
  const stop = () => {
    finished = true;
    clearTimeout(deadline);
    clearTimeout(timer);
    controller.abort();
  };
  const finish = (next: LookupState) => {
    if (finished) return;
    stop();
    report(next);
  };
  const deadline = setTimeout(() => finish({ state: 'stalled', enrichment: latest }), LOOKUP_DEADLINE_MS);
  const flush = () => {
    timer = undefined;
    if (latest && !finished) report({ state: 'running', enrichment: latest });
  };
  void (async () => {
    try {
      const settings = await getSettings();
      if (!settings.lookupsEnabled) {
        finish({ state: 'off' });
        return;
      }
      const enrichment = await enrich(analysis, lookupSettingsOf(settings), {
        fetch: globalThis.fetch.bind(globalThis),
        cache: cache(),
        now: Date.now(),
        signal: controller.signal,
        // The analyzed text lets enrich verify the header signatures; without it they stay unchecked.
        ...(text === undefined ? {} : { text }),
        onUpdate: (update) => {
          latest = update.enrichment;
          timer ??= setTimeout(flush, UPDATE_INTERVAL_MS);
        },
      });
      finish({ state: 'done', enrichment });
    } catch (error) {
      // Keys never reach this text: the lookup module scrubs them from its own messages.
      finish({ state: 'error', message: error instanceof Error ? error.message : String(error), enrichment: latest });
    }
  })();
  return stop;
}
