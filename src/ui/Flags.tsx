import type { Analysis, Flag } from '../core/types';
import type { Enrichment } from '../lookup/types';
import { EVIDENCE_SHOWN, EvidenceList } from './Evidence';
import { flagsBySeverity, SEVERITY_LABEL } from './format';
import { useFirst } from './long-lists';

/** Findings a list shows before "Show all" (worst first): one rule may find something on each of 10,000 hops. */
export const FINDINGS_SHOWN = 30;

export function FlagList({ flags }: { flags: readonly Flag[] }) {
  const { shown, more } = useFirst(flagsBySeverity(flags), FINDINGS_SHOWN, ['finding', 'findings']);
  if (flags.length === 0) return <p class="empty">No findings.</p>;
  return (
    <ul class="flags">
      {shown.map((flag, i) => (
        <li key={`${flag.id}-${i}`} class={`flag sev-${flag.severity}`}>
          <span class={`badge sev-${flag.severity}`}>{SEVERITY_LABEL[flag.severity]}</span>
          <div class="flag-body">
            <strong class="flag-title">{flag.title}</strong>
            {flag.detail && <p class="flag-detail">{flag.detail}</p>}
            <EvidenceList evidence={flag.evidence} />
          </div>
        </li>
      ))}
      {more}
    </ul>
  );
}

/**
 * The hops or header fields (`what`) that the findings a FlagList shows at first point at, as far as it shows
 * their evidence: a long timeline or header list shows these too, so that each link has somewhere to go.
 */
export function citedBy(flags: readonly Flag[], what: 'hop' | 'header'): number[] {
  const out: number[] = [];
  for (const flag of flagsBySeverity(flags).slice(0, FINDINGS_SHOWN))
    for (const item of flag.evidence.slice(0, EVIDENCE_SHOWN)) {
      const n = item[what];
      if (n !== undefined) out.push(n);
    }
  return out;
}

/** The findings a report lists: the analysis's own, then those its lookups added. */
export function reportFindings(analysis: Analysis, enrichment: Enrichment | null): Flag[] {
  return [...analysis.flags, ...(enrichment?.flags ?? [])];
}
