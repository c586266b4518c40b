import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

// HOPSCOPE_VARIANT=test builds a copy for the end-to-end runs into .output/test/ (never .output/chrome-mv3 or
// .output/firefox-mv2, which are what ships). It differs from the shipped build in two ways only:
//  - a host permission for http://127.0.0.1, standing in for the activeTab grant that a real toolbar click
//    gives (a test cannot click the toolbar; see test/e2e/run.mjs);
//  - a background self-check that analyzes a fixture at start-up and logs HOPSCOPE_SELF_CHECK
//    (test/e2e/firefox-smoke.mjs reads it from Firefox's console).
const testVariant = process.env.HOPSCOPE_VARIANT === 'test';

// Measurement builds (scripts/bundle-budget.mjs, scripts/bundle-attribution.mjs) build the shipped variant into
// a directory of their own, so they never overwrite .output/, and may ask for source maps to attribute bytes.
const outDirOverride = process.env.HOPSCOPE_OUT_DIR;
const sourcemap = process.env.HOPSCOPE_SOURCEMAP === '1';

// The webmails whose open message the adapters in src/webmail read (same-origin fetches from the content
// script, plus Yahoo's API host). Nothing else: self-hosted Roundcube/Zimbra ask for their own host at run
// time through the optional permission.
const WEBMAIL_HOSTS = [
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://mail.yahoo.com/*',
  'https://apis.mail.yahoo.com/*',
  'https://mail.aol.com/*',
  'https://mail.proton.me/*',
  'https://mail.protonmail.com/*',
  'https://app.fastmail.com/*',
  'https://www.fastmail.com/*',
  'https://beta.fastmail.com/*',
];
const SELF_HOSTED = ['https://*/*'];

/**
 * The core as one chunk (DESIGN.md §10: first timeline paint; test/e2e/popup-paint.mjs). The popup imports the
 * core lazily, as soon as its own module runs, so that its first paint never waits for it.
 *
 * It is not preloaded (`<link rel="modulepreload">`, in the HTML or by Vite's helper when the import starts; see
 * `modulePreload` below): Chromium shows an extension's popup window only once its page has finished loading
 * (ExtensionPopup waits for the first load), and a preload holds the load event back until the 228 kB chunk is
 * in, while a bare dynamic import does not. Measured with a probe build in
 * headful Chromium on a virtual display (Xvfb), the popup opened by chrome.action.openPopup(), 20 paired opens:
 * without the preload the load event came 14 ms sooner (median of the paired differences) and the first
 * animation frame after the report was in place 8 ms sooner (medians 109 against 127 ms from navigation start),
 * though the report itself was in place 8 ms later. popup.html opened as a tab, which is shown at once, painted
 * its report 25 ms later without it (test/e2e/popup-paint.mjs `open`). Importing the core from an async classic
 * script in the popup's head, to fetch it sooner, was worse again (20 paired opens: load 12 ms later, the first
 * frame after the report 12 ms later).
 */
function coreChunk(): Plugin {
  return {
    name: 'hopscope:core-chunk',
    apply: 'build',
    // The pages' build (ES modules; the worker and content script are single IIFE files): all of src/core in one
    // chunk, or a core module that a lazy UI chunk also imports (find-addresses, for the exporters) becomes a
    // chunk of its own that the popup must fetch before the core can run. All but src/core/dkim, the header-only
    // DKIM and ARC verification, which analyze() does not use: only the lookups do (src/ui/lookups-run.ts), and in
    // the core's chunk it was 22 kB that every popup would have loaded for them (over the popup's budget).
    outputOptions(options) {
      if (options.format !== 'es' && options.format !== 'esm' && options.format !== 'module') return null;
      const core = /[\\/]src[\\/]core[\\/](?!dkim[\\/])/;
      return { ...options, codeSplitting: { groups: [{ name: 'analyze', test: core }] } };
    },
  };
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  ...(outDirOverride ? { outDir: outDirOverride } : testVariant ? { outDir: '.output/test' } : {}),
  vite: () => ({
    plugins: [coreChunk()],
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
    define: { __HOPSCOPE_SELF_CHECK__: JSON.stringify(testVariant) },
    build: {
      // A page's own imports keep their <link rel="modulepreload"> in its HTML, but a dynamic import gets no
      // preload links for its JavaScript (stylesheets are still linked, or the lazy sections would render
      // unstyled). Vite's preload helper adds those links to the document when the import starts, and in the
      // popup that meant the core's and the folded sections' chunks: a link, unlike a bare import(), holds the
      // load event back until its file is in, and Chromium shows the popup window only at load (see
      // coreChunk). Measured under Xvfb with the popup opened by chrome.action.openPopup(), six runs of 16–30
      // paired opens: the load event 13–21 ms sooner in every run; the report in place up to 17 ms later, as
      // the core now loads while the window shows its first frame; the first frame after the report sooner in
      // every run by its median, 2–23 ms (99–122 against 101–133 ms from navigation start). That frame now
      // follows the report by 1–3 ms: the popup's first report waits for the core, not for the window.
      // popup.html opened as a tab: no change (20 paired opens, 2 ms sooner). A lazy chunk's own imports are
      // now found when it arrives, one more round trip for the sections, export and file reading, none of
      // which the first report waits for.
      modulePreload: {
        resolveDependencies: (_file: string, deps: string[], { hostType }: { hostType: 'html' | 'js' }) =>
          hostType === 'html' ? deps : [],
      },
      rolldownOptions: {
        optimization: { inlineConst: false },
        // tldts-core's index re-exports a module whose defaults are computed at load (options.js): unmarked, it
        // stayed in the core although psl.ts never reads it. Nothing in tldts-core has effects at load.
        treeshake: { moduleSideEffects: (id: string) => !id.includes('/tldts-core/') },
      },
      ...(sourcemap ? { sourcemap: true } : {}),
    },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Hopscope',
    description: 'Where did this email really come from? Hops, handoff IP, authentication and flags with evidence.',
    permissions: [
      'contextMenus',
      'activeTab',
      'scripting',
      'storage',
      // MV2 puts host permissions among the others; MV3 has host_permissions.
      ...(manifestVersion === 2 ? [...WEBMAIL_HOSTS, ...(testVariant ? ['http://127.0.0.1/*'] : [])] : []),
    ],
    ...(manifestVersion === 3
      ? {
          host_permissions: [...WEBMAIL_HOSTS, ...(testVariant ? ['http://127.0.0.1/*'] : [])],
          optional_host_permissions: SELF_HOSTED,
        }
      : { optional_permissions: SELF_HOSTED }),
    action: { default_title: 'Hopscope: analyze this message' },
    commands: {
      // MV2 (Firefox) names the toolbar button's command _execute_browser_action.
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Analyze the open message',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // 140 is the current ESR and the first release that reads data_collection_permissions (Android: 142);
            // storage.session, which holds inputs for the analyzer page, needs 115.
            gecko: {
              id: 'hopscope@hopscope.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
