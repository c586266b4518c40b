// The page side of lookups: the state the Lookups component renders, from the stream of answers that
// lookups-run.ts gets from the lookup module. Nothing waits forever: if the answers stop coming (a hung
// request) the state says so and offers a retry.

import { useEffect, useState } from 'preact/hooks';
import type { Analysis } from '../core/types';
import type { Enrichment } from '../lookup/types';

export type LookupState =
  | { state: 'off' }
  | { state: 'running'; enrichment: Enrichment | null }
  | { state: 'done'; enrichment: Enrichment }
  /** No final answer in time: whatever is still pending is shown as "no answer". */
  | { state: 'stalled'; enrichment: Enrichment | null }
  | { state: 'error'; message: string; enrichment: Enrichment | null };

/**
 * The lookup state for an analysis; `attempt` changes to retry. `enabled` false skips the lookups entirely, and
 * their module is loaded only when lookups are on. `text` is what was analyzed (for DKIM and ARC).
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
    let closed = false;
    let close: (() => void) | undefined;
    setState({ state: 'running', enrichment: null });
    import('./lookups-run').then(
      ({ streamLookups }) => {
        if (!closed) close = streamLookups(analysis, text, setState);
      },
      (error) => {
        if (!closed) setState({ state: 'error', message: String(error), enrichment: null });
      },
    );
    return () => {
      closed = true;
      close?.();
    };
  }, [analysis, enabled, attempt, text]);
  return state;
}
