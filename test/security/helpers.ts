// Shared fixtures of the security tests: senders and a small analysis.

import { analyze } from '../../src/core/analyze';
import type { Analysis } from '../../src/core/types';
import type { SenderLike } from '../../src/messaging';

/** fakeBrowser's runtime id is `test-extension-id`; its pages live under chrome-extension://test-extension-id/. */
export const OWN_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' };

export const UNTRUSTED_SENDERS: Array<[string, SenderLike]> = [
  ['our content script on a web page', { id: 'test-extension-id', url: 'https://mail.example/inbox' }],
  ['another extension', { id: 'other-extension', url: 'chrome-extension://other-extension/page.html' }],
  ['a page claiming our id on another origin', { id: 'test-extension-id', url: 'chrome-extension://evil/x.html' }],
  ['a prefix-confusable origin', { id: 'test-extension-id', url: 'chrome-extension://test-extension-idx/p.html' }],
  ['a web page (externally_connectable)', { url: 'https://attacker.example/' }],
  ['a sender with no id or URL', {}],
];

export function sampleAnalysis(): Analysis {
  return analyze(
    [
      'Received: from mail.attacker.example (mail.attacker.example [203.0.113.9]) by mx.example.com with ESMTPS; Mon, 1 Jan 2024 00:00:00 +0000',
      'From: Bank <security@bank.example>',
      'Subject: hello',
    ].join('\n'),
    { now: Date.UTC(2024, 0, 2) },
  );
}
