// SECURITY.md §4: nothing leaves the machine until the user turns lookups on (DESIGN.md §1.3). The stored
// default is off, only a literal `true` turns them on, and with them off neither the page's lookup runner nor
// the lookup module calls fetch.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, getSettings, lookupSettingsOf, settingsFrom } from '../../src/background/settings';
import { enrich } from '../../src/lookup';
import { streamLookups } from '../../src/ui/lookups-run';
import { sampleAnalysis } from './helpers';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('lookups are off by default', () => {
  it('defaults to off, in the constant and in a fresh profile', async () => {
    expect(DEFAULT_SETTINGS.lookupsEnabled).toBe(false);
    expect((await getSettings()).lookupsEnabled).toBe(false);
    expect(lookupSettingsOf(await getSettings()).enabled).toBe(false);
  });

  it.each([['true'], [1], [{}], ['yes'], [null]])('is not turned on by a stored %j', (value) => {
    expect(settingsFrom({ 'settings.lookupsEnabled': value }).lookupsEnabled).toBe(false);
  });

  it('enrich() sends nothing when disabled', async () => {
    const fetchLike = vi.fn();
    const result = await enrich(sampleAnalysis(), { enabled: false, keys: { abuseipdb: 'k' } }, { fetch: fetchLike });
    expect(fetchLike).not.toHaveBeenCalled();
    expect(result.ips).toEqual({});
    expect(result.domains).toEqual({});
  });

  it('says "off" to the report and fetches nothing while lookups are off', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const states: unknown[] = [];
    streamLookups(sampleAnalysis(), 'Subject: x\n\nbody', (s) => states.push(s));
    await vi.waitFor(() => expect(states).toEqual([{ state: 'off' }]));
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
