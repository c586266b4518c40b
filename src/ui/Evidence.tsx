import type { Evidence } from '../core/types';
import { useFirst } from './long-lists';
import { headerAnchor, hopAnchor, reveal } from './reveal';

/** Evidence items a finding shows before "Show all" (a TLS finding cites every hop of the path). */
export const EVIDENCE_SHOWN = 10;

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
  const { shown, more } = useFirst(evidence, EVIDENCE_SHOWN, ['item', 'items']);
  if (evidence.length === 0) return null;
  return (
    <ul class="evidence" aria-label="Evidence">
      {shown.map((item, i) => (
        <li key={i}>
          {item.hop !== undefined && <EvidenceLink id={hopAnchor(item.hop)} label={`Hop ${item.hop + 1}`} />}
          {item.header !== undefined && (
            <EvidenceLink id={headerAnchor(item.header)} label={`Header ${item.header + 1}`} />
          )}
          {item.text !== undefined && <q class="mono">{item.text}</q>}
        </li>
      ))}
      {more}
    </ul>
  );
}
