// The typed protocol between the background, the extension pages (popup, analyzer, options) and, later,
// the webmail content script. Every message is one member of `Request`; its answer is `ResponseTo<R>`.
// Messages arrive from other contexts, so they are validated at runtime (`parseRequest`) and the sender is
// checked (`isOwnExtensionPage`) before anything is read from storage.

import { browser } from 'wxt/browser';

/** Where a piece of input came from; shown on the analyzer page so the user knows what they are looking at. */
export type InputSource =
  | { kind: 'selection'; pageUrl?: string }
  | { kind: 'page'; pageUrl?: string }
  | { kind: 'link'; linkUrl: string }
  | { kind: 'paste' };

/** What the background keeps in storage.session under an input id. Header text never goes into a URL. */
export type StoredInput =
  | { kind: 'text'; text: string; source: InputSource; createdAt: number }
  | { kind: 'unreadable'; reason: string; source: InputSource; createdAt: number };

export type Request =
  /** Analyzer page: the input stored under `id` (from its `?id=`). */
  | { type: 'input/get'; id: string }
  /** Popup: store this text and open it in the full analyzer tab. */
  | { type: 'input/open'; text: string };

export type Failure = { ok: false; error: { code: 'forbidden' | 'invalid' | 'not-found' | 'failed'; message: string } };

export type Response =
  | { type: 'input/get'; ok: true; input: StoredInput }
  | { type: 'input/open'; ok: true; id: string };

/** The answer to a request of type `R['type']`: its success shape or a Failure. */
export type ResponseTo<R extends Request> = Extract<Response, { type: R['type'] }> | Failure;

export function failure(code: Failure['error']['code'], message: string): Failure {
  return { ok: false, error: { code, message } };
}

/** Input ids are ours (crypto.randomUUID); anything else is refused before it reaches storage. */
const INPUT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isInputId(value: unknown): value is string {
  return typeof value === 'string' && INPUT_ID.test(value);
}

/** The core caps its input at 4 MB (DESIGN.md §10); the same cap applies to what we accept and store. */
export const MAX_INPUT_CHARS = 4 * 1024 * 1024;

/** Narrows an unknown message to a Request, or returns null. */
export function parseRequest(message: unknown): Request | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'input/get':
      return isInputId(m.id) ? { type: 'input/get', id: m.id } : null;
    case 'input/open':
      return typeof m.text === 'string' && m.text.length <= MAX_INPUT_CHARS
        ? { type: 'input/open', text: m.text }
        : null;
    default:
      return null;
  }
}

export interface SenderLike {
  id?: string;
  url?: string;
}

/**
 * True only for our own extension pages: same extension id, and a URL on our own origin
 * (`chrome-extension://<id>/…`, `moz-extension://<uuid>/…`). Content scripts share our id but run on web
 * origins, and other extensions have other ids, so both are refused.
 */
export function isOwnExtensionPage(sender: SenderLike, runtimeId: string, extensionBaseUrl: string): boolean {
  if (!sender.id || sender.id !== runtimeId) return false;
  if (!sender.url) return false;
  return sender.url.startsWith(extensionBaseUrl);
}

/** Sends a request to the background and returns its typed answer; a transport error becomes a Failure. */
export async function sendRequest<R extends Request>(request: R): Promise<ResponseTo<R>> {
  try {
    const answer = (await browser.runtime.sendMessage(request)) as ResponseTo<R> | undefined;
    return answer ?? failure('failed', 'The background did not answer.');
  } catch (error) {
    return failure('failed', error instanceof Error ? error.message : String(error));
  }
}
