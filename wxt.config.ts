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
  manifest: ({ browser }) => ({
    name: 'Hopscope',
    description: 'Where did this email really come from? Hops, handoff IP, authentication and flags with evidence.',
    permissions: ['contextMenus', 'activeTab', 'scripting', 'storage'],
    action: { default_title: 'Hopscope: analyze this message' },
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+H' }, description: 'Analyze the open message' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'hopscope@hopscope.dev', strict_min_version: '115.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
