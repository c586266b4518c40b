// User settings in storage.local, edited on the options page and read by the pages that run the lookups
// (src/ui/lookups-run.ts). Privacy by default (DESIGN.md §1): lookups are off until the user turns them on. Keys
// (Spamhaus DQS, AbuseIPDB) live here and go only to the lookups; nothing in this module logs them.

import type { LookupSettings } from '../lookup/types';
import { browser } from '../page-browser';

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  lookupsEnabled: boolean;
  /** DoH resolver URLs in order; empty means the lookup module's defaults. */
  resolvers: string[];
  /** Blocklist ids; null means the catalogue's defaults (plus keyed lists whose key is set). */
  blocklists: string[] | null;
  keys: { spamhaus?: string; abuseipdb?: string };
  theme: Theme;
  /** "Your own mail servers": host names or domains passed to analyze() as trustedHosts. */
  trustedHosts: string[];
  /**
   * ARC sealers whose ARC-Authentication-Results the user relies on (seal d= domains, RFC 8617 §7.2); null means
   * the well-known sealers table's confirmed rows (src/core/dkim/sealers.ts, read where the report shows them).
   */
  trustedSealers: string[] | null;
}

export const DEFAULT_SETTINGS: Settings = {
  lookupsEnabled: false,
  resolvers: [],
  blocklists: null,
  keys: {},
  theme: 'system',
  trustedHosts: [],
  trustedSealers: null,
};

/** One storage key per setting, so an old build that knows only some of them keeps working. */
export const SETTING_KEYS: { [K in keyof Settings]: string } = {
  lookupsEnabled: 'settings.lookupsEnabled',
  resolvers: 'settings.resolvers',
  blocklists: 'settings.blocklists',
  keys: 'settings.keys',
  theme: 'settings.theme',
  trustedHosts: 'settings.trustedHosts',
  trustedSealers: 'settings.trustedSealers',
};
export const LOOKUPS_ENABLED_KEY = SETTING_KEYS.lookupsEnabled;

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Reads stored values defensively: anything of the wrong type falls back to the default. */
export function settingsFrom(stored: Record<string, unknown>): Settings {
  const get = (name: keyof Settings) => stored[SETTING_KEYS[name]];
  const keys = get('keys');
  const theme = get('theme');
  const blocklists = get('blocklists');
  const sealers = get('trustedSealers');
  const keyOf = (name: 'spamhaus' | 'abuseipdb') => {
    const value = (keys as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' && value.trim() ? { [name]: value.trim() } : {};
  };
  return {
    lookupsEnabled: get('lookupsEnabled') === true,
    resolvers: isStringArray(get('resolvers')) ? (get('resolvers') as string[]) : [],
    blocklists: isStringArray(blocklists) ? blocklists : null,
    keys: typeof keys === 'object' && keys !== null ? { ...keyOf('spamhaus'), ...keyOf('abuseipdb') } : {},
    theme: theme === 'light' || theme === 'dark' ? theme : 'system',
    trustedHosts: isStringArray(get('trustedHosts')) ? (get('trustedHosts') as string[]) : [],
    trustedSealers: isStringArray(sealers) ? sealers : null,
  };
}

export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(Object.values(SETTING_KEYS));
  return settingsFrom(stored as Record<string, unknown>);
}

/** Stores a change; a null value ("use the defaults") removes its key, as storage areas differ on storing null. */
export async function setSettings(change: Partial<Settings>): Promise<void> {
  const entries = Object.entries(change).map(([name, value]) => [SETTING_KEYS[name as keyof Settings], value]);
  const cleared = entries.filter(([, value]) => value === null).map(([key]) => key as string);
  if (cleared.length > 0) await browser.storage.local.remove(cleared);
  const set = entries.filter(([, value]) => value !== null);
  if (set.length > 0) await browser.storage.local.set(Object.fromEntries(set));
}

export async function getLookupsEnabled(): Promise<boolean> {
  return (await getSettings()).lookupsEnabled;
}

export async function setLookupsEnabled(enabled: boolean): Promise<void> {
  await setSettings({ lookupsEnabled: enabled });
}

/** What the lookup module is given: only what the user chose, keys only when set. */
export function lookupSettingsOf(settings: Settings): LookupSettings {
  return {
    enabled: settings.lookupsEnabled,
    ...(settings.resolvers.length > 0 ? { resolvers: settings.resolvers } : {}),
    ...(settings.blocklists ? { blocklists: settings.blocklists } : {}),
    keys: { ...settings.keys },
  };
}
