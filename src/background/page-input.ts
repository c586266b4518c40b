// Turns a context-menu click into input text. Each way of reading can fail (restricted pages such as the
// Chrome Web Store, a link on another origin); failure is an answer the analyzer page explains, not an error.

import { type Browser, browser } from 'wxt/browser';
import { type InputSource, MAX_INPUT_CHARS, type StoredInput } from '../messaging';
import { capAttached, isCompoundFile, MAX_MSG_BYTES, type MessageFile, messageFromBytes } from '../mime/message-file';

type ClickInfo = Pick<Browser.contextMenus.OnClickData, 'selectionText' | 'pageUrl' | 'linkUrl' | 'frameId'>;

/** Runs `func` in the clicked frame (the click granted activeTab) and returns its string result, or null. */
async function readFromTab(
  tabId: number | undefined,
  frameId: number | undefined,
  func: () => string,
): Promise<string | null> {
  if (tabId === undefined || tabId < 0) return null;
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, ...(frameId !== undefined && frameId > 0 ? { frameIds: [frameId] } : {}) },
      func,
    });
    return typeof result?.result === 'string' ? result.result : null;
  } catch {
    return null;
  }
}

// These two run inside the web page: they must be self-contained (no imports, no closures).
function selectionInPage(): string {
  return globalThis.getSelection?.()?.toString() ?? '';
}
function textOfPage(): string {
  // "Show original" pages (Gmail: pre#raw_message_text) and raw .eml views keep the message in a <pre>.
  const pre = document.querySelector('pre')?.textContent ?? '';
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps the line breaks that <br> and blocks render; headers need them.
  return pre.length > 200 ? pre : (document.body?.innerText ?? '');
}

/**
 * The body's bytes, read as a stream and cut: a hostile server cannot make the worker hold more than the input
 * cap (response.text() would buffer everything first). An Outlook .msg is read whole, up to MAX_MSG_BYTES, as
 * its headers can be anywhere in it; any other file up to MAX_INPUT_CHARS bytes. `cut` says the file went on
 * past the cap (a body of exactly the cap is whole: one more read tells).
 */
async function readCapped(response: Response): Promise<{ bytes: Uint8Array; cut: boolean }> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  let max = MAX_INPUT_CHARS;
  let sniffed = false;
  let more = false;
  const take = (chunk: Uint8Array) => {
    chunks.push(chunk);
    length += chunk.length;
    // The kind of file is told by its first eight bytes, whatever the chunks they came in.
    if (!sniffed && length >= 8) {
      sniffed = true;
      if (isCompoundFile(joined(chunks, 8, length))) max = MAX_MSG_BYTES;
    }
  };
  const reader = response.body?.getReader();
  // Every successful download has a body stream in the browsers; one without (tests) is read whole.
  if (!reader) take(new Uint8Array(await response.arrayBuffer()));
  else {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length >= max) {
        more = true;
        break;
      }
      take(value);
    }
    await reader.cancel().catch(() => undefined);
  }
  return { bytes: joined(chunks, max, length), cut: more || length > max };
}

/** The first `limit` bytes of `chunks`, which hold `length` bytes in all, put together. */
function joined(chunks: Uint8Array[], limit: number, length: number): Uint8Array {
  const out = new Uint8Array(Math.min(limit, length));
  let at = 0;
  for (const chunk of chunks) {
    if (at >= out.length) break;
    const n = Math.min(chunk.length, out.length - at);
    out.set(chunk.subarray(0, n), at);
    at += n;
  }
  return out;
}

function text(text: string, source: InputSource, file?: Extract<MessageFile, { ok: true }>): StoredInput {
  return {
    kind: 'text',
    text: text.slice(0, MAX_INPUT_CHARS),
    source,
    createdAt: Date.now(),
    ...(file?.note ? { note: file.note } : {}),
    // storage.session has a quota: what is attached gets no more room than the input itself.
    ...(file?.attached ? { attached: capAttached(file.attached, MAX_INPUT_CHARS) } : {}),
  };
}
function unreadable(reason: string, source: InputSource): StoredInput {
  return { kind: 'unreadable', reason, source, createdAt: Date.now() };
}

export async function readSelection(info: ClickInfo, tab: Browser.tabs.Tab | undefined): Promise<StoredInput> {
  const source: InputSource = { kind: 'selection', ...(info.pageUrl ? { pageUrl: info.pageUrl } : {}) };
  // Chrome collapses line breaks in `selectionText`, and headers need them: read the selection from the page
  // when we may, and fall back to selectionText when we may not.
  const fromPage = await readFromTab(tab?.id, info.frameId, selectionInPage);
  if (fromPage?.trim()) return text(fromPage, source);
  if (info.selectionText?.trim()) return text(info.selectionText, source);
  return unreadable('The selection was empty.', source);
}

export async function readPage(info: ClickInfo, tab: Browser.tabs.Tab | undefined): Promise<StoredInput> {
  const source: InputSource = { kind: 'page', ...(info.pageUrl ? { pageUrl: info.pageUrl } : {}) };
  const fromPage = await readFromTab(tab?.id, info.frameId, textOfPage);
  if (fromPage?.trim()) return text(fromPage, source);
  return unreadable(
    'The browser does not let extensions read this page. Copy the headers and paste them instead.',
    source,
  );
}

export async function readLink(info: ClickInfo): Promise<StoredInput> {
  const linkUrl = info.linkUrl ?? '';
  const source: InputSource = { kind: 'link', linkUrl };
  let url: URL;
  try {
    url = new URL(linkUrl);
  } catch {
    return unreadable('The link is not a valid URL.', source);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return unreadable(
      `Links of type ${url.protocol} cannot be fetched. Save the file and drop it here instead.`,
      source,
    );
  }
  try {
    const response = await fetch(url, { credentials: 'include' });
    if (!response.ok)
      return unreadable(`The server answered HTTP ${response.status}. Save the file and drop it here instead.`, source);
    const { bytes, cut } = await readCapped(response);
    const file = messageFromBytes(bytes, cut);
    if (!file.ok) return unreadable(file.reason, source);
    return text(file.text, source, file);
  } catch {
    return unreadable('The file could not be downloaded from this site. Save it and drop it here instead.', source);
  }
}
