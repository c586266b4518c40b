import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../src/background';

/** True only in the HOPSCOPE_VARIANT=test build (wxt.config.ts); the shipped build drops the branch. */
declare const __HOPSCOPE_SELF_CHECK__: boolean;

export default defineBackground(() => {
  startBackground();
  if (__HOPSCOPE_SELF_CHECK__) {
    void import('../src/background/self-check').then((module) => module.runSelfCheck());
  }
});
