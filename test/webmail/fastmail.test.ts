import { describe, expect, test } from 'vitest';
import { fastmail, openEmailId } from '../../src/webmail/fastmail';
import { context, fakeFetch, fixtureText, HANDOFF, message, page, status } from './fixtures';

const URL_ = 'https://app.fastmail.com/mail/Inbox/Tf3a9c2d1e0b4a5c6.M4b7e2f9a1c3d5e7f9a1b3c5d?u=a1b2c3d4';
const SESSION = 'https://app.fastmail.com/jmap/session';
const API = 'https://app.fastmail.com/jmap/api/';
const DOWNLOAD =
  'https://app.fastmail.com/jmap/download/u1a2b3c4d/G5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f/message.eml';

describe('fastmail', () => {
  test('the email id is the M… part of the route', () => {
    expect(openEmailId(new URL(URL_))).toBe('M4b7e2f9a1c3d5e7f9a1b3c5d');
    expect(openEmailId(new URL('https://app.fastmail.com/mail/Inbox/?u=1'))).toBeNull();
  });

  test('session → Email/get → blob download gives the raw message', async () => {
    const fetch = fakeFetch({
      [SESSION]: fixtureText('fastmail-session.json'),
      [API]: fixtureText('fastmail-email-get.json'),
      [DOWNLOAD]: message('fastmail'),
    });
    const answer = await fastmail.extract(context(page('fastmail-message.html'), URL_, fetch));
    expect(answer).toMatchObject({ ok: true, kind: 'message' });
    expect(answer.ok && answer.raw).toContain(`[${HANDOFF.fastmail}]`);
    const request = JSON.parse(String(fetch.calls[1]?.init?.body));
    expect(request.methodCalls[0]).toEqual([
      'Email/get',
      { accountId: 'u1a2b3c4d', ids: ['M4b7e2f9a1c3d5e7f9a1b3c5d'], properties: ['blobId', 'headers'] },
      'h',
    ]);
    expect(fetch.calls[2]?.url).toBe(`${DOWNLOAD}?type=message%2Frfc822`);
  });

  test('when the blob cannot be downloaded, the raw header fields → kind headers', async () => {
    const fetch = fakeFetch({
      [SESSION]: fixtureText('fastmail-session.json'),
      [API]: fixtureText('fastmail-email-get.json'),
      [DOWNLOAD]: status(404),
    });
    const answer = await fastmail.extract(context(page('fastmail-message.html'), URL_, fetch));
    expect(answer).toMatchObject({ ok: true, kind: 'headers' });
    expect(answer.ok && answer.raw).toMatch(/^Received: from mx\.messagingengine\.com/);
    expect(answer.ok && answer.raw).toContain(HANDOFF.fastmail);
  });

  test('no session for the page (401) → unsupported with the manual steps', async () => {
    const answer = await fastmail.extract(
      context(page('fastmail-message.html'), URL_, fakeFetch({ [SESSION]: status(401) })),
    );
    expect(answer).toMatchObject({ ok: false, reason: 'unsupported' });
  });

  test.each([403, 404])('HTTP %i from Email/get → http-error', async (code) => {
    const fetch = fakeFetch({ [SESSION]: fixtureText('fastmail-session.json'), [API]: status(code) });
    expect(await fastmail.extract(context(page('fastmail-message.html'), URL_, fetch))).toMatchObject({
      reason: 'http-error',
    });
  });

  test('no message in the route → not-a-message', async () => {
    const answer = await fastmail.extract(
      context(page('fastmail-message.html'), 'https://app.fastmail.com/mail/Inbox/?u=1', fakeFetch({})),
    );
    expect(answer).toMatchObject({ reason: 'not-a-message' });
  });
});
