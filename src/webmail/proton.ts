// Proton Mail (mail.proton.me, mail.protonmail.com).
//
// How Proton exposes the original: message headers are stored unencrypted (`Message.Header` in the API answer of
// `GET /api/mail/v4/messages/<id>`), but that API needs the session's `x-pm-uid` header and an app-version header
// that a content script cannot learn reliably, so we do not call it. What the user can see is the "View headers"
// dialog (message ⋮ → View headers): `MessageHeadersModal`, a `.message-headers-modal` whose `<pre>` holds
// `Header`, a blank line and the (encrypted) body. When that dialog is open we read it; otherwise we answer
// 'unsupported' with the steps to open it.
// Learned from: ProtonMail/WebClients (applications/mail/src/app/components/message/modals/MessageHeadersModal.tsx:
// `<ModalTwo className="message-headers-modal">…<pre className="text-break">{content}</pre>`).
// Last checked 2026-11-28.

import { extracted, failed, looksLikeHeaders } from './extraction';
import type { ExtractContext, Extracted, WebmailAdapter } from './types';

const HEADERS_DIALOG_TEXT = '.message-headers-modal pre';
const HOSTS = new Set(['mail.proton.me', 'mail.protonmail.com']);

export const proton: WebmailAdapter = {
  id: 'proton',
  name: 'Proton Mail',
  instructions:
    'In Proton Mail, open the message, click ⋮ (More) in the message header and choose "View headers". With ' +
    'that dialog open, click the Hopscope icon again, or click "Download" / copy the text and paste it into Hopscope.',
  testUrls: {
    match: [
      'https://mail.proton.me/u/0/inbox/Ab3xExampleMessageId_Zz9w==',
      'https://mail.proton.me/u/2/all-mail',
      'https://mail.protonmail.com/inbox',
    ],
    noMatch: [
      'https://proton.me/mail',
      'https://account.proton.me/login',
      'https://mail.proton.me.example.net/u/0/inbox',
    ],
  },
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  extract: extractProton,
};

async function extractProton({ document }: ExtractContext): Promise<Extracted> {
  const dialogText = document.querySelector(HEADERS_DIALOG_TEXT)?.textContent;
  if (dialogText && looksLikeHeaders(dialogText)) return extracted(dialogText, 'message');
  if (dialogText) return failed('layout-changed', 'The "View headers" dialog does not hold a header block.');
  return failed(
    'unsupported',
    'Proton Mail keeps the original out of reach of extensions until "View headers" is open.',
  );
}
