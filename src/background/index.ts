// Wires browser events to the background's modules. Listeners are added synchronously at start-up, as an
// MV3 service worker requires, so that an event that woke the worker is delivered. Nothing is kept in
// memory that a restart would lose: inputs, per-tab results and lookup answers live in storage.session.

import { browser } from 'wxt/browser';
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
  // The polyfill sends the resolved value of a returned promise as the response.
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));
  browser.runtime.onConnect.addListener(onLookupConnect);
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(tabId);
  });
}
