// The webmail content script's body. The background injects it when the user asks, and it answers with an
// `Extracted` ("extract the open message"): as the injection's result, or to a request that follows it
// (`{type: 'webmail/extract', hints?}`). A selection that starts with a header block wins (the user pointed at
// it); otherwise the adapter that claims the page fetches the original. Every answer names the webmail and its
// manual steps; an adapter bug becomes an answer too.

import { browser } from 'wxt/browser';
import { failed, looksLikeHeaders } from './extraction';
import { generic, selectedHeaders } from './generic';
import { findAdapter } from './registry';
import type { Extracted, ExtractHints, WebmailAdapter } from './types';

export const EXTRACT_REQUEST = 'webmail/extract';

export interface ExtractRequest {
  type: typeof EXTRACT_REQUEST;
  hints?: ExtractHints;
}

export function startWebmailContentScript(): void {
  // The background may inject the script again on the next click: answer once per page.
  const marker = globalThis as { __hopscopeWebmail?: boolean };
  if (marker.__hopscopeWebmail) return;
  marker.__hopscopeWebmail = true;

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only our own extension may ask; web pages cannot reach runtime.onMessage, other extensions have other ids.
    if (sender.id !== browser.runtime.id) return undefined;
    const request = parseExtractRequest(message);
    if (!request) return undefined;
    return extractHere(request.hints);
  });
}

/** The open message of the page this script runs in, read with the page's own fetch. */
function extractHere(hints?: ExtractHints): Promise<Extracted> {
  return extractOpenMessage(document, new URL(location.href), globalThis.fetch.bind(globalThis), hints);
}

/**
 * The answer to the injection that ran this copy of the script: scripting.executeScript hands the background
 * what the script's main returns (a promise is awaited), so one round trip to the page does, instead of the
 * injection and then a message. The listener above stays for a browser that does not hand it back. Never
 * rejects: a failed injection reads as a page the browser keeps extensions out of; null sends the background
 * down the message path instead, as before.
 */
export function answerInjection(): Promise<Extracted | null> {
  return extractHere().catch(() => null);
}

export function parseExtractRequest(message: unknown): ExtractRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as { type?: unknown; hints?: unknown };
  if (m.type !== EXTRACT_REQUEST) return null;
  const hints = typeof m.hints === 'object' && m.hints !== null ? (m.hints as Record<string, unknown>) : {};
  return {
    type: EXTRACT_REQUEST,
    hints: typeof hints.gmailIk === 'string' ? { gmailIk: hints.gmailIk } : {},
  };
}

export async function extractOpenMessage(
  document: Document,
  url: URL,
  fetchFn: typeof fetch,
  hints: ExtractHints = {},
): Promise<Extracted> {
  const adapter: WebmailAdapter | undefined = selectedHeaders(document) ? generic : findAdapter(url, document);
  if (!adapter) {
    return {
      ...failed('unsupported', `Hopscope cannot read messages on ${url.host || 'this page'} by itself.`),
      webmail: describe(generic),
    };
  }
  let answer: Extracted;
  try {
    answer = await adapter.extract({ document, url, fetch: fetchFn, hints });
  } catch (error) {
    answer = failed(
      'layout-changed',
      `The ${adapter.name} reader failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (answer.ok && !looksLikeHeaders(answer.raw) && answer.kind === 'message') {
    answer = failed('layout-changed', `${adapter.name} answered with text that does not start with headers.`);
  }
  return { ...answer, webmail: describe(adapter) };
}

function describe(adapter: WebmailAdapter): { id: string; name: string; instructions: string } {
  return { id: adapter.id, name: adapter.name, instructions: adapter.instructions };
}
