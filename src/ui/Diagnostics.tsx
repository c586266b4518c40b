import type { Diagnostic } from '../core/types';
import { EvidenceList } from './Evidence';

/** What the core could not understand: it kept the text and says so here. */
export function DiagnosticList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  return (
    <ul class="diagnostics">
      {diagnostics.map((d, i) => (
        <li key={i}>
          <code>{d.code}</code> {d.message}
          {d.header !== undefined && <EvidenceList evidence={[{ header: d.header }]} />}
        </li>
      ))}
    </ul>
  );
}
