// Gmail (mail.google.com, including /u/N/ accounts and delegated /u/N/d/<token>/ mailboxes).
//
// How Gmail exposes the original: "⋮ → Show original" opens
//   /mail/u/N/?ik=<ik>&view=om&permmsgid=msg-f:<decimal message id>
// a same-origin HTML page whose `pre#raw_message_text` holds the whole message as received. `ik` is the account
// key Gmail puts in its page globals (`GLOBALS[9]`, `window.GM_ID_KEY`) and in many of its own links. Each message
// of an open thread is an element carrying `data-message-id="#msg-f:<dec>"` and `data-legacy-message-id="<hex>"`
// (the same number in hex); only expanded messages render their body (`.a3s`).
// Learned from: public extensions that fetch `view=om` the same way (e.g. the "SES" raw-email content script,
// gmail-message-id's MAIN-world `GM_ID_KEY` reader, several Gmail header checkers found by searching
// "view=om&permmsgid=") and Gmail's own "Show original" URL. Last checked 2026-11-28.

import { extracted, failed, fetchText, looksLikeHeaders } from './extraction';
import { arrayElements, balancedLiteral, inlineScripts, isInViewport, stringLiteralValue } from './page-state';
import type { ExtractContext, Extracted, WebmailAdapter } from './types';

const MAIN = '[role="main"]';
const MESSAGE = '[data-message-id], [data-legacy-message-id]';
/** The message body: Gmail renders it only for expanded messages of a thread. */
const EXPANDED_BODY = '.a3s';
const RAW_MESSAGE = 'pre#raw_message_text';
const LINKS_WITH_IK = '[href*="ik="], [src*="ik="], [data-recorded-src*="ik="]';
const SIGNED_OUT = 'form#gaia_loginform, a[href*="accounts.google.com/ServiceLogin"]';

/** `/mail`, `/mail/u/1`, `/mail/u/0/d/<delegation token>`: the prefix every request of this mailbox uses. */
const MAILBOX_PATH = /^\/mail(?:\/u\/\d{1,3})?(?:\/d\/[A-Za-z0-9_-]{1,200})?/;
const IK = /^[0-9a-f]{6,20}$/i;

export const gmail: WebmailAdapter = {
  id: 'gmail',
  name: 'Gmail',
  instructions:
    'In Gmail, open the message, click ⋮ (More) next to Reply and choose "Show original". Copy the text under ' +
    '"Original message" (or "Copy to clipboard") and paste it into Hopscope.',
  testUrls: {
    match: [
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxbWqnkKLhHJdlQSfXpRvrd',
      'https://mail.google.com/mail/u/3/#label/Work/FMfcgzQXJWxbWqnk',
      'https://mail.google.com/mail/u/0/d/AEoRXRQ7_example_token/#inbox/FMfcgzQXJWxbWqnk',
      'https://mail.google.com/mail/?ui=2&view=cm',
      'https://mail.google.com/mail/u/0/?ik=0a1b2c3d4e&view=om&permmsgid=msg-f:1780000000000000001',
    ],
    noMatch: [
      'https://www.google.com/search?q=mail',
      'https://mail.google.com.example.net/mail/u/0/',
      'https://calendar.google.com/calendar/u/0/r',
      'https://mail.google.com/chat/u/0/',
    ],
  },
  matches: (url) => url.protocol === 'https:' && url.hostname === 'mail.google.com' && MAILBOX_PATH.test(url.pathname),
  extract: extractGmail,
};

async function extractGmail({ document, url, fetch, hints }: ExtractContext): Promise<Extracted> {
  // Already on the "Show original" page: the message is right here.
  const here = document.querySelector(RAW_MESSAGE)?.textContent;
  if (here && looksLikeHeaders(here)) return extracted(here, 'message');

  if (document.querySelector(SIGNED_OUT)) return failed('logged-out', 'Gmail shows its sign-in page.');
  const main = document.querySelector(MAIN);
  if (!main) return failed('layout-changed', 'No main area ([role="main"]) on this Gmail page.');

  const messageId = openMessageId(main);
  if (!messageId) return failed('not-a-message', 'No message is open: open one and try again.');

  const ik = findIk(document, hints?.gmailIk);
  if (!ik) return failed('layout-changed', "Gmail's account key (ik) was not found on the page.");

  const mailbox = MAILBOX_PATH.exec(url.pathname)?.[0] ?? '/mail/u/0';
  const endpoint = `${url.origin}${mailbox}/?ik=${encodeURIComponent(ik)}&view=om&permmsgid=msg-f:${messageId}`;
  const answer = await fetchText(fetch, endpoint);
  if (!answer.ok) return answer.answer;

  const page = new DOMParser().parseFromString(answer.text, 'text/html');
  const raw = page.querySelector(RAW_MESSAGE)?.textContent;
  if (raw) return extracted(raw, 'message');
  if (page.querySelector(SIGNED_OUT)) return failed('logged-out', 'Gmail answered with its sign-in page.');
  return failed('layout-changed', '"Show original" answered without a raw_message_text block.');
}

