// The options page's trusted ARC sealers: the table (from the background) with the checked rows pre-selected,
// choices kept in storage.local, and a way back to the defaults.

import { render } from 'preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { handleMessage } from '../../src/background/messages';
import { ARC_SEALERS } from '../../src/core/dkim/sealers';
import { Options } from '../../src/ui/Options';
import { renderRoot } from './render-root';

const root = renderRoot();
const OWN_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/options.html' };

beforeEach(() => {
  fakeBrowser.reset();
  // The page asks the background for the sealers table, as it does in the extension.
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => handleMessage(message, OWN_PAGE));
});

function sealerSection(): HTMLElement {
  const section = [...root.querySelectorAll('section')].find(
    (s) => s.querySelector('h2')?.textContent === 'Trusted ARC sealers',
  );
  if (!section) throw new Error('no sealers section');
  return section;
}

/** The checkbox of each sealer, by its d= domain. */
function boxes(): Map<string, HTMLInputElement> {
  const rows = [...sealerSection().querySelectorAll('.list-row')];
  return new Map(rows.map((row) => [row.querySelector('.mono')!.textContent!, row.querySelector('input')!]));
}

async function ready() {
  render(<Options />, root);
  await vi.waitFor(() => expect(boxes().get('google.com')?.disabled).toBe(false));
}

const stored = async () => (await fakeBrowser.storage.local.get('settings.trustedSealers'))['settings.trustedSealers'];

describe('Options: trusted ARC sealers', () => {
  it('lists every sealer of the table with its source, the confirmed ones checked by default', async () => {
    await ready();
    const checked = [...boxes()].filter(([, box]) => box.checked).map(([domain]) => domain);
    expect(boxes().size).toBe(ARC_SEALERS.length);
    expect(checked).toEqual(ARC_SEALERS.filter((s) => s.checked).map((s) => s.domain));
    expect(checked).toContain('google.com');
    expect(boxes().get('microsoft.com')?.checked).toBe(false);
    const link = sealerSection().querySelector('a[href="https://support.google.com/a/answer/13198639"]');
    expect(link?.textContent).toBe('support.google.com');
    expect(await stored()).toBeUndefined();
  });

  it('keeps the choice in storage.local and resets to the defaults', async () => {
    await ready();
    boxes().get('microsoft.com')!.click();
    await vi.waitFor(async () => expect(await stored()).toContain('microsoft.com'));
    boxes().get('google.com')!.click();
    await vi.waitFor(async () => expect(await stored()).not.toContain('google.com'));
    expect(await stored()).toContain('gmail.com');
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});

    const reset = [...sealerSection().querySelectorAll('button')].find(
      (b) => b.textContent === 'Reset to the defaults',
    )!;
    reset.click();
    await vi.waitFor(async () => expect(await stored()).toBeUndefined());
    expect(boxes().get('google.com')?.checked).toBe(true);
    expect(boxes().get('microsoft.com')?.checked).toBe(false);
  });

  it('shows a stored choice', async () => {
    await fakeBrowser.storage.local.set({ 'settings.trustedSealers': ['microsoft.com'] });
    await ready();
    const checked = [...boxes()].filter(([, box]) => box.checked).map(([domain]) => domain);
    expect(checked).toEqual(['microsoft.com']);
  });
});
