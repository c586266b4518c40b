import { describe, expect, test } from 'vitest';
import { openItemId, zimbra } from '../../src/webmail/zimbra';
import { context, fakeFetch, HANDOFF, message, page, status } from './fixtures';

const CLASSIC = 'https://mail.example.net/#1';
const ORIGINAL = 'https://mail.example.net/service/home/~/?auth=co&view=text&id=257';

describe('zimbra: finding the open message', () => {
  test('classic client: the selected row; Modern UI and Carbonio: the route', () => {
    const plain = page('plain-page.html');
    expect(openItemId(page('zimbra-classic.html'), new URL(CLASSIC))).toBe('257');
    expect(openItemId(plain, new URL('https://m.example/modern/email/Inbox/message/318'))).toBe('318');
    expect(openItemId(plain, new URL('https://m.example/carbonio/mails/folder/2/message/1043'))).toBe('1043');
    expect(openItemId(plain, new URL('https://m.example/carbonio/mails/folder/2'))).toBeNull();
  });

  test('a one-message virtual conversation row (negative id) stands for its message', () => {
    const doc = page('zimbra-classic.html');
    doc.querySelector('.Row-selected')!.id = 'zli__CLV-main__-257';
    expect(openItemId(doc, new URL(CLASSIC))).toBe('257');
  });

  test('the classic client is recognised by its shell', () => {
    expect(zimbra.detect?.(page('zimbra-classic.html'))).toBe(true);
    expect(zimbra.detect?.(page('plain-page.html'))).toBe(false);
  });
});

describe('zimbra: Show original', () => {
  test('fetches /service/home/~/?auth=co&view=text&id=<id>', async () => {
    const fetch = fakeFetch({ [ORIGINAL]: message('zimbra') });
    const answer = await zimbra.extract(context(page('zimbra-classic.html'), CLASSIC, fetch));
    expect(fetch.calls[0]?.url).toBe(ORIGINAL);
    expect(answer.ok && answer.raw).toContain(`[${HANDOFF.zimbra}]`);
  });
});

describe('zimbra: failures are answers', () => {
  test('sign-in form → logged-out; nothing selected → not-a-message', async () => {
    expect(await zimbra.extract(context(page('zimbra-login.html'), CLASSIC, fakeFetch({})))).toMatchObject({
      reason: 'logged-out',
    });
    const doc = page('zimbra-classic.html');
    doc.querySelector('.Row-selected')?.classList.remove('Row-selected');
    expect(await zimbra.extract(context(doc, CLASSIC, fakeFetch({})))).toMatchObject({ reason: 'not-a-message' });
  });

  test.each([403, 404])('HTTP %i → http-error', async (code) => {
    const fetch = fakeFetch({ [ORIGINAL]: status(code) });
    expect(await zimbra.extract(context(page('zimbra-classic.html'), CLASSIC, fetch))).toMatchObject({
      reason: 'http-error',
    });
  });

  test('an HTML answer → layout-changed', async () => {
    const fetch = fakeFetch({ [ORIGINAL]: '<html><body>Error</body></html>' });
    expect(await zimbra.extract(context(page('zimbra-classic.html'), CLASSIC, fetch))).toMatchObject({
      reason: 'layout-changed',
    });
  });
});
