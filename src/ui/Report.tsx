import type { Analysis } from '../core/types';
import type { LookupState } from './lookups-client';
import { ReportHead } from './ReportHead';
import { ReportSections } from './ReportSections';

export interface ReportProps {
  analysis: Analysis;
  /** The popup keeps long sections folded; the analyzer page opens them. */
  layout?: 'popup' | 'page';
  /** Lookups for this analysis; null or absent: not asked (tests, or before the settings are read). */
  lookup?: LookupState | null;
  /** ARC sealers the user trusts (seal d= domains); null: the well-known sealers' defaults. */
  trustedSealers?: string[] | null;
  onRetryLookups?: () => void;
  onOpenSettings?: () => void;
  /** The `file` field of exported JSON. */
  file?: string;
}

/**
 * The report on one message, shared by the popup and the analyzer page. Header text is only ever text.
 * The popup renders the same two parts through PopupReport, which loads the second one on its own.
 */
export function Report(props: ReportProps) {
  return (
    <article class={`report layout-${props.layout ?? 'page'}`} aria-label="Report">
      <ReportHead analysis={props.analysis} lookup={props.lookup} />
      <ReportSections {...props} />
    </article>
  );
}
