import type { Analysis } from '../core/types';
import { citedBy, FlagList, reportFindings } from './Flags';
import type { LookupState } from './lookups-client';
import { reputationOf } from './reputation';
import { Timeline } from './Timeline';
import { VerdictLine } from './Verdict';

/**
 * The first part of a report: verdict line, message facts, findings and the timeline. It is all the popup
 * paints first; the folded sections below it (ReportSections) may arrive a moment later.
 */
export function ReportHead({
  analysis,
  lookup,
  firstPaintHops,
}: {
  analysis: Analysis;
  lookup?: LookupState | null | undefined;
  /** Timeline's firstPaintHops. */
  firstPaintHops?: number;
}) {
  const { summary, hops } = analysis;
  const enrichment = lookup && 'enrichment' in lookup ? lookup.enrichment : null;
  const extraFlags = enrichment?.flags ?? [];
  const flags = reportFindings(analysis, enrichment);
  const from = summary.from;
  return (
    <>
      <VerdictLine
        analysis={analysis}
        extraFlags={extraFlags}
        reputation={reputationOf(enrichment, summary.handoffIp, lookup?.state !== 'running')}
      />
      <dl class="message-facts">
        {summary.subject !== undefined && (
          <div>
            <dt>Subject</dt>
            <dd class="subject">{summary.subject}</dd>
          </div>
        )}
        {from && (
          <div>
            <dt>From</dt>
            <dd>
              {from.name && <span class="display-name">{from.name} </span>}
              <span class="mono">&lt;{from.address}&gt;</span>
            </dd>
          </div>
        )}
        {summary.replyTo && summary.replyTo.length > 0 && (
          <div>
            <dt>Reply-To</dt>
            <dd class="mono">{summary.replyTo.map((a) => a.address).join(', ')}</dd>
          </div>
        )}
        {summary.date !== undefined && (
          <div>
            <dt>Date</dt>
            <dd class="mono">{summary.date}</dd>
          </div>
        )}
      </dl>

      {flags.length > 0 && (
        <section aria-labelledby="flags-heading">
          <h3 id="flags-heading">Findings ({flags.length})</h3>
          <FlagList flags={flags} />
        </section>
      )}

      <section aria-labelledby="path-heading">
        <h3 id="path-heading" elementtiming="hopscope-timeline">
          Path ({hops.length === 1 ? '1 hop' : `${hops.length} hops`}, oldest first)
        </h3>
        <Timeline
          hops={hops}
          handoff={analysis.handoff}
          origin={analysis.origin}
          firstPaintHops={firstPaintHops}
          cited={citedBy(flags, 'hop')}
        />
      </section>
    </>
  );
}
