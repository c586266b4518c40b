// The "Analyze headers" context menu. Two items so that each shows in one situation only: on a selection or
// a page, and on a link to a message file (.eml, or Outlook's .msg). Chrome keeps menus across restarts of the
// service worker and Firefox forgets them with its background page, so they are rebuilt (removeAll, then
// create) on install and startup.

import { type Browser, browser } from 'wxt/browser';
import { openAnalyzer } from './inputs';
import { readLink, readPage, readSelection } from './page-input';

export const MENU_ANALYZE = 'hopscope-analyze';
export const MENU_ANALYZE_EML_LINK = 'hopscope-analyze-eml-link';

/** Links to .eml and .msg files, with or without a query string. */
export const MESSAGE_LINK_PATTERNS = ['eml', 'EML', 'msg', 'MSG'].flatMap((ext) => [
  `*://*/*.${ext}`,
  `*://*/*.${ext}?*`,
]);

export async function createMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU_ANALYZE, title: 'Analyze headers', contexts: ['selection', 'page'] });
  browser.contextMenus.create({
    id: MENU_ANALYZE_EML_LINK,
    title: 'Analyze headers',
    contexts: ['link'],
    targetUrlPatterns: MESSAGE_LINK_PATTERNS,
  });
}

export async function onMenuClicked(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> {
  let input: Awaited<ReturnType<typeof readPage>>;
  if (info.menuItemId === MENU_ANALYZE_EML_LINK) input = await readLink(info);
  else if (info.menuItemId !== MENU_ANALYZE) return;
  else if (info.selectionText) input = await readSelection(info, tab);
  else input = await readPage(info, tab);
  await openAnalyzer(input, tab);
}
