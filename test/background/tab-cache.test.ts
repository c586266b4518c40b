import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { forgetTab, getTabResult, KEEP_TABS, putTabResult } from '../../src/background/tab-cache';

const PAGE = 'https://mail.example.org/message/1';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('per-tab result cache', () => {
  it('gives back the result saved for the same tab and URL', async () => {
    await putTabResult(7, { url: PAGE, text: 'Subject: one', source: { kind: 'page', pageUrl: PAGE } }, 1000);
    expect(await getTabResult(7, PAGE)).toEqual({
      url: PAGE,
      text: 'Subject: one',
      source: { kind: 'page', pageUrl: PAGE },
      savedAt: 1000,
    });
  });

  it('misses once the tab has navigated, or for another tab', async () => {
    await putTabResult(7, { url: PAGE, text: 'Subject: one', source: { kind: 'paste' } });
    expect(await getTabResult(7, 'https://mail.example.org/message/2')).toBeNull();
    expect(await getTabResult(8, PAGE)).toBeNull();
  });

  it('lives in storage.session, so a restarted service worker still has it', async () => {
    await putTabResult(3, { url: PAGE, text: 'Subject: kept', source: { kind: 'paste' } });
    const stored = await fakeBrowser.storage.session.get('tab:3');
    expect(stored['tab:3']).toMatchObject({ text: 'Subject: kept' });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('is forgotten when the tab closes', async () => {
    await putTabResult(3, { url: PAGE, text: 'x', source: { kind: 'paste' } });
    await forgetTab(3);
    expect(await getTabResult(3, PAGE)).toBeNull();
  });

  it(`keeps the ${KEEP_TABS} most recent tabs and leaves other session data alone`, async () => {
    await fakeBrowser.storage.session.set({ 'input:keep-me': { createdAt: 0 } });
    for (let tab = 0; tab < KEEP_TABS + 3; tab++)
      await putTabResult(tab, { url: PAGE, text: `t${tab}`, source: { kind: 'paste' } }, 1000 + tab);
    const keys = Object.keys(await fakeBrowser.storage.session.get(null));
    expect(keys.filter((k) => k.startsWith('tab:'))).toHaveLength(KEEP_TABS);
    expect(await getTabResult(0, PAGE)).toBeNull();
    expect((await getTabResult(KEEP_TABS + 2, PAGE))?.text).toBe(`t${KEEP_TABS + 2}`);
    expect(keys).toContain('input:keep-me');
  });
});
