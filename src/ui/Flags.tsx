import type { Flag } from '../core/types';
import { EvidenceList } from './Evidence';
import { flagsBySeverity, SEVERITY_LABEL } from './format';

export function FlagList({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return <p class="empty">No findings.</p>;
  return (
    <ul class="flags">
      {flagsBySeverity(flags).map((flag, i) => (
        <li key={`${flag.id}-${i}`} class={`flag sev-${flag.severity}`}>
          <span class={`badge sev-${flag.severity}`}>{SEVERITY_LABEL[flag.severity]}</span>
          <div class="flag-body">
            <strong class="flag-title">{flag.title}</strong>
            {flag.detail && <p class="flag-detail">{flag.detail}</p>}
            <EvidenceList evidence={flag.evidence} />
          </div>
        </li>
      ))}
    </ul>
  );
}
