import { describe, expect, test } from 'vitest';
import { isConversationId, openItemId, outlook, owaBearerToken, serviceUrl } from '../../src/webmail/outlook';
import { context, fakeFetch, fixtureText, HANDOFF, page, status } from './fixtures';

const ITEM = 'AAMkAGI2OutlookFixtureItem0AAA=';
const ITEM_URL = `https://outlook.office.com/mail/inbox/id/${encodeURIComponent(ITEM)}`;
const SERVICE = 'https://outlook.office.com/owa/service.svc';
const CANARY = 'X-OWA-CANARY=fixtureCanary_123.; ClientId=ABC';

function signedIn(): Document {
  return page('outlook-reading-pane.html', { cookie: CANARY });
}

describe('outlook: finding the open item', () => {
  test('item id from the URL (new OWA, Outlook.com, deeplink, classic ItemID)', () => {
    const doc = signedIn();
    expect(openItemId(new URL(ITEM_URL), doc)).toBe(ITEM);
    expect(
      openItemId(new URL(`https://outlook.live.com/mail/0/inbox/id/${encodeURIComponent('AQMkADAw/x+y=')}`), doc),
    ).toBe('AQMkADAw/x+y=');
    expect(openItemId(new URL('https://outlook.office.com/mail/deeplink/read/AAMkX%3D'), doc)).toBe('AAMkX=');
    expect(
      openItemId(new URL('https://outlook.office365.com/owa/?ItemID=AAMkY%3D&viewmodel=ReadMessageItem'), doc),
    ).toBe('AAMkY=');
  });

  test('without an id in the URL, the selected row’s conversation id', () => {
    const id = openItemId(new URL('https://outlook.office.com/mail/inbox'), signedIn());
    expect(id).toBe('AAQkAGI2OutlookFixtureConv00AAA=');
    expect(isConversationId(id!)).toBe(true);
    expect(isConversationId(ITEM)).toBe(false);
  });

  test('service URL follows the Outlook.com account index', () => {
    expect(serviceUrl(new URL('https://outlook.live.com/mail/0/inbox/id/x'))).toBe(
      'https://outlook.live.com/owa/0/service.svc',
    );
    expect(serviceUrl(new URL(ITEM_URL))).toBe(SERVICE);
  });
});

describe('outlook: GetItem', () => {
  test('POSTs GetItem with the canary and MIME + 0x7D requested, and decodes the MIME content', async () => {
    const fetch = fakeFetch({ [`${SERVICE}?action=GetItem`]: fixtureText('outlook-getitem.json') });
    const answer = await outlook.extract(context(signedIn(), ITEM_URL, fetch));
    expect(answer).toMatchObject({ ok: true, kind: 'message' });
    expect(answer.ok && answer.raw).toContain(`(${HANDOFF.outlook})`);
    const call = fetch.calls[0]!;
    expect(call.url).toBe(`${SERVICE}?action=GetItem&app=Mail`);
    expect(call.init?.method).toBe('POST');
    const headers = call.init?.headers as Record<string, string>;
    expect(headers.action).toBe('GetItem');
    expect(headers['x-owa-canary']).toBe('fixtureCanary_123.');
    const body = JSON.parse(String(call.init?.body));
    expect(body.Body.ItemIds[0].Id).toBe(ITEM);
    expect(body.Body.ItemShape.IncludeMimeContent).toBe(true);
    expect(body.Body.ItemShape.AdditionalProperties[0]).toMatchObject({ PropertyTag: '0x7D', PropertyType: 'String' });
  });

  test('only transport headers back → kind headers', async () => {
    const fetch = fakeFetch({ [SERVICE]: fixtureText('outlook-getitem-headers-only.json') });
    const answer = await outlook.extract(context(signedIn(), ITEM_URL, fetch));
    expect(answer).toMatchObject({ ok: true, kind: 'headers' });
    expect(answer.ok && answer.raw).toContain(HANDOFF.outlook);
  });

  test('a conversation id is resolved to its newest non-draft item first', async () => {
    const fetch = fakeFetch({
      [`${SERVICE}?action=GetConversationItems`]: fixtureText('outlook-conversation.json'),
      [`${SERVICE}?action=GetItem`]: fixtureText('outlook-getitem.json'),
    });
    const answer = await outlook.extract(context(signedIn(), 'https://outlook.office.com/mail/inbox', fetch));
    expect(answer.ok).toBe(true);
    expect(fetch.calls.map((c) => new URL(c.url).searchParams.get('action'))).toEqual([
      'GetConversationItems',
      'GetItem',
    ]);
    expect(JSON.parse(String(fetch.calls[1]?.init?.body)).Body.ItemIds[0].Id).toBe(ITEM);
  });

  test('an MSAL access token for Outlook is sent as a bearer token', () => {
    const store = new Map<string, string>([
      ['other-key', 'x'],
      [
        'uid.tid-login.windows.net-accesstoken-clientid-tid-https://outlook.office.com/.default',
        JSON.stringify({ secret: 'tok123', target: 'https://outlook.office.com/.default', expiresOn: '4102444800' }),
      ],
    ]);
    const keys = [...store.keys()];
    const storage = {
      length: keys.length,
      key: (i: number) => keys[i] ?? null,
      getItem: (k: string) => store.get(k) ?? null,
    };
    expect(owaBearerToken(storage as unknown as Storage)).toBe('tok123');
  });
});

describe('outlook: failures are answers', () => {
  test('no canary and no token → logged-out', async () => {
    const answer = await outlook.extract(context(page('outlook-reading-pane.html'), ITEM_URL, fakeFetch({})));
    expect(answer).toMatchObject({ ok: false, reason: 'logged-out' });
  });

  test('nothing open → not-a-message', async () => {
    const doc = signedIn();
    doc.querySelector('[data-convid]')?.remove();
    const answer = await outlook.extract(context(doc, 'https://outlook.office.com/mail/inbox', fakeFetch({})));
    expect(answer).toMatchObject({ reason: 'not-a-message' });
  });

  test.each([403, 404])('HTTP %i → http-error', async (code) => {
    const answer = await outlook.extract(context(signedIn(), ITEM_URL, fakeFetch({ [SERVICE]: status(code) })));
    expect(answer).toMatchObject({ reason: 'http-error' });
  });

  test('HTTP 440 (login time-out) → logged-out', async () => {
    const answer = await outlook.extract(context(signedIn(), ITEM_URL, fakeFetch({ [SERVICE]: status(440) })));
    expect(answer).toMatchObject({ reason: 'logged-out' });
  });

  test('ErrorItemNotFound → not-a-message; a non-JSON answer → layout-changed', async () => {
    const missing = await outlook.extract(
      context(signedIn(), ITEM_URL, fakeFetch({ [SERVICE]: fixtureText('outlook-getitem-not-found.json') })),
    );
    expect(missing).toMatchObject({ reason: 'not-a-message' });
    const html = await outlook.extract(context(signedIn(), ITEM_URL, fakeFetch({ [SERVICE]: '<html>error</html>' })));
    expect(html).toMatchObject({ reason: 'layout-changed' });
  });
});
