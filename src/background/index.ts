// Wires browser events to the background's modules. Listeners are added synchronously at start-up, as an
// MV3 service worker requires, so that an event that woke the worker is delivered. Nothing is kept in
// memory that a restart would lose: inputs and per-tab results live in storage.session. The lookups run in
// the page that shows the report (src/ui/lookups-run.ts), not here: a small worker starts sooner.

import { browser } from 'wxt/browser';
import { failure } from '../messaging';
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
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(tabId);
  });
}