/**
 * The decimal id of the message the user is reading. In a thread: an expanded message in view (the last one
 * if several), else the last expanded one, else the last message. A lone message counts as expanded.
 */
export function openMessageId(root: ParentNode): string | null {
  const messages = Array.from(root.querySelectorAll(MESSAGE)).filter((el) => messageIdOf(el) !== null);
  if (messages.length === 0) return null;
  const expanded = messages.filter((el) => el.querySelector(EXPANDED_BODY));
  const inView = expanded.filter(isInViewport);
  const chosen = inView.at(-1) ?? expanded.at(-1) ?? messages.at(-1)!;
  return messageIdOf(chosen);
}

/** `#msg-f:1780…` (decimal) or the legacy hex id converted to decimal, as `permmsgid` wants. */
export function messageIdOf(element: Element): string | null {
  const permanent = element.getAttribute('data-message-id');
  const decimal = permanent ? /^#?msg-f:(\d{1,20})$/.exec(permanent)?.[1] : undefined;
  if (decimal) return decimal;
  const legacy = element.getAttribute('data-legacy-message-id');
  if (legacy && /^[0-9a-f]{1,16}$/i.test(legacy)) return BigInt(`0x${legacy}`).toString(10);
  return null;
}

/**
 * The account key, from (in order) what the injector read in the MAIN world, Firefox's view of the page's
 * globals, the inline script that defines them, and Gmail's own links that carry `ik=`.
 */
export function findIk(document: Document, hinted?: string): string | null {
  if (hinted && IK.test(hinted)) return hinted;
  const fromGlobals = ikFromPageWindow(document);
  if (fromGlobals) return fromGlobals;
  for (const text of inlineScripts(document)) {
    const found = ikFromScript(text);
    if (found) return found;
  }
  for (const el of Array.from(document.querySelectorAll(LINKS_WITH_IK))) {
    for (const attr of ['href', 'src', 'data-recorded-src']) {
      const value = el.getAttribute(attr);
      const ik = value ? /[?&]ik=([0-9a-f]{6,20})(?:&|$)/i.exec(value)?.[1] : undefined;
      if (ik) return ik;
    }
  }
  return null;
}

/** Firefox content scripts see page globals through `wrappedJSObject`; Chrome's isolated world does not. */
function ikFromPageWindow(document: Document): string | null {
  const view = document.defaultView as (Window & { wrappedJSObject?: Record<string, unknown> }) | null;
  const page = view?.wrappedJSObject;
  if (!page) return null;
  try {
    const globals = page.GLOBALS;
    const candidates = [Array.isArray(globals) ? globals[9] : undefined, page.GM_ID_KEY];
    for (const value of candidates) if (typeof value === 'string' && IK.test(value)) return value;
  } catch {
    // A page that throws on property access has nothing for us.
  }
  return null;
}

/** `GM_ID_KEY = "…"` or the tenth element of `GLOBALS=[…]` in one inline script's text. */
export function ikFromScript(text: string): string | null {
  const keyAt = text.indexOf('GM_ID_KEY');
  if (keyAt !== -1) {
    const m = /^GM_ID_KEY\s{0,3}=\s{0,3}["']([0-9a-f]{6,20})["']/i.exec(text.slice(keyAt, keyAt + 60));
    if (m?.[1]) return m[1];
  }
  const globals = /\bGLOBALS\s{0,2}=\s{0,2}\[/.exec(text);
  if (globals) {
    const literal = balancedLiteral(text, globals.index + globals[0].length - 1);
    const ninth = literal ? arrayElements(literal)[9] : undefined;
    const value = ninth ? stringLiteralValue(ninth) : null;
    if (value && IK.test(value)) return value;
  }
  return null;
}
