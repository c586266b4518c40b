import './sections.css';
import { AuthPanel } from './AuthPanel';
import { DiagnosticList } from './Diagnostics';
import { ExportBar } from './ExportBar';
import { citedBy, reportFindings } from './Flags';
import { HeaderList } from './Headers';
import { Lookups } from './Lookups';
import type { ReportProps } from './Report';
import { VendorVerdicts } from './VendorVerdicts';

/** The report below the timeline: authentication, lookups, vendor verdicts, parser notes, headers, export. */
export function ReportSections({
  analysis,
  layout = 'page',
  lookup,
  onRetryLookups,
  onOpenSettings,
  file = 'paste',
  trustedSealers,
}: ReportProps) {
  const { headers, diagnostics, antispam, auth } = analysis;
  const enrichment = lookup && 'enrichment' in lookup ? lookup.enrichment : null;
  const page = layout === 'page';
  return (
    <>
      <details class="section" open={page}>
        <summary>
          <h3>
            Authentication ({auth.results.length} result header{auth.results.length === 1 ? '' : 's'},{' '}
            {auth.dkimSignatures.length} DKIM signature{auth.dkimSignatures.length === 1 ? '' : 's'})
          </h3>
        </summary>
        <AuthPanel auth={auth} lookup={lookup} trustedSealers={trustedSealers} />
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
        <HeaderList headers={headers} cited={citedBy(reportFindings(analysis, enrichment), 'header')} />
      </details>

      <section aria-label="Export" class="export">
        <ExportBar analysis={analysis} enrichment={enrichment} file={file} />
      </section>
    </>
  );
}
