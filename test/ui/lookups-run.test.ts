// The page that shows the report runs the lookups itself (src/ui/lookups-run.ts), only when the user turned them
// on, and hands enrich() the analyzed text, which is what lets it verify DKIM and ARC signatures (without it
// they stay unchecked). Every run ends in a state the report shows; stopping it aborts the requests.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { setLookupsEnabled } from '../../src/background/settings';
import type { EnrichDeps } from '../../src/lookup/enrich';
import { emptyEnrichment } from '../../src/lookup/enrich';
import type { EnrichmentUpdate } from '../../src/lookup/types';
import type { LookupState } from '../../src/ui/lookups-client';
import { LOOKUP_DEADLINE_MS, streamLookups, UPDATE_INTERVAL_MS } from '../../src/ui/lookups-run';
import { sampleAnalysis } from '../security/helpers';

const enrich = vi.hoisted(() => vi.fn());
vi.mock('../../src/lookup', () => ({ enrich }));

beforeEach(() => {
  fakeBrowser.reset();
  enrich.mockReset();
  enrich.mockResolvedValue(emptyEnrichment(true));
});
afterEach(() => vi.useRealTimers());

function collect(): { states: LookupState[]; report: (s: LookupState) => void } {
  const states: LookupState[] = [];
  return { states, report: (s) => states.push(s) };
}

describe('lookups in the page', () => {
  it('passes the analyzed text to enrich, so the signatures are verified, and reports done', async () => {
    await setLookupsEnabled(true);
    const { states, report } = collect();
    streamLookups(sampleAnalysis(), 'From: a@example.com\n\nbody', report);
    await vi.waitFor(() => expect(states.at(-1)).toMatchObject({ state: 'done' }));
    expect(enrich).toHaveBeenCalledOnce();
    expect(enrich.mock.calls[0]![2]).toMatchObject({ text: 'From: a@example.com\n\nbody' });
  });

  it('reports "off" and does not start the lookup module while lookups are off', async () => {
    const { states, report } = collect();
    streamLookups(sampleAnalysis(), undefined, report);
    await vi.waitFor(() => expect(states).toEqual([{ state: 'off' }]));
    expect(enrich).not.toHaveBeenCalled();
  });

  it('reports answers as they arrive, at most one update per interval, then the final enrichment', async () => {
    await setLookupsEnabled(true);
    let finish: (value: unknown) => void = () => {};
    enrich.mockImplementation(
      (_a: unknown, _s: unknown, options: EnrichDeps) =>
        new Promise((resolve) => {
          const partial = emptyEnrichment(true);
          const update: EnrichmentUpdate = { target: { kind: 'signatures' }, what: 'signatures', enrichment: partial };
          options.onUpdate?.(update);
          options.onUpdate?.(update);
          finish = resolve;
        }),
    );
    const { states, report } = collect();
    streamLookups(sampleAnalysis(), undefined, report);
    await vi.waitFor(() => expect(states).toHaveLength(1), { timeout: UPDATE_INTERVAL_MS * 20 });
    expect(states[0]).toMatchObject({ state: 'running' });
    finish(emptyEnrichment(true));
    await vi.waitFor(() => expect(states.at(-1)).toMatchObject({ state: 'done' }));
    expect(states).toHaveLength(2);
  });

  it('says the lookups stalled when no final answer comes in time, and aborts them', async () => {
    await setLookupsEnabled(true);
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    enrich.mockImplementation((_a: unknown, _s: unknown, options: EnrichDeps) => {
      signal = options.signal;
      return new Promise(() => {});
    });
    const { states, report } = collect();
    streamLookups(sampleAnalysis(), undefined, report);
    await vi.waitFor(() => expect(enrich).toHaveBeenCalled());
    await vi.advanceTimersByTimeAsync(LOOKUP_DEADLINE_MS);
    expect(states.at(-1)).toEqual({ state: 'stalled', enrichment: null });
    expect(signal?.aborted).toBe(true);
  });

  it('reports an error from the lookup module as an error state', async () => {
    await setLookupsEnabled(true);
    enrich.mockRejectedValue(new Error('resolver refused'));
    const { states, report } = collect();
    streamLookups(sampleAnalysis(), undefined, report);
    await vi.waitFor(() =>
      expect(states.at(-1)).toEqual({ state: 'error', message: 'resolver refused', enrichment: null }),
    );
  });

  it('reports nothing once stopped, and aborts the requests still open', async () => {
    await setLookupsEnabled(true);
    let signal: AbortSignal | undefined;
    let finish: (value: unknown) => void = () => {};
    enrich.mockImplementation((_a: unknown, _s: unknown, options: EnrichDeps) => {
      signal = options.signal;
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    const { states, report } = collect();
    const stop = streamLookups(sampleAnalysis(), undefined, report);
    await vi.waitFor(() => expect(enrich).toHaveBeenCalled());
    stop();
    expect(signal?.aborted).toBe(true);
    finish(emptyEnrichment(true));
    await new Promise((r) => setTimeout(r, 20));
    expect(states).toEqual([]);
  });
});
