// Yahoo Mail and AOL Mail (mail.yahoo.com, mail.aol.com: the same web client).
//
// How Yahoo exposes the original: "… → View raw message" opens
//   https://apis.mail.yahoo.com/ws/v3/mailboxes/@.id==<mailbox id>/messages/@.id==<mid>/content/rawplaintext
// (with the session cookies, `appId=` and the page's `wssid`), which answers the message as text/plain. The same
// resource is served same-origin under the webmail host, where `@` names the account's default mailbox
// (`/ws/v3/mailboxes/@/messages/@.id==<mid>/content/rawplaintext`): that is the documented fallback, and the
// only route for AOL. The open message's id is in the URL (`/d/folders/<n>/messages/<mid>`) and on the message
// view (`data-test-id="message-view"`, `data-mid`); the mailbox id and wssid are in the page's inline state.
// Learned from: public extensions that build this URL (the "SES" raw-email content script: `@.id==` and `wssid`
// scraped from the page; Yahoo phishing reporters using `appId=YMailNovation`) and export scripts that use the
// same-origin `mailboxes/@` form. Last checked 2026-11-28.

import { extracted, failed, fetchText, looksLikeHeaders } from './extraction';
import { inlineScripts, isInViewport } from './page-state';
import type { ExtractContext, Extracted, WebmailAdapter } from './types';

const MESSAGE_VIEW = '[data-test-id="message-view"]';
const MESSAGE_WITH_MID = '[data-test-id="message-view"][data-mid], [data-test-id="message-view"] [data-mid]';
const SIGN_IN_LINK = 'a[href^="https://login.yahoo.com"], a[href^="https://login.aol.com"]';
const MESSAGE_IN_PATH = /\/messages\/([A-Za-z0-9_~-]{1,200})(?:\/|$)/;
const MAILBOX_ID = /^[A-Za-z0-9_~.-]{1,200}/;
const APP_ID = 'YMailNovation';

export const yahoo: WebmailAdapter = {
  id: 'yahoo',
  name: 'Yahoo Mail / AOL Mail',
  instructions:
    'In Yahoo Mail or AOL Mail, open the message, click … (More) in the toolbar and choose "View raw message". ' +
    'Copy all of the text on that page and paste it into Hopscope.',
  testUrls: {
    match: [
      'https://mail.yahoo.com/d/folders/1/messages/AKd3mN2example_Mid-1',
      'https://mail.yahoo.com/d/folders/1',
      'https://mail.yahoo.com/n/folders/1/messages/193',
      'https://mail.aol.com/d/folders/1/messages/ALzx5Kexample',
      'https://mail.aol.com/webmail-std/en-us/suite',
    ],
    noMatch: [
      'https://www.yahoo.com/',
      'https://login.yahoo.com/',
      'https://mail.yahoo.com.example.net/d/folders/1',
      'https://apis.mail.yahoo.com/ws/v3/mailboxes/@.id==VjN-x/messages/@.id==AKd3/content/rawplaintext',
    ],
  },
  matches: (url) => url.protocol === 'https:' && (url.hostname === 'mail.yahoo.com' || url.hostname === 'mail.aol.com'),
  extract: extractYahoo,
};

async function extractYahoo({ document, url, fetch }: ExtractContext): Promise<Extracted> {
  const mid = openMessageId(document, url);
  if (!mid) {
    if (document.querySelector(SIGN_IN_LINK) && !document.querySelector(MESSAGE_VIEW)) {
      return failed('logged-out', 'The page offers to sign in: sign in to your mailbox first.');
    }
    return failed('not-a-message', 'No message is open: open one and try again.');
  }

  const state = pageState(document);
  const mailbox = state.mailboxId ?? '@';
  let last: Extracted = failed('http-error', 'No raw message endpoint answered.');
  for (const endpoint of rawEndpoints(url, mailbox, mid, state.wssid)) {
    const answer = await fetchText(fetch, endpoint);
    if (!answer.ok) {
      if (!answer.answer.ok && answer.answer.reason === 'logged-out') return answer.answer;
      last = answer.answer;
      continue;
    }
    if (looksLikeHeaders(answer.text)) return extracted(answer.text, 'message');
    last = failed('layout-changed', 'The raw message endpoint answered with something other than a message.');
  }
  return last;
}

/** Where the raw message is served: Yahoo's API host first, then the same-origin form. */
export function rawEndpoints(url: URL, mailbox: string, mid: string, wssid: string | null): string[] {
  const path = `/ws/v3/mailboxes/@.id==${encodeURIComponent(mailbox)}/messages/@.id==${encodeURIComponent(mid)}/content/rawplaintext`;
  const sameOriginPath =
    mailbox === '@' ? `/ws/v3/mailboxes/@/messages/@.id==${encodeURIComponent(mid)}/content/rawplaintext` : path;
  const query = `?appId=${APP_ID}${wssid ? `&wssid=${encodeURIComponent(wssid)}` : ''}`;
  const endpoints: string[] = [];
  if (url.hostname === 'mail.yahoo.com' && mailbox !== '@')
    endpoints.push(`https://apis.mail.yahoo.com${path}${query}`);
  endpoints.push(`${url.origin}${sameOriginPath}${query}`);
  return endpoints;
}

/** The open message: an expanded message of the thread in view (else the last), else the id in the URL. */
export function openMessageId(document: Document, url: URL): string | null {
  const candidates = Array.from(document.querySelectorAll(MESSAGE_WITH_MID)).filter((el) =>
    /^[A-Za-z0-9_~-]{1,200}$/.test(el.getAttribute('data-mid') ?? ''),
  );
  const chosen = candidates.filter(isInViewport).at(-1) ?? candidates.at(-1);
  if (chosen) return chosen.getAttribute('data-mid');
  return MESSAGE_IN_PATH.exec(url.pathname)?.[1] ?? null;
}

/** The mailbox id and wssid from the page's inline state, when it carries them. */
export function pageState(document: Document): { mailboxId: string | null; wssid: string | null } {
  let mailboxId: string | null = null;
  let wssid: string | null = null;
  for (const text of inlineScripts(document)) {
    mailboxId ??= mailboxIdIn(text);
    wssid ??= valueAfter(text, ['"wssid":"', 'wssid:"']);
    if (mailboxId && wssid) break;
  }
  return { mailboxId, wssid };
}

function mailboxIdIn(text: string): string | null {
  const marker = 'mailboxes/@.id==';
  const at = text.indexOf(marker);
  if (at !== -1) {
    const id = MAILBOX_ID.exec(text.slice(at + marker.length, at + marker.length + 200))?.[0];
    if (id) return id.replace(/\\$/, '');
  }
  const list = text.indexOf('"mailboxes":[');
  if (list !== -1) return valueAfter(text.slice(list, list + 400), ['"id":"']);
  return null;
}

/** The quoted value after the first of the markers that occurs, up to the closing quote. */
function valueAfter(text: string, markers: string[]): string | null {
  for (const marker of markers) {
    const at = text.indexOf(marker);
    if (at === -1) continue;
    const start = at + marker.length;
    const end = text.indexOf('"', start);
    if (end > start && end - start <= 200) return text.slice(start, end);
  }
  return null;
}
