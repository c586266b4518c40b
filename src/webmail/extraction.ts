// What every adapter shares: building answers, fetching an original the way the webmail's own page does, and
// recognising raw message text. Failures are answers (DESIGN.md §8), so nothing here throws on a bad response.

import type { Extracted, ExtractFailureReason } from './types';

/** The core caps its input at 4 MB (DESIGN.md §10); a bigger original is cut to its header block. */
export const MAX_RAW_CHARS = 4 * 1024 * 1024;

/** An endpoint slower than this is reported, not awaited (the background gives the whole extraction 12 s). */
export const FETCH_TIMEOUT_MS = 10_000;

export function failed(reason: ExtractFailureReason, detail: string): Extracted {
  return { ok: false, reason, detail };
}

/** A success answer; an original over the cap keeps only its header block, which is what the core reads. */
export function extracted(raw: string, kind: 'message' | 'headers'): Extracted {
  if (raw.length <= MAX_RAW_CHARS) return { ok: true, raw, kind };
  const end = headerBlockEnd(raw);
  const head = raw.slice(0, Math.min(end, MAX_RAW_CHARS));
  return { ok: true, raw: head, kind: 'headers' };
}

/** Index just past the header block (the first empty line), or the text's length. Linear. */
export function headerBlockEnd(text: string): number {
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (line === '' && lineStart > 0) return lineStart;
    lineStart = lineEnd + 1;
  }
  return text.length;
}

/** A field line: a name of printable ASCII other than ':' and space (RFC 5322 §2.2), then ':'. */
const FIELD_LINE = /^[\x21-\x39\x3b-\x7e]{1,76}:/;
const KEY_FIELDS = new Set(['received', 'from', 'subject', 'date', 'message-id', 'return-path', 'to', 'delivered-to']);

/**
 * True when the text opens with an RFC 5322 header block: at least three fields before the first empty line,
 * one of them a field every message has. Leading blank lines and an mbox `From ` line are allowed.
 */
export function looksLikeHeaders(text: string): boolean {
  let fields = 0;
  let keyFields = 0;
  let seenContent = false;
  let position = 0;
  // Look at the first 200 lines only: enough for any header block worth recognising, bounded for a big page.
  for (let lines = 0; lines < 200 && position < text.length; lines++) {
    let end = text.indexOf('\n', position);
    if (end === -1) end = text.length;
    const line = text.slice(position, end).replace(/\r$/, '');
    position = end + 1;
    if (line.trim() === '') {
      if (seenContent) break;
      continue;
    }
    if (!seenContent && line.startsWith('From ')) {
      seenContent = true;
      continue;
    }
    seenContent = true;
    if (line.startsWith(' ') || line.startsWith('\t')) continue; // folded continuation
    if (!FIELD_LINE.test(line)) return fields >= 3 && keyFields > 0;
    fields++;
    if (KEY_FIELDS.has(line.slice(0, line.indexOf(':')).toLowerCase())) keyFields++;
  }
  return fields >= 3 && keyFields > 0;
}

export type Fetched = { ok: true; text: string; response: Response } | { ok: false; answer: Extracted };

/** Hosts a signed-out request is redirected to. Reaching one means the session is gone, not the message. */
const LOGIN_HOSTS = [
  'accounts.google.com',
  'login.microsoftonline.com',
  'login.live.com',
  'login.yahoo.com',
  'login.aol.com',
  'account.proton.me',
];

/**
 * Fetches an endpoint with the page's own cookies and maps what went wrong to a reason: 401 and OWA's 440
 * (login time-out) or a redirect to a sign-in host → logged-out; any other non-2xx → http-error; a network
 * failure, CORS refusal or time-out → http-error.
 */
export async function fetchText(fetchFn: typeof fetch, url: string, init: RequestInit = {}): Promise<Fetched> {
  const where = describeEndpoint(url);
  let response: Response;
  try {
    response = await fetchFn(url, {
      credentials: 'include',
      ...init,
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const detail = timedOut
      ? `${where} did not answer within ${FETCH_TIMEOUT_MS / 1000} s.`
      : `${where} could not be reached (${error instanceof Error ? error.message : String(error)}).`;
    return { ok: false, answer: failed('http-error', detail) };
  }
  if (response.url && isLoginUrl(response.url)) {
    return { ok: false, answer: failed('logged-out', `${where} sent us to the sign-in page: sign in and try again.`) };
  }
  if (response.status === 401 || response.status === 440) {
    return {
      ok: false,
      answer: failed('logged-out', `${where} answered HTTP ${response.status}: the session has ended.`),
    };
  }
  if (!response.ok) {
    return { ok: false, answer: failed('http-error', `${where} answered HTTP ${response.status}.`) };
  }
  try {
    return { ok: true, text: await response.text(), response };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, answer: failed('http-error', `${where}: the answer could not be read (${reason}).`) };
  }
}

function isLoginUrl(url: string): boolean {
  try {
    return LOGIN_HOSTS.includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The endpoint without its query, which may carry ids and keys that have no place in a message to the user. */
function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'The webmail';
  }
}
