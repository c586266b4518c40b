import { defineContentScript } from 'wxt/utils/define-content-script';
import { answerInjection, startWebmailContentScript } from '../src/webmail/content';

// Not in the manifest: the background injects it with scripting.executeScript into the active webmail tab
// when the user asks (toolbar click), so it runs only on demand and needs no standing host permission. What
// main returns is the injection's result (WXT ends the built script with it): the open message, read at once.
export default defineContentScript({
  registration: 'runtime',
  main() {
    startWebmailContentScript();
    return answerInjection();
  },
});
