// SECURITY.md §3.2: only our own extension pages may ask the background for anything. Web pages, our own
// content script (which runs on web origins) and other extensions are refused before storage is touched; the
// background opens no port to anyone (the lookups run in the page that shows the report).

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startBackground } from '../../src/background';
import { putInput } from '../../src/background/inputs';
import { handleMessage } from '../../src/background/messages';
import { parseExtracted, parseRequest, type StoredInput } from '../../src/messaging';
import { OWN_PAGE, UNTRUSTED_SENDERS } from './helpers';

const INPUT: StoredInput = { kind: 'text', text: 'Subject: private', source: { kind: 'paste' }, createdAt: 1 };

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('runtime messages', () => {
  it.each(UNTRUSTED_SENDERS)(
    'refuses every request type from %s without touching storage or tabs',
    async (_n, sender) => {
      const id = await putInput(INPUT);
      const session = vi.spyOn(fakeBrowser.storage.session, 'get');
      const sessionSet = vi.spyOn(fakeBrowser.storage.session, 'set');
      const tabs = vi.spyOn(fakeBrowser.tabs, 'create');
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      for (const request of [
        { type: 'input/get', id },
        { type: 'input/open', text: 'Subject: planted' },
        { type: 'tab/read', tabId: 1, refresh: true },
        { type: 'tab/remember', tabId: 1, text: 'Subject: planted' },
      ]) {
        expect(await handleMessage(request, sender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(session).not.toHaveBeenCalled();
      expect(sessionSet).not.toHaveBeenCalled();
      expect(tabs).not.toHaveBeenCalled();
      expect(fetchSpy).not.toHaveBeenCalled();
    },
  );

  it('gives our own page only the fields of the protocol (extra fields such as a URL are dropped)', () => {
    expect(parseRequest({ type: 'input/get', id: '00000000-0000-4000-8000-000000000000', url: 'https://x' })).toEqual({
      type: 'input/get',
      id: '00000000-0000-4000-8000-000000000000',
    });
    // There is no request type that names a URL for the background to fetch.
    for (const type of ['fetch', 'link/read', 'lookups/start', 'webmail/extract', 'eval']) {
      expect(parseRequest({ type, url: 'https://attacker.example/x.eml' })).toBeNull();
    }
  });

  it('refuses malformed requests from our own page', async () => {
    for (const m of [null, 1, 'input/get', [], { type: 'input/get', id: '../../x' }, { type: 'tab/read', tabId: -1 }]) {
      expect(await handleMessage(m, OWN_PAGE)).toMatchObject({ ok: false });
    }
  });

  it('accepts only well-formed answers from the webmail content script, with a bounded detail', () => {
    expect(parseExtracted({ ok: true, raw: 5, kind: 'message' })).toBeNull();
    expect(parseExtracted({ ok: true, raw: 'x', kind: 'html' })).toBeNull();
    expect(parseExtracted({ ok: false, reason: 'pwned', detail: 'x' })).toBeNull();
    const long = parseExtracted({ ok: false, reason: 'layout-changed', detail: 'x'.repeat(10_000) });
    expect(long).toMatchObject({ ok: false, reason: 'layout-changed' });
    expect((long as { detail: string }).detail.length).toBeLessThanOrEqual(500);
  });
});

describe('ports', () => {
  it('the background listens for no port and no message from outside the extension', () => {
    const connect = vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener');
    const external = vi.spyOn(fakeBrowser.runtime.onMessageExternal, 'addListener');
    const message = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    // The test browser has no context-menu events; the background's menu listener is not what is tested here.
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => {});
    startBackground();
    expect(message).toHaveBeenCalledOnce();
    expect(connect).not.toHaveBeenCalled();
    expect(external).not.toHaveBeenCalled();
  });
});
