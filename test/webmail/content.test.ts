import { describe, expect, test } from 'vitest';
import { answerInjection, extractOpenMessage, parseExtractRequest } from '../../src/webmail/content';
import { extracted, looksLikeHeaders, MAX_RAW_CHARS } from '../../src/webmail/extraction';
import { fakeFetch, fixtureText, HANDOFF, message, page } from './fixtures';

describe('the webmail/extract request', () => {
  test('only {type: "webmail/extract"} is accepted; hints are narrowed', () => {
    expect(parseExtractRequest({ type: 'webmail/extract' })).toEqual({ type: 'webmail/extract', hints: {} });
    expect(parseExtractRequest({ type: 'webmail/extract', hints: { gmailIk: 'ab12cd34ef', other: 1 } })).toEqual({
      type: 'webmail/extract',
      hints: { gmailIk: 'ab12cd34ef' },
    });
    expect(parseExtractRequest({ type: 'input/get' })).toBeNull();
    expect(parseExtractRequest('webmail/extract')).toBeNull();
  });
});

describe('answerInjection (the injection result the background reads)', () => {
  test('answers for the page it runs in', async () => {
    const raw = `Received: from a.example (a.example [192.0.2.1]) by mx.example.org; Tue, 4 Mar 2025 09:15:05 +0000
Subject: Hi
From: a@example.com

body`;
    document.body.innerHTML = '';
    const pre = document.createElement('pre');
    pre.textContent = raw;
    document.body.append(pre);
    expect(await answerInjection()).toMatchObject({ ok: true, raw, webmail: { id: 'generic' } });
  });

  test('says why when the page is not a message, and is never a rejection', async () => {
    document.body.innerHTML = '<p>An article about email.</p>';
    await expect(answerInjection()).resolves.toMatchObject({ ok: false, reason: 'unsupported' });
  });
});

describe('extractOpenMessage', () => {
  test('success names the webmail that answered', async () => {
    const fetch = fakeFetch({ 'https://mail.google.com/mail/u/0/?ik=': fixtureText('gmail-show-original.html') });
    const answer = await extractOpenMessage(
      page('gmail-thread.html'),
      new URL('https://mail.google.com/mail/u/0/#inbox/x'),
      fetch,
    );
    expect(answer).toMatchObject({ ok: true, webmail: { id: 'gmail', name: 'Gmail' } });
    expect(answer.ok && answer.raw).toContain(HANDOFF.gmail);
  });

  test('failure carries the webmail, the reason and its manual instructions', async () => {
    const answer = await extractOpenMessage(
      page('proton-message.html'),
      new URL('https://mail.proton.me/u/0/inbox/x'),
      fakeFetch({}),
    );
    expect(answer).toMatchObject({ ok: false, reason: 'unsupported', webmail: { id: 'proton', name: 'Proton Mail' } });
    expect(answer.webmail?.instructions).toMatch(/View headers/);
  });

  test('an adapter that throws becomes a layout-changed answer', async () => {
    const doc = page('zimbra-classic.html');
    Object.defineProperty(doc, 'querySelector', {
      value: () => {
        throw new Error('boom');
      },
    });
    const answer = await extractOpenMessage(doc, new URL('https://mail.example.net/zimbra/'), fakeFetch({}));
    expect(answer).toMatchObject({ ok: false, reason: 'layout-changed', webmail: { id: 'zimbra' } });
    expect(answer.ok || answer.detail).toContain('boom');
  });

  test('an unknown site → unsupported, with the generic instructions', async () => {
    const answer = await extractOpenMessage(page('plain-page.html'), new URL('https://example.org/'), fakeFetch({}));
    expect(answer).toMatchObject({ ok: false, reason: 'unsupported', webmail: { id: 'generic' } });
  });

  test('a fetch that throws becomes an http-error answer', async () => {
    const throwing = (() => {
      throw new Error('boom');
    }) as unknown as typeof fetch;
    const doc = page('zimbra-classic.html');
    const answer = await extractOpenMessage(doc, new URL('https://mail.example.net/#1'), throwing);
    expect(answer).toMatchObject({ ok: false, reason: 'http-error' });
  });
});

describe('raw text', () => {
  test('header blocks are recognised; prose and HTML are not', () => {
    expect(looksLikeHeaders(message('gmail'))).toBe(true);
    expect(looksLikeHeaders(`From sender@example.org Sat Nov 28 17:00:00 2026\n${message('zimbra')}`)).toBe(true);
    expect(looksLikeHeaders('Dear customer: your parcel\nis waiting: click here')).toBe(false);
    expect(looksLikeHeaders('<html><body>x</body></html>')).toBe(false);
  });

  test('an original over 4 MB keeps its header block only', () => {
    const big = `${message('generic')}${'x'.repeat(MAX_RAW_CHARS)}`;
    const answer = extracted(big, 'message');
    expect(answer).toMatchObject({ ok: true, kind: 'headers' });
    expect(answer.ok && answer.raw.length).toBeLessThan(2000);
  });
});
