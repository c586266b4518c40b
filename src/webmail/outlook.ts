// Outlook on the web and Outlook.com (outlook.office.com, outlook.office365.com, outlook.live.com).
//
// How Outlook exposes the original: "… → View → View message source / message details" reads the item through
// OWA's own JSON service, `POST /owa/[N/]service.svc?action=GetItem&app=Mail` with the `action: GetItem` header and
// the `X-OWA-CANARY` CSRF token (a cookie of the same name). Asking the item shape for `IncludeMimeContent` returns
// the whole message base64-encoded in `MimeContent.Value`; the extended property PropertyTag 0x007D
// (PR_TRANSPORT_MESSAGE_HEADERS, String) returns only the transport headers. The open item's id is in the URL
// (`/mail/[N/]<folder>/id/<ItemId>`, `/mail/deeplink/read/<ItemId>`, classic `?ItemID=`); with conversations on,
// that id is a conversation id (AAQk… / AQQk…), resolved with `GetConversationItems`.
// Learned from: Microsoft's EWS reference (GetItem, InternetMessageHeaders → "use PR_TRANSPORT_MESSAGE_HEADERS"),
// the Message Header Analyzer add-in (GetHeaderEWS.js, PR_TRANSPORT_MESSAGE_HEADERS), and public OWA clients that
// call service.svc with X-OWA-CANARY from document.cookie and read Body.ResponseMessages.Items[0].Items[0]
// .MimeContent.Value. Last checked 2026-11-28.

import { extracted, failed, fetchText } from './extraction';
import { readCookie } from './page-state';
import type { ExtractContext, Extracted, WebmailAdapter } from './types';

const HOSTS = new Set(['outlook.office.com', 'outlook.office365.com', 'outlook.live.com']);
/** The selected row of the message list carries its conversation id. */
const SELECTED_CONVERSATION = '[role="option"][aria-selected="true"][data-convid]';
const CANARY_COOKIE = 'X-OWA-CANARY';
/** PR_TRANSPORT_MESSAGE_HEADERS. OWA echoes the tag back as "0x7d". */
const TRANSPORT_HEADERS_TAG = '0x7D';

export const outlook: WebmailAdapter = {
  id: 'outlook',
  name: 'Outlook on the web',
  instructions:
    'In Outlook on the web, open the message, click … (More actions) → View → "View message source" (or ' +
    '"View message details"). Copy everything shown and paste it into Hopscope.',
  testUrls: {
    match: [
      'https://outlook.office.com/mail/inbox/id/AAMkAGI2TG93AAA%3D',
      'https://outlook.office365.com/mail/inbox/id/AAQkAGI2TG93AAA%3D',
      'https://outlook.live.com/mail/0/inbox/id/AQMkADAwATM0MDAAMS1hAAA%3D',
      'https://outlook.office.com/mail/deeplink/read/AAMkAGI2TG93AAA%3D',
      'https://outlook.office365.com/owa/?ItemID=AAMkAGI2TG93AAA%3D&exvsurl=1&viewmodel=ReadMessageItem',
      'https://outlook.office.com/mail/',
    ],
    noMatch: [
      'https://outlook.office.com/calendar/view/month',
      'https://www.office.com/',
      'https://outlook.office.com.example.net/mail/inbox',
      'https://outlook.com/',
    ],
  },
  matches: (url) =>
    url.protocol === 'https:' &&
    HOSTS.has(url.hostname) &&
    (url.pathname === '/mail' || url.pathname.startsWith('/mail/') || url.pathname.startsWith('/owa')),
  extract: extractOutlook,
};

async function extractOutlook({ document, url, fetch }: ExtractContext): Promise<Extracted> {
  const canary = readCookie(document, CANARY_COOKIE);
  const bearer = owaBearerToken(document.defaultView?.localStorage);
  if (!canary && !bearer) return failed('logged-out', 'No Outlook session (no X-OWA-CANARY cookie).');

  const openId = openItemId(url, document);
  if (!openId) return failed('not-a-message', 'No message is open: open one in the reading pane and try again.');

  const service = serviceUrl(url);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'x-req-source': 'Mail' };
  if (canary) headers['x-owa-canary'] = canary;
  if (bearer) headers.authorization = `Bearer ${bearer}`;

  let itemId = openId;
  if (isConversationId(openId)) {
    const resolved = await newestItemOfConversation(fetch, service, headers, openId);
    if (!resolved.ok) return resolved.answer;
    itemId = resolved.itemId;
  }

  const answer = await owaCall(fetch, service, headers, 'GetItem', getItemRequest(itemId));
  if (!answer.ok) return answer.answer;
  return readGetItem(answer.body);
}

