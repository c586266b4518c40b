// The one way the e2e scripts start Debian Chromium with an unpacked extension (TOOLCHAIN.md): headless, no
// sandbox (root), and without the background networking that this machine's closed network refuses.
import { chromium } from 'playwright-core';

/** Chromium flags for a test run of the extension in `extensionDir`. */
export function extensionArgs(extensionDir) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ];
}

/** A persistent context (extensions need one) with the extension loaded; `options` go to Playwright. */
export function launchWithExtension(userDataDir, { executablePath, extensionDir, ...options }) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    ...options,
    args: extensionArgs(extensionDir),
  });
}
