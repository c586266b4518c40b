// The UI tests' shared set-up: one element per test file to render into, put in the document before each test
// and unmounted and taken out after it, so that no test sees what another rendered.

import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';

/** The element to render into; registers the hooks that attach and clear it around each test. */
export function renderRoot(): HTMLElement {
  const root = document.createElement('div');
  beforeEach(() => {
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });
  return root;
}

/** An element's text with its white space collapsed, for comparing what the user reads. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
