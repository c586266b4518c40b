import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { startBackground } from '../../src/background';
import { MENU_ANALYZE, MENU_ANALYZE_EML_LINK, MESSAGE_LINK_PATTERNS } from '../../src/background/menus';
import type { StoredInput } from '../../src/messaging';

type ClickListener = (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => void;

const HEADERS =
  'Received: from a.example (a.example [192.0.2.1])\n by mx.example.org; Tue, 4 Mar 2025 09:15:05 +0000\nSubject: Hi';

// fakeBrowser has no contextMenus: stub create/removeAll and capture the click listener.
let created: Browser.contextMenus.CreateProperties[];
let clickListener: ClickListener | undefined;

beforeEach(() => {
  fakeBrowser.reset();
  created = [];
  clickListener = undefined;
  // fakeBrowser is typed after webextension-polyfill, the code after @wxt-dev/browser: cast at the seam.
  vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(((props: Browser.contextMenus.CreateProperties) => {
    created.push(props);
    return props.id ?? '';
  }) as never);
  vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(async () => {
    created = [];
  });
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(((listener: ClickListener) => {
    clickListener = listener;
  }) as never);
  // Reading from the page is refused unless a test allows it (as on a chrome:// page).
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access contents of the page'));
  // fakeBrowser implements no ports; the lookup port is tested in lookups.test.ts.
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => {});
  startBackground();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function click(info: Partial<Browser.contextMenus.OnClickData>, tab?: Partial<Browser.tabs.Tab>): void {
  expect(clickListener).toBeTypeOf('function');
  clickListener!({ menuItemId: MENU_ANALYZE, editable: false, ...info }, tab as Browser.tabs.Tab | undefined);
}

async function openedAnalyzerTab(): Promise<Browser.tabs.Tab> {
  return vi.waitFor(async () => {
    const tabs = await fakeBrowser.tabs.query({});
    const tab = tabs.find((t) => t.url?.startsWith('chrome-extension://test-extension-id/analyzer.html'));
    if (!tab) throw new Error('analyzer tab not opened yet');
    return tab as unknown as Browser.tabs.Tab;
  });
}

async function storedInput(url: string): Promise<StoredInput | undefined> {
  const id = new URL(url).searchParams.get('id')!;
  return (await fakeBrowser.storage.session.get(`input:${id}`))[`input:${id}`] as StoredInput | undefined;
}

describe('context menu', () => {
  it('is created on install: one item for selections and pages, one for .eml and .msg links', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await vi.waitFor(() => expect(created).toHaveLength(2));
    expect(created[0]).toMatchObject({ id: MENU_ANALYZE, title: 'Analyze headers', contexts: ['selection', 'page'] });
    expect(created[1]).toMatchObject({ id: MENU_ANALYZE_EML_LINK, title: 'Analyze headers', contexts: ['link'] });
    expect(created[1]!.targetUrlPatterns).toEqual(MESSAGE_LINK_PATTERNS);
  });

  it('is rebuilt, not duplicated, on browser start-up', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(() => expect(created.map((c) => c.id)).toEqual([MENU_ANALYZE, MENU_ANALYZE_EML_LINK]));
  });

  it('stores the selected text and opens analyzer.html?id=… without the text in the URL', async () => {
    click({ selectionText: HEADERS, pageUrl: 'https://mail.example.org/m/1' }, { id: 7, index: 2 });
    const tab = await openedAnalyzerTab();
    const url = new URL(tab.url!);
    expect(url.pathname).toBe('/analyzer.html');
    expect([...url.searchParams.keys()]).toEqual(['id']);
    expect(url.searchParams.get('id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(tab.url).not.toContain('Received');
    expect(await storedInput(tab.url!)).toMatchObject({
      kind: 'text',
      text: HEADERS,
      source: { kind: 'selection', pageUrl: 'https://mail.example.org/m/1' },
    });
  });

  it('prefers the selection read from the page, which keeps the line breaks Chrome drops from selectionText', async () => {
    vi.mocked(fakeBrowser.scripting.executeScript).mockResolvedValue([
      { frameId: 0, result: HEADERS, documentId: 'd' },
    ]);
    click({ selectionText: HEADERS.replace(/\n/g, ' ') }, { id: 7, index: 2 });
    const tab = await openedAnalyzerTab();
    expect((await storedInput(tab.url!)) as { text: string }).toMatchObject({ text: HEADERS });
  });

  it('opens the analyzer with an explanation when the page cannot be read', async () => {
    click({ pageUrl: 'https://chromewebstore.google.com/' }, { id: 7, index: 2 });
    const tab = await openedAnalyzerTab();
    expect(await storedInput(tab.url!)).toMatchObject({ kind: 'unreadable', source: { kind: 'page' } });
  });

  it('ignores clicks on menu items that are not ours', async () => {
    click({ menuItemId: 'someone-else', selectionText: HEADERS }, { id: 7, index: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await fakeBrowser.tabs.query({})).some((t) => t.url?.includes('analyzer.html'))).toBe(false);
  });
});
