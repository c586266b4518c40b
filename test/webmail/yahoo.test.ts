import { describe, expect, test } from 'vitest';
import { openMessageId, pageState, rawEndpoints, yahoo } from '../../src/webmail/yahoo';
import { context, fakeFetch, HANDOFF, message, page, status } from './fixtures';

const URL_ = 'https://mail.yahoo.com/d/folders/1/messages/AKd3FixtureMid01';
const API =
  'https://apis.mail.yahoo.com/ws/v3/mailboxes/@.id==VjN-FixtureMailbox01/messages/@.id==AKd3FixtureMid01/content/rawplaintext';
const SAME_ORIGIN = 'https://mail.yahoo.com/ws/v3/mailboxes/';

describe('yahoo: finding the open message', () => {
  test('mid from the message view, mailbox id and wssid from the page state', () => {
    const doc = page('yahoo-message.html');
    expect(openMessageId(doc, new URL('https://mail.yahoo.com/d/folders/1'))).toBe('AKd3FixtureMid01');
    expect(pageState(doc)).toEqual({ mailboxId: 'VjN-FixtureMailbox01', wssid: 'FixtureWssid42' });
  });

  test('mid from the URL when the view carries none', () => {
    expect(openMessageId(page('plain-page.html'), new URL('https://mail.yahoo.com/d/folders/1/messages/193'))).toBe(
      '193',
    );
  });

  test('AOL and an unknown mailbox use the same-origin form with the default mailbox "@"', () => {
    expect(rawEndpoints(new URL('https://mail.aol.com/d/folders/1/messages/A1'), '@', 'A1', null)).toEqual([
      'https://mail.aol.com/ws/v3/mailboxes/@/messages/@.id==A1/content/rawplaintext?appId=YMailNovation',
    ]);
  });
});

describe('yahoo: rawplaintext', () => {
  test('fetches the raw message from apis.mail.yahoo.com with credentials', async () => {
    const fetch = fakeFetch({ [API]: message('yahoo') });
    const answer = await yahoo.extract(context(page('yahoo-message.html'), URL_, fetch));
    expect(answer).toMatchObject({ ok: true, kind: 'message' });
    expect(answer.ok && answer.raw).toContain(`[${HANDOFF.yahoo}]`);
    expect(fetch.calls[0]?.url).toBe(`${API}?appId=YMailNovation&wssid=FixtureWssid42`);
    expect(fetch.calls[0]?.init?.credentials).toBe('include');
  });

  test('falls back to the same-origin endpoint when the API host refuses (CORS / 404)', async () => {
    const fetch = fakeFetch({ [API]: status(404), [SAME_ORIGIN]: message('yahoo') });
    const answer = await yahoo.extract(context(page('yahoo-message.html'), URL_, fetch));
    expect(answer.ok).toBe(true);
    expect(fetch.calls).toHaveLength(2);
  });
});

describe('yahoo: failures are answers', () => {
  test('403 from both endpoints → http-error', async () => {
    const fetch = fakeFetch({ [API]: status(403), [SAME_ORIGIN]: status(403) });
    expect(await yahoo.extract(context(page('yahoo-message.html'), URL_, fetch))).toMatchObject({
      reason: 'http-error',
    });
  });

  test('401 → logged-out at once', async () => {
    const fetch = fakeFetch({ [API]: status(401) });
    expect(await yahoo.extract(context(page('yahoo-message.html'), URL_, fetch))).toMatchObject({
      reason: 'logged-out',
    });
    expect(fetch.calls).toHaveLength(1);
  });

  test('a signed-out page → logged-out; no message → not-a-message', async () => {
    const signedOut = page('plain-page.html');
    signedOut.body.insertAdjacentHTML('beforeend', '<a href="https://login.yahoo.com/?.src=ym">Sign in</a>');
    expect(await yahoo.extract(context(signedOut, 'https://mail.yahoo.com/', fakeFetch({})))).toMatchObject({
      reason: 'logged-out',
    });
    expect(
      await yahoo.extract(context(page('plain-page.html'), 'https://mail.yahoo.com/d/folders/1', fakeFetch({}))),
    ).toMatchObject({
      reason: 'not-a-message',
    });
  });

  test('an answer that is not a message → layout-changed', async () => {
    const fetch = fakeFetch({ [API]: '{"error":{"code":"EC-4003"}}', [SAME_ORIGIN]: '<html></html>' });
    expect(await yahoo.extract(context(page('yahoo-message.html'), URL_, fetch))).toMatchObject({
      reason: 'layout-changed',
    });
  });
});
