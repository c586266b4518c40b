// Roundcube (self-hosted, any host; recognised by its page signature).
//
// How Roundcube exposes the original: "More → View source" opens
//   ./?_task=mail&_uid=<uid>&_mbox=<mailbox>&_action=viewsource
// relative to the installation's path, which answers the raw message as text/plain. The page state is set by
// an inline `rcmail.set_env({...})` (JSON from the server) carrying `uid` and `mailbox` on the message view
// (`body.action-show`); in the three-pane view the open message is the preview frame `#messagecontframe`, whose
// URL carries `_uid` and `_mbox`, and the selected row is `tr.selected#rcmrow<uid>`. `#messagestack` and
// `new rcube_webmail()` are on every page of the mail task.
// Learned from: roundcube/roundcubemail (program/js/app.js: the `viewsource` command opens
// url('viewsource', params_from_uid(uid)); program/actions/mail/viewsource.php; the elastic skin's templates).
// Last checked 2026-11-28.

import { extracted, failed, fetchText, looksLikeHeaders } from './extraction';
import { rawPageText } from './generic';
import { balancedLiteral, inlineScripts, parseJsonObject } from './page-state';
import type { ExtractContext, Extracted, WebmailAdapter } from './types';

const PREVIEW_FRAME = 'iframe#messagecontframe';
const SELECTED_ROW = 'tr.selected[id^="rcmrow"]';
const SIGNATURE = '#messagestack, body.task-mail, body.action-show, body.action-preview';
const LOGIN_FORM = 'body.task-login, form[name="login-form"], #rcmloginuser';

export const roundcube: WebmailAdapter = {
  id: 'roundcube',
  name: 'Roundcube',
  instructions:
    'In Roundcube, open the message, click "More" (…) in the toolbar and choose "View source". Copy all of the ' +
    'text on that page and paste it into Hopscope.',
  testUrls: {
    match: [
      'https://webmail.example.org/?_task=mail&_mbox=INBOX',
      'https://mail.example.com/roundcube/?_task=mail&_uid=4242&_mbox=INBOX&_action=show',
      'https://example.net/webmail/?_task=mail&_action=preview&_uid=7&_mbox=Archive&_framed=1',
    ],
    noMatch: [
      'https://webmail.example.org/?_task=settings',
      'https://example.org/mail?_task=mailbox',
      'https://mail.google.com/mail/u/0/#inbox',
    ],
  },
  matches: (url) => url.searchParams.get('_task') === 'mail',
  detect: (document) =>
    document.querySelector(SIGNATURE) !== null &&
    (hasRcmailScript(document) || document.querySelector('#messagestack') !== null),
  extract: extractRoundcube,
};

function hasRcmailScript(document: Document): boolean {
  return inlineScripts(document).some((text) => text.includes('rcmail.set_env(') || text.includes('new rcube_webmail'));
}

async function extractRoundcube({ document, url, fetch }: ExtractContext): Promise<Extracted> {
  // The "View source" tab itself.
  const here = rawPageText(document);
  if (here) return extracted(here, 'message');
  if (document.querySelector(LOGIN_FORM)) return failed('logged-out', 'Roundcube shows its login form.');
  const open = openMessage(document, url);
  if (!open) {
    if (!document.querySelector(SIGNATURE)) return failed('layout-changed', 'This page lacks Roundcube’s mail view.');
    return failed('not-a-message', 'No message is open: open or select one and try again.');
  }
  const source = new URL('./', url);
  source.search = new URLSearchParams({
    _task: 'mail',
    _uid: open.uid,
    _mbox: open.mailbox,
    _action: 'viewsource',
  }).toString();
  const answer = await fetchText(fetch, source.href);
  if (!answer.ok) return answer.answer;
  if (!looksLikeHeaders(answer.text)) {
    if (/rcmloginuser|task-login/.test(answer.text))
      return failed('logged-out', 'Roundcube answered with its login form.');
    return failed('layout-changed', 'View source answered with something other than a message.');
  }
  return extracted(answer.text, 'message');
}

/** The uid and mailbox of the message on screen: preview frame, then the page's env, then the selected row. */
export function openMessage(document: Document, url: URL): { uid: string; mailbox: string } | null {
  const env = rcmailEnv(document);
  const envMailbox = typeof env?.mailbox === 'string' ? env.mailbox : null;

  const frameSrc = document.querySelector(PREVIEW_FRAME)?.getAttribute('src');
  if (frameSrc && frameSrc !== 'about:blank') {
    const params = new URL(frameSrc, url).searchParams;
    const uid = params.get('_uid');
    if (uid) return { uid, mailbox: params.get('_mbox') ?? envMailbox ?? 'INBOX' };
  }
  const envUid = env?.uid;
  if ((typeof envUid === 'string' || typeof envUid === 'number') && String(envUid) !== '') {
    return { uid: String(envUid), mailbox: envMailbox ?? url.searchParams.get('_mbox') ?? 'INBOX' };
  }
  const urlUid = url.searchParams.get('_uid');
  if (urlUid) return { uid: urlUid, mailbox: url.searchParams.get('_mbox') ?? envMailbox ?? 'INBOX' };
  const rowId = document.querySelector(SELECTED_ROW)?.id.slice('rcmrow'.length);
  if (rowId && /^\d{1,12}$/.test(rowId)) return { uid: rowId, mailbox: envMailbox ?? 'INBOX' };
  return null;
}

/** The object passed to `rcmail.set_env(…)` in the page's inline script (Roundcube writes it as JSON). */
export function rcmailEnv(document: Document): Record<string, unknown> | null {
  for (const text of inlineScripts(document)) {
    const at = text.indexOf('rcmail.set_env(');
    if (at === -1) continue;
    const env = parseJsonObject(balancedLiteral(text, at + 'rcmail.set_env('.length));
    if (env) return env;
  }
  return null;
}
