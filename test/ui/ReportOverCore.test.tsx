import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { Report } from '../../src/ui/Report';
import { renderRoot, textOf as text } from './render-root';

// The report over the real core: whatever analyze() fills in, the report renders without losing the basics.
const root = renderRoot();

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
