// Inputs waiting to be shown on the analyzer page. They live in storage.session (memory only, cleared when
// the browser closes, not readable by content scripts) under a random id; the page gets only `?id=`, so
// header text never appears in a URL, the history or a referrer.

import { browser } from 'wxt/browser';
import { isInputId, type StoredInput } from '../messaging';

const KEY_PREFIX = 'input:';
/** storage.session has a quota (10 MB in Chrome); a few recent inputs are enough to survive a reload. */
const KEEP_RECENT = 4;

function keyOf(id: string): string {
  return KEY_PREFIX + id;
}

export async function putInput(input: StoredInput): Promise<string> {
  const id = crypto.randomUUID();
  await pruneInputs(KEEP_RECENT - 1);
  try {
    await browser.storage.session.set({ [keyOf(id)]: input });
  } catch {
    // Over the quota with the inputs kept for reloads: this one matters more. If it is too large on its own,
    // the analyzer says so instead of opening on nothing.
    await pruneInputs(0);
    try {
      await browser.storage.session.set({ [keyOf(id)]: input });
    } catch {
      const reason =
        'The input is too large for the browser to hand to the analyzer. Save it as a file and open it there.';
      await browser.storage.session.set({
        [keyOf(id)]: { kind: 'unreadable', reason, source: input.source, createdAt: input.createdAt },
      });
    }
  }
  return id;
}

export async function getInput(id: string): Promise<StoredInput | null> {
  if (!isInputId(id)) return null;
  const key = keyOf(id);
  const found = await browser.storage.session.get(key);
  return (found[key] as StoredInput | undefined) ?? null;
}

/** Keeps the `keep` most recent inputs and removes the rest. */
async function pruneInputs(keep: number): Promise<void> {
  const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
  const inputs = Object.entries(all)
    .filter(([key]) => key.startsWith(KEY_PREFIX))
    .map(([key, value]) => ({ key, createdAt: (value as StoredInput).createdAt ?? 0 }))
    .sort((a, b) => b.createdAt - a.createdAt);
  const stale = inputs.slice(Math.max(keep, 0)).map((entry) => entry.key);
  if (stale.length > 0) await browser.storage.session.remove(stale);
}

export function analyzerUrl(id: string): string {
  return browser.runtime.getURL('/analyzer.html') + '?id=' + encodeURIComponent(id);
}

/** Stores the input and opens the analyzer next to the tab it came from. */
export async function openAnalyzer(input: StoredInput, besideTab?: { id?: number; index?: number }): Promise<string> {
  const id = await putInput(input);
  const url = analyzerUrl(id);
  try {
    await browser.tabs.create({
      url,
      ...(besideTab?.index !== undefined ? { index: besideTab.index + 1 } : {}),
      ...(besideTab?.id !== undefined && besideTab.id >= 0 ? { openerTabId: besideTab.id } : {}),
    });
  } catch {
    // The opener may have closed meanwhile; a tab at the end of the strip is still the right answer.
    await browser.tabs.create({ url });
  }
  return id;
}
