// User settings in storage.local, owned by the background (which runs the lookups) and edited on the
// options page. Privacy by default (DESIGN.md §1): lookups are off until the user turns them on.

import { browser } from 'wxt/browser';

export const LOOKUPS_ENABLED_KEY = 'settings.lookupsEnabled';

export async function getLookupsEnabled(): Promise<boolean> {
  const stored = await browser.storage.local.get(LOOKUPS_ENABLED_KEY);
  return stored[LOOKUPS_ENABLED_KEY] === true;
}

export async function setLookupsEnabled(enabled: boolean): Promise<void> {
  await browser.storage.local.set({ [LOOKUPS_ENABLED_KEY]: enabled });
}
