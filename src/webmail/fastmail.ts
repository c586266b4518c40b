// Fastmail (app.fastmail.com, www.fastmail.com, beta.fastmail.com).
//
// How Fastmail exposes the original: "More → Show raw message" / "Download message". Fastmail's data is JMAP
// (RFC 8620/8621): the session resource (`/jmap/session`) names `apiUrl`, `downloadUrl` and the mail account;
// `Email/get` with `properties: ["blobId", "headers"]` gives the blob of the raw RFC 5322 message and every raw
// header field in order, and the blob comes from `downloadUrl` ({accountId}/{blobId}/{name}?type={type}). The
// open email's id is the `M…` part of the route (`/mail/<folder>/<threadId>.<emailId>`). Whether the web session
// cookie alone authorises `/jmap/session` from the page is not documented: when it does not, we answer
// 'unsupported' with the manual steps rather than guess at a token.
// Learned from: RFC 8620 §2 (session), RFC 8621 §4.1.2–4.2 (header:…:asText:all, headers, blobId), Fastmail's
// JMAP developer docs (api.fastmail.com/jmap/session) and public JMAP clients. Last checked 2026-11-28.

import { extracted, failed, fetchText, looksLikeHeaders } from './extraction';
import type { ExtractContext, Extracted, WebmailAdapter } from './types';

const HOSTS = new Set(['app.fastmail.com', 'www.fastmail.com', 'beta.fastmail.com']);
const MAIL_CAPABILITY = 'urn:ietf:params:jmap:mail';
const EMAIL_ID = /^M[0-9A-Za-z_-]{4,60}$/;

export const fastmail: WebmailAdapter = {
  id: 'fastmail',
  name: 'Fastmail',
  instructions:
    'In Fastmail, open the message, click "More" (…) and choose "Show raw message". Copy all of the text and ' +
    'paste it into Hopscope.',
  testUrls: {
    match: [
      'https://app.fastmail.com/mail/Inbox/Tf3a9c2d1e0b4a5c6.M4b7e2f9a1c3d5e7f9a1b3c5d?u=a1b2c3d4',
      'https://app.fastmail.com/mail/Inbox/?u=a1b2c3d4',
      'https://www.fastmail.com/mail/Archive/T1.M2abcdef?u=1',
    ],
    noMatch: [
      'https://www.fastmail.com/pricing/',
      'https://fastmail.com.example.net/mail/Inbox',
      'https://app.fastmail.com/calendar/',
    ],
  },
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname) && url.pathname.startsWith('/mail'),
  extract: extractFastmail,
};

async function extractFastmail({ url, fetch }: ExtractContext): Promise<Extracted> {
  const emailId = openEmailId(url);
  if (!emailId) return failed('not-a-message', 'No message is open: open one and try again.');

  const sessionAnswer = await fetchText(fetch, `${url.origin}/jmap/session`, {
    headers: { accept: 'application/json' },
  });
  if (!sessionAnswer.ok) {
    return failed('unsupported', 'Fastmail did not open its JMAP session to the page; use "Show raw message".');
  }
  const session = parseSession(sessionAnswer.text, url);
  if (!session) return failed('unsupported', 'Fastmail’s JMAP session lacks a mail account; use "Show raw message".');

  const getAnswer = await fetchText(fetch, session.apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      using: ['urn:ietf:params:jmap:core', MAIL_CAPABILITY],
      methodCalls: [
        ['Email/get', { accountId: session.accountId, ids: [emailId], properties: ['blobId', 'headers'] }, 'h'],
      ],
    }),
  });
  if (!getAnswer.ok) return getAnswer.answer;
  const email = firstEmail(getAnswer.text);
  if (!email) return failed('not-a-message', 'Fastmail does not know this message (Email/get: not found).');

  if (email.blobId) {
    const download = session.downloadUrl
      .replace('{accountId}', encodeURIComponent(session.accountId))
      .replace('{blobId}', encodeURIComponent(email.blobId))
      .replace('{name}', 'message.eml')
      .replace('{type}', encodeURIComponent('message/rfc822'));
    const blob = await fetchText(fetch, new URL(download, url).href);
    if (blob.ok && looksLikeHeaders(blob.text)) return extracted(blob.text, 'message');
  }
  // The raw header fields, in message order, are all the core needs.
  if (email.headers.length > 0) {
    return extracted(`${email.headers.map((h) => `${h.name}:${h.value}`).join('\r\n')}\r\n`, 'headers');
  }
  return failed('layout-changed', 'Email/get answered without a blob or headers.');
}

/** The `M…` email id in the route's last segment (`T<thread>.M<email>`). */
export function openEmailId(url: URL): string | null {
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  return last.split('.').find((part) => EMAIL_ID.test(part)) ?? null;
}

interface Session {
  apiUrl: string;
  downloadUrl: string;
  accountId: string;
}

export function parseSession(text: string, base: URL): Session | null {
  try {
    const session = JSON.parse(text) as {
      apiUrl?: unknown;
      downloadUrl?: unknown;
      primaryAccounts?: Record<string, unknown>;
    };
    const accountId = session.primaryAccounts?.[MAIL_CAPABILITY];
    if (
      typeof session.apiUrl !== 'string' ||
      typeof session.downloadUrl !== 'string' ||
      typeof accountId !== 'string'
    ) {
      return null;
    }
    return { apiUrl: new URL(session.apiUrl, base).href, downloadUrl: session.downloadUrl, accountId };
  } catch {
    return null;
  }
}

function firstEmail(text: string): { blobId: string | null; headers: Array<{ name: string; value: string }> } | null {
  try {
    const body = JSON.parse(text) as { methodResponses?: Array<[string, { list?: unknown[] }, string]> };
    const [name, args] = body.methodResponses?.[0] ?? [];
    if (name !== 'Email/get') return null;
    const email = args?.list?.[0] as { blobId?: unknown; headers?: unknown } | undefined;
    if (!email) return null;
    const headers = Array.isArray(email.headers)
      ? email.headers.filter(
          (h): h is { name: string; value: string } => typeof h?.name === 'string' && typeof h?.value === 'string',
        )
      : [];
    return { blobId: typeof email.blobId === 'string' ? email.blobId : null, headers };
  } catch {
    return null;
  }
}
