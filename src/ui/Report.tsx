import type { Analysis } from '../core/types';
import { AuthPanel } from './AuthPanel';
import { DiagnosticList } from './Diagnostics';
import { ExportBar } from './ExportBar';
import { FlagList } from './Flags';
import { HeaderList } from './Headers';
import { Lookups, reputationOf } from './Lookups';
import type { LookupState } from './lookups-client';
import { Timeline } from './Timeline';
import { VendorVerdicts } from './VendorVerdicts';
import { VerdictLine } from './Verdict';

export interface ReportProps {
  analysis: Analysis;
  /** The popup keeps long sections folded; the analyzer page opens them. */
  layout?: 'popup' | 'page';
  /** Lookups for this analysis; null or absent: not asked (tests, or before the settings are read). */
  lookup?: LookupState | null;
  onRetryLookups?: () => void;
  onOpenSettings?: () => void;
  /** The `file` field of exported JSON. */
  file?: string;
}

/** The report on one message, shared by the popup and the analyzer page. Header text is only ever text. */
export function Report({
  analysis,
  layout = 'page',
  lookup,
  onRetryLookups,
  onOpenSettings,
  file = 'paste',
}: ReportProps) {
  const { summary, headers, hops, diagnostics, antispam, auth } = analysis;
  const enrichment = lookup && 'enrichment' in lookup ? lookup.enrichment : null;
  const extraFlags = enrichment?.flags ?? [];
  const flags = [...analysis.flags, ...extraFlags];
  const from = summary.from;
  const page = layout === 'page';
  return (
    <article class={`report layout-${layout}`} aria-label="Report">
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
        <h3 id="path-heading">Path ({hops.length === 1 ? '1 hop' : `${hops.length} hops`}, oldest first)</h3>
        <Timeline hops={hops} handoff={analysis.handoff} origin={analysis.origin} />
      </section>

      <details class="section" open={page}>
        <summary>
          <h3>
            Authentication ({auth.results.length} result header{auth.results.length === 1 ? '' : 's'},{' '}
            {auth.dkimSignatures.length} DKIM signature{auth.dkimSignatures.length === 1 ? '' : 's'})
          </h3>
        </summary>
        <AuthPanel auth={auth} />
      </details>

      {lookup && (
        <details class="section lookups-section" open={page || lookup.state !== 'off'}>
          <summary>
            <h3>Lookups</h3>
          </summary>
          <Lookups
            lookup={lookup}
            {...(onRetryLookups ? { onRetry: onRetryLookups } : {})}
            {...(onOpenSettings ? { onOpenSettings } : {})}
          />
        </details>
      )}

      {antispam.length > 0 && (
        <details class="section" open={page}>
          <summary>
            <h3>Spam filter verdicts ({antispam.length})</h3>
          </summary>
          <VendorVerdicts verdicts={antispam} />
        </details>
      )}

      {diagnostics.length > 0 && (
        <details class="section" open={page}>
          <summary>
            <h3>Parser notes ({diagnostics.length})</h3>
          </summary>
          <DiagnosticList diagnostics={diagnostics} />
        </details>
      )}

      <details class="section">
        <summary>
          <h3>Headers ({headers.length})</h3>
        </summary>
        <HeaderList headers={headers} />
      </details>

      <section aria-label="Export" class="export">
        <ExportBar analysis={analysis} enrichment={enrichment} file={file} />
      </section>
    </article>
  );
}
