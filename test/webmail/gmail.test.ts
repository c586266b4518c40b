import { describe, expect, test } from 'vitest';
import { findIk, gmail, ikFromScript, messageIdOf, openMessageId } from '../../src/webmail/gmail';
import { context, fakeFetch, fixtureText, HANDOFF, message, page, status } from './fixtures';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxbWqnkKLhHJdlQSfXpRvrd';
const ORIGINAL = 'https://mail.google.com/mail/u/0/?ik=0a1b2c3d4e&view=om&permmsgid=msg-f:1780000000000000002';

describe('gmail: finding the open message', () => {
  test('in a thread, the expanded message is the one read, not the collapsed one above it', () => {
    expect(openMessageId(page('gmail-thread.html'))).toBe('1780000000000000002');
  });

  test('the legacy hex id is converted to the decimal permmsgid', () => {
    const el = page('gmail-thread.html').createElement('div');
    el.setAttribute('data-legacy-message-id', '18b3d491b4320002');
    expect(messageIdOf(el)).toBe('1780000000000000002');
  });

  test('the account key comes from GLOBALS[9], GM_ID_KEY, a link, or the injector’s hint', () => {
    expect(findIk(page('gmail-thread.html'))).toBe('0a1b2c3d4e');
    expect(ikFromScript('var GM_ID_KEY = "ffee001122";')).toBe('ffee001122');
    const withLink = page('gmail-signed-out.html');
    withLink.body.insertAdjacentHTML('beforeend', '<a href="/mail/u/0/?ik=abcdef1234&view=pt">Print</a>');
    expect(findIk(withLink)).toBe('abcdef1234');
    expect(findIk(page('plain-page.html'))).toBeNull();
    expect(findIk(page('gmail-thread.html'), '9988776655')).toBe('9988776655');
  });
});

describe('gmail: fetching "Show original"', () => {
  test('fetches view=om for the open message and returns the raw message', async () => {
    const fetch = fakeFetch({ [ORIGINAL]: fixtureText('gmail-show-original.html') });
    const answer = await gmail.extract(context(page('gmail-thread.html'), THREAD_URL, fetch));
    expect(fetch.calls.map((c) => c.url)).toEqual([ORIGINAL]);
    expect(fetch.calls[0]?.init?.credentials).toBe('include');
    expect(answer).toMatchObject({ ok: true, kind: 'message' });
    if (!answer.ok) return;
    expect(answer.raw).toBe(message('gmail'));
    expect(answer.raw).toContain(`[${HANDOFF.gmail}]`);
  });

  test('a delegated mailbox keeps its /u/N/d/<token> prefix', async () => {
    const fetch = fakeFetch({
      'https://mail.google.com/mail/u/1/d/AEoRXRQ7tok/': fixtureText('gmail-show-original.html'),
    });
    const answer = await gmail.extract(
      context(page('gmail-thread.html'), 'https://mail.google.com/mail/u/1/d/AEoRXRQ7tok/#inbox/FMfcg', fetch),
    );
    expect(answer.ok).toBe(true);
    expect(fetch.calls[0]?.url).toBe(
      'https://mail.google.com/mail/u/1/d/AEoRXRQ7tok/?ik=0a1b2c3d4e&view=om&permmsgid=msg-f:1780000000000000002',
    );
  });

  test('on the "Show original" page itself, the page is read without a request', async () => {
    const fetch = fakeFetch({});
    const answer = await gmail.extract(context(page('gmail-show-original.html'), ORIGINAL, fetch));
    expect(answer.ok && answer.raw).toContain(HANDOFF.gmail);
    expect(fetch.calls).toHaveLength(0);
  });
});

describe('gmail: failures are answers', () => {
  test('signed-out page → logged-out', async () => {
    const answer = await gmail.extract(context(page('gmail-signed-out.html'), THREAD_URL, fakeFetch({})));
    expect(answer).toMatchObject({ ok: false, reason: 'logged-out' });
  });

  test('no main area → layout-changed; no message in it → not-a-message', async () => {
    expect(await gmail.extract(context(page('plain-page.html'), THREAD_URL, fakeFetch({})))).toMatchObject({
      ok: false,
      reason: 'layout-changed',
    });
    const inbox = page('gmail-thread.html');
    for (const el of Array.from(inbox.querySelectorAll('[data-message-id]'))) el.remove();
    expect(await gmail.extract(context(inbox, 'https://mail.google.com/mail/u/0/#inbox', fakeFetch({})))).toMatchObject(
      {
        ok: false,
        reason: 'not-a-message',
      },
    );
  });

  test('no ik anywhere → layout-changed', async () => {
    const doc = page('gmail-thread.html');
    for (const s of Array.from(doc.querySelectorAll('script'))) s.remove();
    expect(await gmail.extract(context(doc, THREAD_URL, fakeFetch({})))).toMatchObject({ reason: 'layout-changed' });
  });

  test.each([403, 404, 500])('HTTP %i from view=om → http-error', async (code) => {
    const answer = await gmail.extract(
      context(page('gmail-thread.html'), THREAD_URL, fakeFetch({ [ORIGINAL]: status(code) })),
    );
    expect(answer).toMatchObject({ ok: false, reason: 'http-error' });
    expect(answer.ok || answer.detail).toContain(String(code));
    expect(answer.ok || answer.detail).not.toContain('0a1b2c3d4e');
  });

  test('401, or a redirect to the sign-in page → logged-out', async () => {
    const unauthorised = await gmail.extract(
      context(page('gmail-thread.html'), THREAD_URL, fakeFetch({ [ORIGINAL]: status(401) })),
    );
    expect(unauthorised).toMatchObject({ reason: 'logged-out' });
    const redirected = () => {
      const response = new Response('<html><title>Sign in</title></html>');
      Object.defineProperty(response, 'url', { value: 'https://accounts.google.com/ServiceLogin?continue=x' });
      return response;
    };
    const answer = await gmail.extract(
      context(page('gmail-thread.html'), THREAD_URL, fakeFetch({ [ORIGINAL]: redirected })),
    );
    expect(answer).toMatchObject({ reason: 'logged-out' });
  });

  test('an answer without raw_message_text → layout-changed; a network failure → http-error', async () => {
    const changed = await gmail.extract(
      context(page('gmail-thread.html'), THREAD_URL, fakeFetch({ [ORIGINAL]: '<html><body>new look</body></html>' })),
    );
    expect(changed).toMatchObject({ reason: 'layout-changed' });
    const offline = await gmail.extract(context(page('gmail-thread.html'), THREAD_URL, fakeFetch({})));
    expect(offline).toMatchObject({ reason: 'http-error' });
  });
});
