// Answers requests from our own extension pages. Everything else (content scripts, other extensions, web
// pages through externally_connectable) is refused before any storage is touched.

import { type Browser, browser } from 'wxt/browser';
import { ARC_SEALERS } from '../core/dkim/sealers';
import { failure, isOwnExtensionPage, parseRequest, type Request, type ResponseTo } from '../messaging';
import { getInput, openAnalyzer } from './inputs';
import { putTabResult } from './tab-cache';
import { readTab } from './tab-reader';

export async function handleMessage(
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<ResponseTo<Request>> {
  if (!isOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL('/'))) {
    return failure('forbidden', 'Only Hopscope pages may ask this.');
  }
  const request = parseRequest(message);
  if (!request) return failure('invalid', 'Not a Hopscope request.');
  switch (request.type) {
    case 'input/get': {
      const input = await getInput(request.id);
      return input
        ? { type: 'input/get', ok: true, input }
        : failure('not-found', 'This input is no longer available (inputs are kept until the browser closes).');
    }
    case 'input/open': {
      const id = await openAnalyzer({
        kind: 'text',
        text: request.text,
        source: { kind: 'paste' },
        createdAt: Date.now(),
      });
      return { type: 'input/open', ok: true, id };
    }
    case 'tab/read':
      return { type: 'tab/read', ok: true, reading: await readTab(request.tabId, { refresh: request.refresh }) };
    case 'tab/remember': {
      let url = '';
      try {
        url = (await browser.tabs.get(request.tabId)).url ?? '';
      } catch {
        return failure('not-found', 'The tab is no longer open.');
      }
      await putTabResult(request.tabId, { url, text: request.text, source: { kind: 'paste' } });
      return { type: 'tab/remember', ok: true };
    }
    case 'sealers/list':
      return { type: 'sealers/list', ok: true, sealers: [...ARC_SEALERS] };
  }
}
