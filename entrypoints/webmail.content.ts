import { defineContentScript } from 'wxt/utils/define-content-script';
import { startWebmailContentScript } from '../src/webmail/content';

// Not in the manifest: the background injects it with scripting.executeScript into the active webmail tab
// when the user asks (toolbar click), so it runs only on demand and needs no standing host permission.
export default defineContentScript({
  registration: 'runtime',
  main() {
    startWebmailContentScript();
  },
});