/** The item (or conversation) id of the open message: URL first, then the selected row of the list. */
export function openItemId(url: URL, document: Document): string | null {
  const queryId = url.searchParams.get('ItemID') ?? url.searchParams.get('itemid');
  if (queryId) return queryId;
  const segments = url.pathname.split('/');
  for (let i = 0; i < segments.length - 1; i++) {
    if (segments[i] === 'id' || (segments[i] === 'read' && segments[i - 1] === 'deeplink')) {
      const raw = segments[i + 1];
      if (raw) return safeDecode(raw);
    }
  }
  return document.querySelector(SELECTED_CONVERSATION)?.getAttribute('data-convid') ?? null;
}

/** EWS ids encode their kind: AAMk/AQMk are items, AAQk/AQQk conversations. */
export function isConversationId(id: string): boolean {
  return /^A[AQ]Qk/.test(id);
}

/** `/owa/service.svc`, or `/owa/N/service.svc` for the Nth signed-in account (`/mail/N/…`). */
export function serviceUrl(url: URL): string {
  const account = /^\/mail\/(\d{1,2})\//.exec(url.pathname)?.[1];
  return `${url.origin}/owa/${account ? `${account}/` : ''}service.svc`;
}

function getItemRequest(itemId: string): unknown {
  return {
    __type: 'GetItemJsonRequest:#Exchange',
    Header: { __type: 'JsonRequestHeaders:#Exchange', RequestServerVersion: 'Exchange2013' },
    Body: {
      __type: 'GetItemRequest:#Exchange',
      ItemShape: {
        __type: 'ItemResponseShape:#Exchange',
        BaseShape: 'IdOnly',
        IncludeMimeContent: true,
        AdditionalProperties: [
          { __type: 'ExtendedPropertyUri:#Exchange', PropertyTag: TRANSPORT_HEADERS_TAG, PropertyType: 'String' },
        ],
      },
      ItemIds: [{ __type: 'ItemId:#Exchange', Id: itemId }],
    },
  };
}

type OwaAnswer = { ok: true; body: unknown } | { ok: false; answer: Extracted };

async function owaCall(
  fetchFn: typeof fetch,
  service: string,
  headers: Record<string, string>,
  action: string,
  request: unknown,
): Promise<OwaAnswer> {
  const answer = await fetchText(fetchFn, `${service}?action=${action}&app=Mail`, {
    method: 'POST',
    headers: { ...headers, action },
    body: JSON.stringify(request),
  });
  if (!answer.ok) return answer;
  try {
    return { ok: true, body: JSON.parse(answer.text) };
  } catch {
    return { ok: false, answer: failed('layout-changed', `${action} answered with something other than JSON.`) };
  }
}

/** The first response message of an OWA answer, or a failure saying why there is none. */
function firstResponse(
  body: unknown,
  action: string,
): { ok: true; item: OwaResponseItem } | { ok: false; answer: Extracted } {
  const item = (body as OwaBody | null)?.Body?.ResponseMessages?.Items?.[0];
  if (!item) return { ok: false, answer: failed('layout-changed', `${action} answered without ResponseMessages.`) };
  if (item.ResponseClass !== 'Success') {
    const code = item.ResponseCode ?? 'unknown error';
    const reason = /ItemNotFound|InvalidId/.test(code) ? 'not-a-message' : 'http-error';
    return { ok: false, answer: failed(reason, `${action} answered ${code}.`) };
  }
  return { ok: true, item };
}

