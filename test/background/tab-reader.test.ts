import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { putTabResult } from '../../src/background/tab-cache';
import { looksLikeHeaders, readTab, WEBMAIL_SCRIPT } from '../../src/background/tab-reader';

const RAW =
  'Received: from a.example (a.example [192.0.2.1]) by mx.example.org; Tue, 4 Mar 2025 09:15:05 +0000\nSubject: Hi\n';
const URL_ = 'https://archive.example.org/msg/1';

let tabId: number;
let executeScript: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  fakeBrowser.reset();
  tabId = (await fakeBrowser.tabs.create({ url: URL_ })).id!;
  executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript');
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The content script file injects fine; the generic reader (a func) returns `generic`. */
function page(generic: unknown) {
  executeScript.mockImplementation((async (injection: { files?: string[] }) =>
    injection.files ? [] : [{ result: generic, frameId: 0 }]) as never);
}

describe('readTab', () => {
  it('injects the webmail content script and uses its answer', async () => {
    page(null);
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, raw: RAW, kind: 'headers' });
    const reading = await readTab(tabId);
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId }, files: [WEBMAIL_SCRIPT] });
    expect(send).toHaveBeenCalledWith(tabId, { type: 'webmail/extract' });
    expect(reading).toEqual({ status: 'found', text: RAW, source: { kind: 'page', pageUrl: URL_ }, cached: false });
  });

  it("takes the content script's answer from the injection itself, without a message after it", async () => {
    executeScript.mockResolvedValue([{ frameId: 0, result: { ok: true, raw: RAW, kind: 'message' } }] as never);
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    const reading = await readTab(tabId);
    expect(executeScript).toHaveBeenCalledTimes(1);
    expect(send).not.toHaveBeenCalled();
    expect(reading).toEqual({ status: 'found', text: RAW, source: { kind: 'page', pageUrl: URL_ }, cached: false });
  });

  it('takes an injection result only in the Extracted shape; anything else sends it down the message path', async () => {
    executeScript.mockImplementation((async (injection: { files?: string[] }) =>
      injection.files
        ? [{ frameId: 0, result: { ok: true, raw: 5, kind: 'html' } }]
        : [{ frameId: 0, result: null }]) as never);
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, raw: RAW, kind: 'headers' });
    expect(await readTab(tabId)).toMatchObject({ status: 'found', text: RAW });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('reports an injection whose reading never ends as a timeout', async () => {
    executeScript.mockReturnValue(new Promise(() => {}) as never);
    expect(await readTab(tabId, { timeoutMs: 20 })).toMatchObject({ status: 'failed', reason: 'timeout' });
  });

  it('falls back to the raw source in a <pre> when no adapter claims the page', async () => {
    page({ from: 'page', text: RAW });
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({
      ok: false,
      reason: 'unsupported',
      detail: 'No adapter',
    });
    expect(await readTab(tabId)).toMatchObject({ status: 'found', text: RAW, source: { kind: 'page' } });
  });

  it('falls back to the selection when the content script does not answer', async () => {
    page({ from: 'selection', text: 'Subject: only this' });
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    expect(await readTab(tabId)).toMatchObject({
      status: 'found',
      text: 'Subject: only this',
      source: { kind: 'selection' },
    });
  });

  it('says there is nothing when the page text is not a message', async () => {
    page({ from: 'page', text: 'Just an article about email.' });
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    expect(await readTab(tabId)).toEqual({ status: 'nothing', host: 'archive.example.org' });
  });

  it('explains a page the browser does not let extensions read', async () => {
    executeScript.mockRejectedValue(new Error('Cannot access a chrome:// URL'));
    expect(await readTab(tabId)).toMatchObject({ status: 'failed', reason: 'restricted', host: 'archive.example.org' });
  });

  it('reports a content script that never answers as a timeout, not a spinner', async () => {
    page(null);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockReturnValue(new Promise(() => {}));
    expect(await readTab(tabId, { timeoutMs: 20 })).toMatchObject({ status: 'failed', reason: 'timeout' });
  });

  it('answers from the per-tab cache without touching the page, unless asked to refresh', async () => {
    await putTabResult(tabId, { url: URL_, text: 'Subject: cached', source: { kind: 'paste' } });
    expect(await readTab(tabId)).toEqual({
      status: 'found',
      text: 'Subject: cached',
      source: { kind: 'paste' },
      cached: true,
    });
    expect(executeScript).not.toHaveBeenCalled();
    page({ from: 'page', text: RAW });
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    expect(await readTab(tabId, { refresh: true })).toMatchObject({ text: RAW, cached: false });
  });

  it('caches what it found, so the next popup is instant', async () => {
    page({ from: 'page', text: RAW });
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    await readTab(tabId);
    executeScript.mockClear();
    expect(await readTab(tabId)).toMatchObject({ text: RAW, cached: true });
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('says so when the tab is gone', async () => {
    expect(await readTab(99_999)).toMatchObject({ status: 'failed', reason: 'no-tab' });
  });
});

describe('looksLikeHeaders', () => {
  it('wants two header fields at line starts', () => {
    expect(looksLikeHeaders(RAW)).toBe(true);
    expect(looksLikeHeaders('Subject: only one')).toBe(false);
    expect(looksLikeHeaders('An article that says From: and Subject: inline.')).toBe(false);
  });
});
