import type { Diagnostic } from '../core/types';
import { EvidenceList } from './Evidence';
import { useFirst } from './long-lists';

/** Diagnostics shown before "Show all": a pasted binary file has one on nearly every line. */
export const DIAGNOSTICS_SHOWN = 100;

/** What the core could not understand: it kept the text and says so here. */
export function DiagnosticList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  const { shown, more } = useFirst(diagnostics, DIAGNOSTICS_SHOWN, ['diagnostic', 'diagnostics']);
  return (
    <ul class="diagnostics">
      {shown.map((d, i) => (
        <li key={i}>
          <code>{d.code}</code> {d.message}
          {d.header !== undefined && <EvidenceList evidence={[{ header: d.header }]} />}
        </li>
      ))}
      {more}
    </ul>
  );
}