export function readGetItem(body: unknown): Extracted {
  const response = firstResponse(body, 'GetItem');
  if (!response.ok) return response.answer;
  const message = response.item.Items?.[0];
  const mime = message?.MimeContent?.Value;
  if (typeof mime === 'string' && mime.length > 0) {
    const text = decodeBase64(mime);
    if (text) return extracted(text, 'message');
  }
  const transport = message?.ExtendedProperty?.find(
    (p) => p.ExtendedFieldURI?.PropertyTag?.toLowerCase().replace(/^0x0*/, '0x') === '0x7d',
  )?.Value;
  if (typeof transport === 'string' && transport.trim()) return extracted(transport, 'headers');
  return failed('not-a-message', 'This item has neither MIME content nor transport headers (a draft or sent item?).');
}

async function newestItemOfConversation(
  fetchFn: typeof fetch,
  service: string,
  headers: Record<string, string>,
  conversationId: string,
): Promise<{ ok: true; itemId: string } | { ok: false; answer: Extracted }> {
  const answer = await owaCall(fetchFn, service, headers, 'GetConversationItems', {
    __type: 'GetConversationItemsJsonRequest:#Exchange',
    Header: { __type: 'JsonRequestHeaders:#Exchange', RequestServerVersion: 'Exchange2013' },
    Body: {
      __type: 'GetConversationItemsRequest:#Exchange',
      Conversations: [
        {
          __type: 'ConversationRequestType:#Exchange',
          ConversationId: { __type: 'ItemId:#Exchange', Id: conversationId },
        },
      ],
      ItemShape: {
        __type: 'ItemResponseShape:#Exchange',
        BaseShape: 'IdOnly',
        AdditionalProperties: [{ __type: 'PropertyUri:#Exchange', FieldURI: 'IsDraft' }],
      },
      FoldersToIgnore: [],
      MaxItemsToReturn: 50,
      SortOrder: 'DateOrderAscending',
    },
  });
  if (!answer.ok) return answer;
  const response = firstResponse(answer.body, 'GetConversationItems');
  if (!response.ok) return response;
  const items = (response.item.Conversation?.ConversationNodes ?? []).flatMap((node) => node.Items ?? []);
  // Oldest first; OWA opens a conversation on its newest message, which is the one the user sees expanded.
  const newest = items.filter((item) => !item.IsDraft && item.ItemId?.Id).at(-1);
  if (!newest?.ItemId?.Id) return { ok: false, answer: failed('not-a-message', 'The conversation has no messages.') };
  return { ok: true, itemId: newest.ItemId.Id };
}

/**
 * Newer OWA builds authenticate service.svc with an MSAL access token kept in localStorage (MSAL's cache:
 * keys containing "accesstoken", values `{secret, target, expiresOn}`), alongside the canary. Sent only when one
 * for an Outlook resource is there and unexpired.
 */
export function owaBearerToken(webStorage: Storage | undefined): string | null {
  // (Not `storage`: WXT's auto-imports take that name for their own `storage` and bundle @wxt-dev/storage.)
  if (!webStorage) return null;
  try {
    for (let i = 0; i < webStorage.length; i++) {
      const key = webStorage.key(i);
      if (!key?.toLowerCase().includes('accesstoken')) continue;
      const entry = JSON.parse(webStorage.getItem(key) ?? 'null') as MsalToken | null;
      if (
        !entry ||
        typeof entry.secret !== 'string' ||
        !/outlook\.office|substrate\.office/i.test(entry.target ?? '')
      ) {
        continue;
      }
      const expires = Number(entry.expiresOn) * 1000;
      if (Number.isFinite(expires) && expires < Date.now()) continue;
      return entry.secret;
    }
  } catch {
    // Storage we cannot read or parse holds no usable token.
  }
  return null;
}

function decodeBase64(value: string): string | null {
  try {
    const binary = atob(value);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return null;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

interface MsalToken {
  secret?: unknown;
  target?: string;
  expiresOn?: string | number;
}

interface OwaItem {
  ItemId?: { Id?: string };
  IsDraft?: boolean;
  MimeContent?: { Value?: string };
  ExtendedProperty?: Array<{ ExtendedFieldURI?: { PropertyTag?: string }; Value?: string }>;
}

interface OwaResponseItem {
  ResponseClass?: string;
  ResponseCode?: string;
  Items?: OwaItem[];
  Conversation?: { ConversationNodes?: Array<{ Items?: OwaItem[] }> };
}

interface OwaBody {
  Body?: { ResponseMessages?: { Items?: OwaResponseItem[] } };
}
