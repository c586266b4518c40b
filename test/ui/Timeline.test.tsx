import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { HOPS_SHOWN, TIMELINE_COMPLETE_MARK, Timeline } from '../../src/ui/Timeline';
import { renderRoot, textOf as text } from './render-root';
import { sampleAnalysis } from './sample-analysis';

const root = renderRoot();
const hopNumbers = () => [...root.querySelectorAll('ol.timeline > li .hop-number')].map((el) => text(el));

describe('Timeline in the popup (firstPaintHops)', () => {
  it('renders the first hops at once and the rest after that paint, then marks the whole timeline painted', async () => {
    performance.clearMarks(TIMELINE_COMPLETE_MARK);
    const { hops, handoff, origin } = sampleAnalysis();
    expect(hops).toHaveLength(5);
    render(<Timeline hops={hops} handoff={handoff} origin={origin} firstPaintHops={2} />, root);
    expect(hopNumbers()).toEqual(['Hop 1', 'Hop 2']);
    expect(performance.getEntriesByName(TIMELINE_COMPLETE_MARK)).toHaveLength(0);
    await vi.waitFor(() => expect(hopNumbers()).toEqual(['Hop 1', 'Hop 2', 'Hop 3', 'Hop 4', 'Hop 5']));
    await vi.waitFor(() => expect(performance.getEntriesByName(TIMELINE_COMPLETE_MARK)).toHaveLength(1));
  });

  it('renders every hop at once without it (the analyzer page), and marks nothing', async () => {
    performance.clearMarks(TIMELINE_COMPLETE_MARK);
    const { hops, handoff, origin } = sampleAnalysis();
    render(<Timeline hops={hops} handoff={handoff} origin={origin} />, root);
    expect(hopNumbers()).toHaveLength(5);
    await new Promise((done) => setTimeout(done, 50));
    expect(performance.getEntriesByName(TIMELINE_COMPLETE_MARK)).toHaveLength(0);
  });
});

describe('a long timeline', () => {
  // A message of n hops, oldest first, from the sample's first hop with its index moved.
  const longHops = (n: number) => {
    const [first] = sampleAnalysis().hops;
    return Array.from({ length: n }, (_, i) => ({ ...first!, index: i, header: n - 1 - i }));
  };

  it('shows the oldest and newest hops, the handoff and the origin, and the rest on a click', async () => {
    const hops = longHops(HOPS_SHOWN * 5);
    const { handoff, origin } = sampleAnalysis();
    const marked = { handoff: { ...handoff!, hop: 600 }, origin: { ...origin!, hop: 300 } };
    render(<Timeline hops={hops} handoff={marked.handoff} origin={marked.origin} />, root);
    const numbers = hopNumbers();
    expect(numbers).toHaveLength(HOPS_SHOWN + 2);
    expect(numbers.slice(0, 2)).toEqual(['Hop 1', 'Hop 2']);
    expect(numbers).toContain('Hop 301');
    expect(numbers).toContain('Hop 601');
    expect(numbers.at(-1)).toBe(`Hop ${HOPS_SHOWN * 5}`);
    const gaps = [...root.querySelectorAll('ol.timeline > li.hop-gap')].map((el) => text(el));
    expect(gaps).toHaveLength(3);
    expect(gaps[0]).toMatch(/^250 hops not shown\. Show all 1,000 hops$/);
    (root.querySelector('li.hop-gap button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(hopNumbers()).toHaveLength(HOPS_SHOWN * 5));
    expect(root.querySelectorAll('li.hop-gap')).toHaveLength(0);
  });

  it('shows the hops a finding cites too', () => {
    render(<Timeline hops={longHops(HOPS_SHOWN * 5)} handoff={null} origin={null} cited={[120, 121]} />, root);
    expect(hopNumbers()).toHaveLength(HOPS_SHOWN + 2);
    expect(hopNumbers()).toEqual(expect.arrayContaining(['Hop 121', 'Hop 122']));
    expect(root.querySelectorAll('li.hop-gap')).toHaveLength(2);
  });

  it('shows every hop of a timeline up to the limit', () => {
    render(<Timeline hops={longHops(HOPS_SHOWN)} handoff={null} origin={null} />, root);
    expect(hopNumbers()).toHaveLength(HOPS_SHOWN);
    expect(root.querySelectorAll('li.hop-gap')).toHaveLength(0);
  });
});
