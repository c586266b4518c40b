import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ReportProps } from './Report';
import { ReportHead } from './ReportHead';

/** Set on the popup's page once its first report (verdict line and timeline) has been painted. */
export const TIMELINE_PAINTED_MARK = 'hopscope:timeline-painted';

/**
 * Hops in the popup's first render; the rest follow in the render after that paint (a frame later). A hop is
 * about 145 px tall in the 600 px popup, and the verdict box, subject lines and findings come first (the first
 * hop of the 30-hop test message starts at 622 px, below the fold), so no more than four can be in view at
 * first. Each hop is ~23 elements: the 30-hop test message's report was 1,047 elements, 703 of them the
 * timeline, and rendering them in the popup's fresh, unoptimised page took ~40 ms; two hops more in the first
 * render were a fifth of its 256 elements, none of them in view.
 */
export const FIRST_PAINT_HOPS = 4;

// The folded sections (authentication, lookups, vendor verdicts, headers, export) start loading once the first
// report is painted: the first paint of verdict and timeline never waits for them, and neither does the
// popup's window. Loading them as soon as the popup started put their stylesheet's link in the page before its
// load event, which it held back, and Chromium shows a popup window only at load. Measured under Xvfb, the
// popup opened by chrome.action.openPopup(), 30 paired opens: load 21 ms sooner, the first frame after the
// report 15 ms sooner (medians 50 against 67 and 103 against 111 ms from navigation start). With the import
// through popup-sections.ts as well, the popup opened as a tab painted its first report 15 ms sooner and its
// whole report, the sections too, 15 ms sooner (20 paired opens). scripts/bundle-budget.mjs counts only what
// the first paint needs.
type Sections = FunctionComponent<ReportProps>;
let loaded: Sections | undefined;
let sections: Promise<Sections> | undefined;
const loadSections = (): Promise<Sections> =>
  (sections ??= import('./popup-sections').then((module) => {
    loaded = module.ReportSections;
    return loaded;
  }));

/**
 * The popup's report: the same markup as Report, in two steps. The first render paints verdict, findings and
 * timeline only; the folded sections join in the next render, after that paint, once their chunk is there.
 */
export function PopupReport(props: ReportProps) {
  const [Rest, setRest] = useState<Sections | undefined>(undefined);
  useEffect(() => {
    // Preact runs effects after the frame that showed the report, so this mark is the first paint (once); but it
    // runs them at once when another render starts first, so the mark can come before that frame, and
    // test/e2e/popup-paint.mjs reports the verdict's Element Timing beside it.
    if (performance.getEntriesByName(TIMELINE_PAINTED_MARK).length === 0) performance.mark(TIMELINE_PAINTED_MARK);
    if (loaded) setRest(() => loaded);
    else void loadSections().then((component) => setRest(() => component));
  }, []);
  return (
    <article class={`report layout-${props.layout ?? 'popup'}`} aria-label="Report">
      <ReportHead analysis={props.analysis} lookup={props.lookup} firstPaintHops={FIRST_PAINT_HOPS} />
      {Rest && <Rest {...props} />}
    </article>
  );
}
