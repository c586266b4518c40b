// Zimbra and Carbonio (self-hosted, any host; recognised by URL path or page signature).
//
// How Zimbra exposes the original: "Actions → Show original" (classic), "Show original" (Modern UI, Carbonio)
// all open the same REST resource, `/service/home/~/?auth=co&view=text&id=<item id>`, which answers the raw
// message as text/plain with the session cookie (`auth=co`). The item id is in the URL of the Modern UI
// (`/modern/email/<folder>/message/<id>`) and of Carbonio (`/carbonio/mails/folder/<f>/message/<id>`); in the
// classic Ajax client it is the suffix of the selected list row's DOM id (`li.Row-selected#zli__TV-main__<id>`,
// a negative id is a one-message "virtual conversation" whose message id is its absolute value). The classic client is recognised by `#z_shell` / `ZmZimbraMail`.
// Learned from: Zextras' carbonio-mails-ui (`showOriginalMsg` → window.open('/service/home/~/?auth=co&view=text
// &id=' + id)), Zimbra zimlets that fetch the same URL, and the Zextras backup docs ("Show original" URL).
// Last checked 2026-11-28.

import { extracted, failed, fetchText, looksLikeHeaders } from './extraction';
import { inlineScripts } from './page-state';
import type { ExtractContext, Extracted, WebmailAdapter } from './types';

const SELECTED_ROW = 'li.Row-selected[id^="zli__"], div.Row-selected[id^="zli__"]';
const CLASSIC_SHELL = '#z_shell';
const LOGIN_FORM = 'form[name="loginForm"], #zLoginForm';
/** `/message/<id>` in the Modern UI and Carbonio routes; an id may be `<account>:<id>` for shared folders. */
const MESSAGE_IN_PATH = /\/message\/(-?[0-9A-Za-z:-]{1,80})(?:\/|$)/;
const ROW_ID = /__(-?\d{1,12})$/;

export const zimbra: WebmailAdapter = {
  id: 'zimbra',
  name: 'Zimbra / Carbonio',
  instructions:
    'In Zimbra, select the message, open "Actions" (or right-click it) and choose "Show Original"; in Carbonio ' +
    'use the message\'s ⋮ menu → "Show original". Copy all of the text on that page and paste it into Hopscope.',
  testUrls: {
    match: [
      'https://mail.example.org/modern/email/Inbox/message/257',
      'https://mail.example.org/carbonio/mails/folder/2/message/1043',
      'https://mail.example.org/zimbra/mail#1',
      'https://zimbra.example.net/carbonio/mails',
    ],
    noMatch: [
      'https://mail.example.org/',
      'https://www.example.com/zimbra-review',
      'https://mail.example.org/service/home/~/?auth=co&view=text&id=257',
    ],
  },
  matches: (url) => /^\/(?:modern|carbonio|zimbra)(?:\/|$)/.test(url.pathname),
  detect: (document) =>
    document.querySelector(CLASSIC_SHELL) !== null ||
    inlineScripts(document).some((text) => text.includes('ZmZimbraMail') || text.includes('appContextPath')),
  extract: extractZimbra,
};

async function extractZimbra({ document, url, fetch }: ExtractContext): Promise<Extracted> {
  if (document.querySelector(LOGIN_FORM)) return failed('logged-out', 'Zimbra shows its sign-in form.');
  const id = openItemId(document, url);
  if (!id) return failed('not-a-message', 'No message is open or selected: select one and try again.');
  const endpoint = `${url.origin}/service/home/~/?auth=co&view=text&id=${encodeURIComponent(id)}`;
  const answer = await fetchText(fetch, endpoint);
  if (!answer.ok) return answer.answer;
  if (!looksLikeHeaders(answer.text)) {
    if (/loginForm|zLoginForm/.test(answer.text)) return failed('logged-out', 'Zimbra answered with its sign-in form.');
    return failed('layout-changed', '"Show original" answered with something other than a message.');
  }
  return extracted(answer.text, 'message');
}

/** The item id: from the route (Modern UI, Carbonio), else the selected row of the classic client. */
export function openItemId(document: Document, url: URL): string | null {
  const fromPath = MESSAGE_IN_PATH.exec(url.pathname)?.[1] ?? MESSAGE_IN_PATH.exec(url.hash)?.[1];
  if (fromPath) return fromPath;
  const rows = Array.from(document.querySelectorAll(SELECTED_ROW));
  for (const row of rows.reverse()) {
    const id = ROW_ID.exec(row.id)?.[1];
    if (id) return id.replace(/^-/, '');
  }
  return null;
}
