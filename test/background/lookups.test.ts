// The background runs the lookups for our own pages and hands enrich() the analyzed text, which is what lets
// it verify DKIM and ARC signatures (without it they stay unchecked).

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { onLookupConnect } from '../../src/background/lookups';
import { setLookupsEnabled } from '../../src/background/settings';
import { emptyEnrichment } from '../../src/lookup/enrich';
import { LOOKUP_PORT, parseLookupStart } from '../../src/messaging';
import { asRuntimePort, fakePort, OWN_PAGE, sampleAnalysis } from '../security/helpers';

const enrich = vi.hoisted(() => vi.fn());
vi.mock('../../src/lookup', () => ({ enrich }));

beforeEach(() => {
  fakeBrowser.reset();
  enrich.mockReset();
  enrich.mockResolvedValue(emptyEnrichment(true));
});

describe('lookups in the background', () => {
  it('passes the analyzed text to enrich, so the signatures are verified', async () => {
    await setLookupsEnabled(true);
    const port = fakePort(LOOKUP_PORT, OWN_PAGE);
    onLookupConnect(asRuntimePort(port));
    const analysis = sampleAnalysis();
    port.deliver({ type: 'lookups/start', analysis, text: 'From: a@example.com\n\nbody' });
    await vi.waitFor(() => expect(port.posted).toContainEqual(expect.objectContaining({ type: 'lookups/done' })));
    expect(enrich).toHaveBeenCalledOnce();
    expect(enrich.mock.calls[0]![2]).toMatchObject({ text: 'From: a@example.com\n\nbody' });
  });

  it('accepts a start without text (an older page) and drops text that is not a string', () => {
    const analysis = sampleAnalysis();
    expect(parseLookupStart({ type: 'lookups/start', analysis })).toEqual({ type: 'lookups/start', analysis });
    expect(parseLookupStart({ type: 'lookups/start', analysis, text: 42 })).toEqual({
      type: 'lookups/start',
      analysis,
    });
  });
});
