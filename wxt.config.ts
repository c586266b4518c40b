import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Hopscope',
    description: 'Where did this email really come from? Hops, handoff IP, authentication and flags with evidence.',
    permissions: ['contextMenus', 'activeTab', 'scripting', 'storage'],
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
