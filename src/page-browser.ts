import type { WxtBrowser } from 'wxt/browser';

/**
 * The extension API for the extension's pages (popup, analyzer, options) and the modules they share with the
 * background (settings, messaging), without webextension-polyfill, which was 3 kB gzipped of the popup's
 * first-paint budget: Firefox's own `browser`, and Chrome's `chrome`, whose MV3 APIs return promises. The
 * background's own modules keep the polyfill (`wxt/browser`): its onMessage listeners answer by returning
 * promises, which only the polyfill gives Chrome.
 */
export const browser: WxtBrowser = (
  (globalThis as { browser?: WxtBrowser }).browser?.runtime?.id
    ? (globalThis as { browser?: WxtBrowser }).browser
    : (globalThis as { chrome?: WxtBrowser }).chrome
) as WxtBrowser;
