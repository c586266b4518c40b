import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { Report } from '../../src/ui/Report';

// The report over the real core: whatever analyze() fills in, the report renders without losing the basics.
let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('Report over analyze()', () => {
  it('renders a message without Received headers: subject, no path, every header', () => {
    const analysis = analyze('Subject: Hello\nFrom: a@example.org\n\nbody', { now: 0 });
    render(<Report analysis={analysis} layout="popup" />, root);
    expect(text(root.querySelector('.subject'))).toBe('Hello');
    expect(text(root.querySelector('.verdict-badge'))).toMatch(/^(Dangerous|Suspicious|No problems found|No verdict)$/);
    expect(root.querySelector('ol.timeline')).toBeNull();
    expect(text(root)).toContain('No Received headers were found');
    expect(text(root)).toContain('Headers (2)');
  });
});
