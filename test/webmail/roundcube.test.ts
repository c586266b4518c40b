import { describe, expect, test } from 'vitest';
import { openMessage, rcmailEnv, roundcube } from '../../src/webmail/roundcube';
import { context, fakeFetch, HANDOFF, message, page, status } from './fixtures';

const MAIL = 'https://webmail.example.org/roundcube/?_task=mail&_mbox=INBOX';
const SOURCE = 'https://webmail.example.org/roundcube/?_task=mail&_uid=4242&_mbox=INBOX&_action=viewsource';

describe('roundcube: finding the open message', () => {
  test('reads rcmail.set_env and the preview frame', () => {
    const doc = page('roundcube-mail.html');
    expect(rcmailEnv(doc)).toMatchObject({ task: 'mail', mailbox: 'INBOX' });
    expect(openMessage(doc, new URL(MAIL))).toEqual({ uid: '4242', mailbox: 'INBOX' });
  });

  test('full message view: uid from the URL; three-pane without preview: the selected row', () => {
    const doc = page('roundcube-mail.html');
    doc.querySelector('iframe')?.remove();
    expect(openMessage(doc, new URL('https://h.example/?_task=mail&_uid=9&_mbox=Sent&_action=show'))).toEqual({
      uid: '9',
      mailbox: 'Sent',
    });
    expect(openMessage(doc, new URL(MAIL))).toEqual({ uid: '4242', mailbox: 'INBOX' });
  });

  test('the page signature is recognised on any host', () => {
    expect(roundcube.detect?.(page('roundcube-mail.html'))).toBe(true);
    expect(roundcube.detect?.(page('plain-page.html'))).toBe(false);
  });
});

describe('roundcube: viewsource', () => {
  test('fetches _action=viewsource relative to the installation path', async () => {
    const fetch = fakeFetch({ [SOURCE]: message('roundcube') });
    const answer = await roundcube.extract(context(page('roundcube-mail.html'), MAIL, fetch));
    expect(fetch.calls[0]?.url).toBe(SOURCE);
    expect(answer).toMatchObject({ ok: true, kind: 'message' });
    expect(answer.ok && answer.raw).toContain(`[${HANDOFF.roundcube}]`);
  });
});

describe('roundcube: failures are answers', () => {
  test('login page → logged-out', async () => {
    expect(await roundcube.extract(context(page('roundcube-login.html'), MAIL, fakeFetch({})))).toMatchObject({
      reason: 'logged-out',
    });
  });

  test('no message open → not-a-message; not Roundcube at all → layout-changed', async () => {
    const doc = page('roundcube-mail.html');
    doc.querySelector('iframe')?.remove();
    doc.querySelector('tr.selected')?.classList.remove('selected');
    expect(await roundcube.extract(context(doc, MAIL, fakeFetch({})))).toMatchObject({ reason: 'not-a-message' });
    expect(await roundcube.extract(context(page('plain-page.html'), MAIL, fakeFetch({})))).toMatchObject({
      reason: 'layout-changed',
    });
  });

  test.each([403, 404])('HTTP %i → http-error', async (code) => {
    const fetch = fakeFetch({ [SOURCE]: status(code) });
    expect(await roundcube.extract(context(page('roundcube-mail.html'), MAIL, fetch))).toMatchObject({
      reason: 'http-error',
    });
  });

  test('a login form in answer → logged-out', async () => {
    const fetch = fakeFetch({ [SOURCE]: '<input id="rcmloginuser">' });
    expect(await roundcube.extract(context(page('roundcube-mail.html'), MAIL, fetch))).toMatchObject({
      reason: 'logged-out',
    });
  });
});

test('roundcube: on the View source tab itself, the page is read without a request', async () => {
  const doc = new DOMParser().parseFromString('<html><body><pre></pre></body></html>', 'text/html');
  doc.querySelector('pre')!.textContent = message('roundcube');
  Object.defineProperty(doc, 'contentType', { value: 'text/plain' });
  const fetch = fakeFetch({});
  const answer = await roundcube.extract(context(doc, SOURCE, fetch));
  expect(answer.ok && answer.raw).toContain(HANDOFF.roundcube);
  expect(fetch.calls).toHaveLength(0);
});
