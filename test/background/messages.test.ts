import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { putInput } from '../../src/background/inputs';
import { handleMessage } from '../../src/background/messages';
import { isOwnExtensionPage, parseRequest, type StoredInput, sendRequest } from '../../src/messaging';

const OWN_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/analyzer.html?id=x' };
const INPUT: StoredInput = { kind: 'text', text: 'Subject: secret', source: { kind: 'paste' }, createdAt: 1 };

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('background messages', () => {
  it('gives a stored input to our own analyzer page', async () => {
    const id = await putInput(INPUT);
    expect(await handleMessage({ type: 'input/get', id }, OWN_PAGE)).toEqual({
      type: 'input/get',
      ok: true,
      input: INPUT,
    });
  });

  it.each([
    ['another extension', { id: 'evil-extension-id', url: 'chrome-extension://evil-extension-id/page.html' }],
    ['our own content script on a web page', { id: 'test-extension-id', url: 'https://attacker.example/' }],
    [
      'a page claiming our id on another origin',
      { id: 'test-extension-id', url: 'chrome-extension://evil-extension-id/x.html' },
    ],
    ['a sender without a URL', { id: 'test-extension-id' }],
    ['a sender without an id', { url: 'chrome-extension://test-extension-id/popup.html' }],
  ])('refuses %s before touching storage', async (_name, sender) => {
    const id = await putInput(INPUT);
    const get = vi.spyOn(fakeBrowser.storage.session, 'get');
    const answer = await handleMessage({ type: 'input/get', id }, sender);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(get).not.toHaveBeenCalled();
  });

  it('refuses malformed requests and ids that are not ours', async () => {
    expect(await handleMessage({ type: 'input/get', id: '../../etc' }, OWN_PAGE)).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(await handleMessage({ type: 'nope' }, OWN_PAGE)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await handleMessage('input/get', OWN_PAGE)).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('answers not-found for an id that has expired', async () => {
    const answer = await handleMessage({ type: 'input/get', id: '00000000-0000-4000-8000-000000000000' }, OWN_PAGE);
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('stores a paste from the popup and opens it in the analyzer', async () => {
    const answer = await handleMessage({ type: 'input/open', text: 'Subject: from popup' }, OWN_PAGE);
    expect(answer).toMatchObject({ type: 'input/open', ok: true });
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.at(-1)?.url).toBe(
      `chrome-extension://test-extension-id/analyzer.html?id=${(answer as { id: string }).id}`,
    );
  });

  it('makes room when session storage is over its quota, and says so when one input is too large alone', async () => {
    for (let i = 0; i < 3; i++) await putInput({ ...INPUT, createdAt: i });
    const realSet = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
    const quota = () => Promise.reject(new Error('Session storage quota bytes exceeded'));
    // Over the quota once: the older inputs go, this one is kept.
    const set = vi.spyOn(fakeBrowser.storage.session, 'set').mockImplementationOnce(quota);
    const id = await putInput({ ...INPUT, createdAt: 10 });
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual([`input:${id}`]);
    expect(await handleMessage({ type: 'input/get', id }, OWN_PAGE)).toMatchObject({
      input: { text: 'Subject: secret' },
    });
    // Too large even alone: the analyzer gets a reason instead of nothing.
    set.mockImplementationOnce(quota).mockImplementationOnce(quota).mockImplementation(realSet);
    const big = await putInput({ ...INPUT, createdAt: 11 });
    expect(await handleMessage({ type: 'input/get', id: big }, OWN_PAGE)).toMatchObject({
      input: { kind: 'unreadable', reason: expect.stringMatching(/too large/), source: { kind: 'paste' } },
    });
  });

  it('keeps only a few recent inputs in session storage', async () => {
    for (let i = 0; i < 6; i++) await putInput({ ...INPUT, createdAt: i });
    const keys = Object.keys(await fakeBrowser.storage.session.get(null));
    expect(keys).toHaveLength(4);
  });
});

describe('messaging helpers', () => {
  it('accepts only our own extension origin', () => {
    const base = 'moz-extension://5a2c/';
    expect(
      isOwnExtensionPage(
        { id: 'hopscope@hopscope.dev', url: 'moz-extension://5a2c/popup.html' },
        'hopscope@hopscope.dev',
        base,
      ),
    ).toBe(true);
    expect(
      isOwnExtensionPage(
        { id: 'hopscope@hopscope.dev', url: 'moz-extension://5a2c0/popup.html' },
        'hopscope@hopscope.dev',
        base,
      ),
    ).toBe(false);
  });

  it('parses only well-formed requests', () => {
    expect(parseRequest({ type: 'input/open', text: 'x' })).toEqual({ type: 'input/open', text: 'x' });
    expect(parseRequest({ type: 'input/open', text: 42 })).toBeNull();
    expect(parseRequest(null)).toBeNull();
  });
});

describe('sendRequest: the pages read answers without webextension-polyfill', () => {
  it('takes an answer of ours as it is', async () => {
    const answer = { type: 'sealers/list', ok: true, sealers: ['google.com'] };
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(answer);
    expect(await sendRequest({ type: 'sealers/list' })).toEqual(answer);
  });

  it.each([
    ['nothing', undefined],
    // What the polyfill sends for a listener promise that rejected, which only the polyfill turns back into a
    // rejection (the background now answers such errors itself, but a page must not take this for an answer).
    ['a rejected listener marker', { __mozWebExtensionPolyfillReject__: true, message: 'boom' }],
    ['a bare string', 'ok'],
  ])('turns %s into a failure', async (_what, reply) => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(reply);
    const answer = await sendRequest({ type: 'sealers/list' });
    expect(answer.ok).toBe(false);
  });

  it('turns a transport error into a failure', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    const answer = await sendRequest({ type: 'sealers/list' });
    expect(answer).toMatchObject({ ok: false, error: { message: 'Receiving end does not exist.' } });
  });
});
