// The typed protocol between the background, the extension pages (popup, analyzer, options) and the webmail
// content script. Every page request is one member of `Request`; its answer is `ResponseTo<R>`. Messages
// arrive from other contexts, so they are validated at runtime (`parseRequest`) and the sender is checked
// (`isOwnExtensionPage`) before anything is read from storage.

import type { ArcSealer } from './core/dkim/sealers';
import type { AttachedMessage } from './mime/attached';
import { browser } from './page-browser';
import type { Extracted } from './webmail/types';

export type { Extracted };

/** Where a piece of input came from; shown on the analyzer page so the user knows what they are looking at. */
export type InputSource =
  | { kind: 'selection'; pageUrl?: string }
  | { kind: 'page'; pageUrl?: string }
  | { kind: 'link'; linkUrl: string }
  | { kind: 'paste' }
  | { kind: 'webmail'; name: string; pageUrl?: string };

/** What the background keeps in storage.session under an input id. Header text never goes into a URL. */
export type StoredInput =
  | {
      kind: 'text';
      text: string;
      source: InputSource;
      createdAt: number;
      /** What the file said of itself (an Outlook .msg's attached message), and the messages it lists as attached. */
      note?: string;
      attached?: AttachedMessage[];
    }
  | { kind: 'unreadable'; reason: string; source: InputSource; createdAt: number };

/** Why reading the open tab gave no message. The first five are the webmail adapters' own (`Extracted`). */
export type TabFailureReason =
  | Extract<Extracted, { ok: false }>['reason']
  | 'restricted' // chrome://, the Web Store, a PDF viewer: no extension may read it
  | 'no-tab' // the tab closed, or there is none
  | 'timeout'; // the page did not answer in time

/** The popup's view of the open tab: a message found, a failure explained, or nothing to read. */
export type TabReading =
  | { status: 'found'; text: string; source: InputSource; cached: boolean }
  | {
      status: 'failed';
      reason: TabFailureReason;
      detail: string;
      /** The webmail that failed, when an adapter claimed the page. */
      webmail?: { id: string; name: string; instructions: string };
      host?: string;
    }
  | { status: 'nothing'; host?: string };

export type Request =
  /** Analyzer page: the input stored under `id` (from its `?id=`). */
  | { type: 'input/get'; id: string }
  /** Popup: store this text and open it in the full analyzer tab. */
  | { type: 'input/open'; text: string }
  /** Popup: read the message open in this tab (cached per tab and URL unless `refresh`). */
  | { type: 'tab/read'; tabId: number; refresh: boolean }
  /** Popup: keep this pasted text as the tab's result, so reopening the popup shows it again. */
  | { type: 'tab/remember'; tabId: number; text: string }
  /**
   * Options page and report: the well-known ARC sealers table. It lives in src/core, which the pages' build puts
   * in the core chunk the popup preloads; asking the background keeps its bytes out of the popup's first report.
   */
  | { type: 'sealers/list' };

export type Failure = { ok: false; error: { code: 'forbidden' | 'invalid' | 'not-found' | 'failed'; message: string } };

export type Response =
  | { type: 'input/get'; ok: true; input: StoredInput }
  | { type: 'input/open'; ok: true; id: string }
  | { type: 'tab/read'; ok: true; reading: TabReading }
  | { type: 'tab/remember'; ok: true }
  | { type: 'sealers/list'; ok: true; sealers: ArcSealer[] };

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

function isTabId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The core caps its input at 4 MB (DESIGN.md §10); the same cap applies to what we accept and store. */
export const MAX_INPUT_CHARS = 4 * 1024 * 1024;

function isInputText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_INPUT_CHARS;
}

/** Narrows an unknown message to a Request, or returns null. */
export function parseRequest(message: unknown): Request | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'input/get':
      return isInputId(m.id) ? { type: 'input/get', id: m.id } : null;
    case 'input/open':
      return isInputText(m.text) ? { type: 'input/open', text: m.text } : null;
    case 'tab/read':
      return isTabId(m.tabId) ? { type: 'tab/read', tabId: m.tabId, refresh: m.refresh === true } : null;
    case 'tab/remember':
      return isTabId(m.tabId) && isInputText(m.text) ? { type: 'tab/remember', tabId: m.tabId, text: m.text } : null;
    case 'sealers/list':
      return { type: 'sealers/list' };
    default:
      return null;
  }
}

// --- The webmail content script (src/webmail/content.ts answers it) ---------------------------------------

export const WEBMAIL_EXTRACT = 'webmail/extract';
/** Background → content script: extract the open message. The answer is the adapter's `Extracted`. */
export type WebmailExtractRequest = { type: typeof WEBMAIL_EXTRACT };
export type WebmailExtractResponse = Extracted;

/** Narrows a content script's answer to `Extracted`, or null (no listener, or a malformed answer). */
export function parseExtracted(answer: unknown): Extracted | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const a = answer as Record<string, unknown>;
  if (a.ok === true && isInputText(a.raw) && (a.kind === 'message' || a.kind === 'headers'))
    return { ok: true, raw: a.raw, kind: a.kind };
  const reasons = ['not-a-message', 'logged-out', 'layout-changed', 'http-error', 'unsupported'] as const;
  if (a.ok === false && reasons.includes(a.reason as (typeof reasons)[number]))
    return {
      ok: false,
      reason: a.reason as (typeof reasons)[number],
      detail: typeof a.detail === 'string' ? a.detail.slice(0, 500) : '',
    };
  return null;
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
    const answer: unknown = await browser.runtime.sendMessage(request);
    // Anything but one of our answers (nothing, or another listener's reply) is no answer.
    if (typeof answer !== 'object' || answer === null || typeof (answer as { ok?: unknown }).ok !== 'boolean')
      return failure('failed', 'The background did not answer.');
    return answer as ResponseTo<R>;
  } catch (error) {
    return failure('failed', error instanceof Error ? error.message : String(error));
  }
}
