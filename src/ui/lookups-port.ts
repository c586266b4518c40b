// The port side of lookups (see lookups-client.ts): loaded only once lookups are on, which they are not by
// default, so the popup's first report never waits for it.

import type { Analysis } from '../core/types';
import type { Enrichment } from '../lookup/types';
import { LOOKUP_PORT, type LookupMessage, type LookupStart } from '../messaging';
import { browser } from '../page-browser';
import type { LookupState } from './lookups-client';

/** Longer than the lookup module's own timeouts (4 s per request, a few in sequence), shorter than patience. */
export const LOOKUP_DEADLINE_MS = 30_000;

/**
 * Opens a port to the background, sends the analysis (and the text, which the background needs to verify
 * DKIM and ARC signatures) and reports every state of the stream of answers to `report`. Returns what closes
 * the port; nothing is reported after it.
 */
export function streamLookups(
  analysis: Analysis,
  text: string | undefined,
  report: (state: LookupState) => void,
): () => void {
  let latest: Enrichment | null = null;
  let finished = false;
  let port: ReturnType<typeof browser.runtime.connect>;
  try {
    port = browser.runtime.connect({ name: LOOKUP_PORT });
  } catch (error) {
    report({ state: 'error', message: String(error), enrichment: null });
    return () => {};
  }
  const finish = (next: LookupState) => {
    finished = true;
    clearTimeout(deadline);
    report(next);
  };
  const deadline = setTimeout(() => finish({ state: 'stalled', enrichment: latest }), LOOKUP_DEADLINE_MS);
  port.onMessage.addListener((message: unknown) => {
    const m = message as LookupMessage;
    if (finished) return;
    if (m.type === 'lookups/off') finish({ state: 'off' });
    else if (m.type === 'lookups/update') {
      latest = m.enrichment;
      report({ state: 'running', enrichment: latest });
    } else if (m.type === 'lookups/done') finish({ state: 'done', enrichment: m.enrichment });
    else if (m.type === 'lookups/error') finish({ state: 'error', message: m.message, enrichment: latest });
  });
  port.onDisconnect.addListener(() => {
    if (!finished)
      finish({ state: 'error', message: 'The background stopped before the lookups finished.', enrichment: latest });
  });
  const start: LookupStart = { type: 'lookups/start', analysis, ...(text === undefined ? {} : { text }) };
  port.postMessage(start);
  return () => {
    finished = true;
    clearTimeout(deadline);
    port.disconnect();
  };
}
