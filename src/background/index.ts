// Wires browser events to the background's modules. Listeners are added synchronously at start-up, as an
// MV3 service worker requires, so that an event that woke the worker is delivered. Nothing is kept in
// memory that a restart would lose: inputs, per-tab results and lookup answers live in storage.session.

import { browser } from 'wxt/browser';
import { failure } from '../messaging';
import { onLookupConnect } from './lookups';
import { createMenus, onMenuClicked } from './menus';
import { handleMessage } from './messages';
import { forgetTab } from './tab-cache';

export function startBackground(): void {
  browser.runtime.onInstalled.addListener(() => {
    void createMenus();
  });
  browser.runtime.onStartup.addListener(() => {
    void createMenus();
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void onMenuClicked(info, tab);
  });
  // The polyfill sends the resolved value of a returned promise as the response. Always an answer, never a
  // rejection: the pages read answers without the polyfill (src/page-browser.ts), and a rejected promise would
  // reach them as the polyfill's own marker object.
  browser.runtime.onMessage.addListener((message, sender) =>
    handleMessage(message, sender).catch((error: unknown) =>
      failure('failed', error instanceof Error ? error.message : String(error)),
    ),
  );
  browser.runtime.onConnect.addListener(onLookupConnect);
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(tabId);
  });
}
