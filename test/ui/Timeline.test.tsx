import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { TIMELINE_COMPLETE_MARK, Timeline } from '../../src/ui/Timeline';
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
