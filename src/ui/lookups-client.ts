// The page side of lookups: opens a port to the background, sends the analysis, and turns the stream of
// answers into one state the Lookups component renders. Nothing waits forever: if the background goes
// quiet (a restarted service worker, a hung request) the state says so and offers a retry.

import { useEffect, useState } from 'preact/hooks';
import type { Analysis } from '../core/types';
import type { Enrichment } from '../lookup/types';
import { LOOKUP_PORT, type LookupMessage, type LookupStart } from '../messaging';
import { browser } from '../page-browser';

export type LookupState =
  | { state: 'off' }
  | { state: 'running'; enrichment: Enrichment | null }
  | { state: 'done'; enrichment: Enrichment }
  /** No final answer in time: whatever is still pending is shown as "no answer". */
  | { state: 'stalled'; enrichment: Enrichment | null }
  | { state: 'error'; message: string; enrichment: Enrichment | null };

/** Longer than the lookup module's own timeouts (4 s per request, a few in sequence), shorter than patience. */
export const LOOKUP_DEADLINE_MS = 30_000;

/**
 * The lookup state for an analysis; `attempt` changes to retry. `enabled` false skips the port entirely.
 * `text` is what was analyzed: the background needs it to verify DKIM and ARC signatures.
 */
export function useLookups(
  analysis: Analysis | null,
  enabled: boolean,
  attempt = 0,
  text?: string,
): LookupState | null {
  const [state, setState] = useState<LookupState | null>(null);
  useEffect(() => {
    if (!analysis) {
      setState(null);
      return;
    }
    if (!enabled) {
      setState({ state: 'off' });
      return;
    }
    let latest: Enrichment | null = null;
    let finished = false;
    setState({ state: 'running', enrichment: null });
    let port: ReturnType<typeof browser.runtime.connect>;
    try {
      port = browser.runtime.connect({ name: LOOKUP_PORT });
    } catch (error) {
      setState({ state: 'error', message: String(error), enrichment: null });
      return;
    }
    const finish = (next: LookupState) => {
      finished = true;
      clearTimeout(deadline);
      setState(next);
    };
    const deadline = setTimeout(() => finish({ state: 'stalled', enrichment: latest }), LOOKUP_DEADLINE_MS);
    port.onMessage.addListener((message: unknown) => {
      const m = message as LookupMessage;
      if (finished) return;
      if (m.type === 'lookups/off') finish({ state: 'off' });
      else if (m.type === 'lookups/update') {
        latest = m.enrichment;
        setState({ state: 'running', enrichment: latest });
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
  }, [analysis, enabled, attempt, text]);
  return state;
}
