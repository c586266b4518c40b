import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  DEFAULT_SETTINGS,
  getSettings,
  lookupSettingsOf,
  setSettings,
  settingsFrom,
} from '../../src/background/settings';
import { parseHostList, parseResolverList } from '../../src/background/settings-input';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('settings storage', () => {
  it('starts private: lookups off, no keys, system theme, no trusted hosts', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.lookupsEnabled).toBe(false);
  });

  it('round-trips every setting through storage.local (never storage.sync)', async () => {
    await setSettings({
      lookupsEnabled: true,
      resolvers: ['https://dns.example/dns-query'],
      blocklists: ['spamcop'],
      keys: { spamhaus: 'dqs-key', abuseipdb: 'abuse-key' },
      theme: 'dark',
      trustedHosts: ['mx.example.org'],
      trustedSealers: ['google.com'],
    });
    expect(await getSettings()).toEqual({
      lookupsEnabled: true,
      resolvers: ['https://dns.example/dns-query'],
      blocklists: ['spamcop'],
      keys: { spamhaus: 'dqs-key', abuseipdb: 'abuse-key' },
      theme: 'dark',
      trustedHosts: ['mx.example.org'],
      trustedSealers: ['google.com'],
    });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    // The key written by the first version of the options page is still the one read.
    expect(await fakeBrowser.storage.local.get('settings.lookupsEnabled')).toEqual({ 'settings.lookupsEnabled': true });
  });

  it('stores "use the defaults" (null) by removing the key', async () => {
    await setSettings({ trustedSealers: ['google.com'] });
    await setSettings({ trustedSealers: null });
    expect(await fakeBrowser.storage.local.get('settings.trustedSealers')).toEqual({});
    expect((await getSettings()).trustedSealers).toBeNull();
  });

  it('falls back to defaults for values of the wrong type', () => {
    expect(
      settingsFrom({
        'settings.lookupsEnabled': 'yes',
        'settings.resolvers': 'https://x',
        'settings.blocklists': [1],
        'settings.keys': { spamhaus: 42, abuseipdb: '  ' },
        'settings.theme': 'neon',
        'settings.trustedHosts': null,
        'settings.trustedSealers': 'google.com',
      }),
    ).toEqual(DEFAULT_SETTINGS);
  });

  it('gives the lookups only what the user chose', () => {
    expect(lookupSettingsOf(DEFAULT_SETTINGS)).toEqual({ enabled: false, keys: {} });
    expect(
      lookupSettingsOf({ ...DEFAULT_SETTINGS, lookupsEnabled: true, blocklists: ['psbl'], keys: { spamhaus: 'k' } }),
    ).toEqual({ enabled: true, blocklists: ['psbl'], keys: { spamhaus: 'k' } });
  });
});

describe('parsing what the user types', () => {
  it('accepts host names and domains, one per line or comma-separated, and says what it rejected', () => {
    expect(parseHostList('MX.Example.org.\n.example.net, *.corp.example\n\nnot a host\nhttp://x.example')).toEqual({
      values: ['mx.example.org', '.example.net', '*.corp.example'],
      rejected: ['not', 'a', 'host', 'http://x.example'],
    });
  });

  it('accepts only https:// resolvers without credentials', () => {
    expect(
      parseResolverList('https://dns.example/dns-query\nhttp://plain.example/dns-query\nhttps://u:p@x.example/q'),
    ).toEqual({
      values: ['https://dns.example/dns-query'],
      rejected: ['http://plain.example/dns-query', 'https://u:p@x.example/q'],
    });
  });
});
