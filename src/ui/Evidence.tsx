import type { Evidence } from '../core/types';
import { headerAnchor, hopAnchor, reveal } from './reveal';

function EvidenceLink({ id, label }: { id: string; label: string }) {
  return (
    <a
      class="evidence-link"
      href={`#${id}`}
      onClick={(event) => {
        event.preventDefault();
        reveal(id);
      }}
    >
      {label}
    </a>
  );
}

/** "Hop 3 · header 12 · “quoted text”": where a finding comes from, one click from the thing itself. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  if (evidence.length === 0) return null;
  return (
    <ul class="evidence" aria-label="Evidence">
      {evidence.map((item, i) => (
        <li key={i}>
          {item.hop !== undefined && <EvidenceLink id={hopAnchor(item.hop)} label={`Hop ${item.hop + 1}`} />}
          {item.header !== undefined && (
            <EvidenceLink id={headerAnchor(item.header)} label={`Header ${item.header + 1}`} />
          )}
          {item.text !== undefined && <q class="mono">{item.text}</q>}
        </li>
      ))}
    </ul>
  );
}
