// Any page that already shows a raw message, and the user's selection.
//
// How such pages expose the original: they are the original. A webmail's "Show original"/"View source" page or
// an `.eml` opened in the browser is a text/plain document (`document.contentType === 'text/plain'`, the text in
// one `<pre>` that the browser builds), and some webmails render the source as one big `<pre>` in an HTML page.
// A selection that starts with a header block is taken as the user saying "these are the headers".
// Learned from: how Chromium and Firefox render text/plain documents (a single <pre> in <body>), and the raw
// pages of Zimbra (`view=text`), Roundcube (`viewsource`) and Yahoo (`rawplaintext`). Last checked 2026-11-28.

import { extracted, failed, looksLikeHeaders } from './extraction';
import type { Extracted, WebmailAdapter } from './types';

/** A `<pre>` holding at least this share of the page's text is "the page's main content". */
const MAIN_PRE_SHARE = 0.6;

export const generic: WebmailAdapter = {
  id: 'generic',
  name: 'Raw message page',
  instructions:
    'Open your webmail\'s "Show original" / "View source" for the message, or select the headers on the page, ' +
    'then click the Hopscope icon again. You can also paste the headers into Hopscope or drop the .eml file on it.',
  testUrls: {
    match: ['file:///home/user/Downloads/invoice.eml', 'https://files.example.org/archive/2026/message.eml'],
    noMatch: ['https://example.org/', 'file:///home/user/notes.txt', 'https://example.org/emlx-reader'],
  },
  matches: (url) => url.pathname.toLowerCase().endsWith('.eml'),
  detect: (document) => rawPageText(document) !== null,
  extract: async ({ document }) => extractFromPage(document),
};

function extractFromPage(document: Document): Extracted {
  const selected = selectedHeaders(document);
  if (selected) return extracted(selected, 'message');
  const page = rawPageText(document);
  if (page) return extracted(page, 'message');
  return failed('not-a-message', 'This page does not show a raw message, and no headers are selected.');
}

/** The selected text, when it starts with a header block. */
export function selectedHeaders(document: Document): string | null {
  const text = document.getSelection?.()?.toString() ?? '';
  return text.trim() && looksLikeHeaders(text) ? text : null;
}

/** The page's text when the page is a raw message: a text/plain document, or one dominant `<pre>`. */
export function rawPageText(document: Document): string | null {
  const body = document.body;
  if (!body) return null;
  if (document.contentType === 'text/plain') {
    const text = body.textContent ?? '';
    return looksLikeHeaders(text) ? text : null;
  }
  const pres = body.querySelectorAll('pre');
  if (pres.length !== 1) return null;
  const text = pres[0]!.textContent ?? '';
  const pageLength = (body.textContent ?? '').length;
  if (pageLength === 0 || text.length / pageLength < MAIN_PRE_SHARE) return null;
  return looksLikeHeaders(text) ? text : null;
}
