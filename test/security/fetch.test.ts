// SECURITY.md §3.3: the background fetches no URL that a page chose. The only page-supplied URL it fetches
// is an .eml link, and only on the user's own context-menu click, only over http(s), and what comes back is
// capped. A selection or page click never fetches.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { EML_LINK_PATTERNS, MENU_ANALYZE, MENU_ANALYZE_EML_LINK, onMenuClicked } from '../../src/background/menus';
import { readLink } from '../../src/background/page-input';
import { MAX_INPUT_CHARS, type StoredInput } from '../../src/messaging';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

async function storedInputs(): Promise<StoredInput[]> {
  return Object.values(await fakeBrowser.storage.session.get(null)) as StoredInput[];
}

describe('.eml link fetch', () => {
  it.each([
    'javascript:alert(1)//x.eml',
    'file:///etc/passwd.eml',
    'data:text/plain,Subject:%20x.eml',
    'chrome://settings/x.eml',
    'chrome-extension://test-extension-id/x.eml',
    'ftp://example.com/x.eml',
    'blob:https://example.com/1234',
    'not a url',
    '',
  ])('refuses %j without fetching', async (linkUrl) => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const input = await readLink({ linkUrl });
    expect(input.kind).toBe('unreadable');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('fetches an https link on a context-menu click and caps what it keeps', async () => {
    const huge = `Subject: x\n${'y'.repeat(MAX_INPUT_CHARS + 1000)}`;
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(huge));
    await onMenuClicked(
      { menuItemId: MENU_ANALYZE_EML_LINK, linkUrl: 'https://files.example/m.eml', editable: false },
      undefined,
    );
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(String(fetchSpy.mock.calls[0]![0])).toBe('https://files.example/m.eml');
    const [stored] = await storedInputs();
    expect(stored?.kind).toBe('text');
    expect((stored as { text: string }).text.length).toBe(MAX_INPUT_CHARS);
  });

  it('offers the link item only on .eml links', () => {
    for (const p of EML_LINK_PATTERNS) expect(p).toMatch(/^\*:\/\/\*\/\*\.(eml|EML)(\?\*)?$/);
  });

  it('never fetches for a selection or page click, even when the click carries a link URL', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([]);
    await onMenuClicked(
      {
        menuItemId: MENU_ANALYZE,
        linkUrl: 'https://attacker.example/x.eml',
        selectionText: 'Subject: x',
        editable: false,
      },
      { id: 3, index: 0 } as never,
    );
    await onMenuClicked({ menuItemId: MENU_ANALYZE, linkUrl: 'https://attacker.example/x.eml', editable: false }, {
      id: 3,
      index: 0,
    } as never);
    await onMenuClicked({ menuItemId: 'some-other-item', linkUrl: 'https://attacker.example/x.eml', editable: false });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
