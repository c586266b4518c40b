import { useId, useState } from 'preact/hooks';
import type { Analysis } from '../core/types';
import type { Enrichment } from '../lookup/types';
import { analysisJson, analysisMarkdown, exportFileName, redactAnalysis, redactEnrichment } from './export';

interface ExportBarProps {
  analysis: Analysis;
  enrichment?: Enrichment | null;
  /** The `file` field of the JSON (the CLI puts the path there): a file name, or "paste". */
  file: string;
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copy as Markdown, copy or download JSON (the CLI's schema); optionally with the recipient redacted. */
export function ExportBar({ analysis, enrichment, file }: ExportBarProps) {
  const [redacted, setRedacted] = useState(false);
  const [said, setSaid] = useState('');
  const id = useId();
  const shown = () =>
    redacted
      ? { a: redactAnalysis(analysis), e: enrichment ? redactEnrichment(enrichment, analysis) : enrichment }
      : { a: analysis, e: enrichment };
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(`${what} copied${redacted ? ' (recipient redacted)' : ''}.`);
    } catch {
      setSaid('The browser did not allow copying; use Download instead.');
    }
  };
  return (
    <div class="export-bar">
      <button type="button" onClick={() => void copy(analysisMarkdown(shown().a, shown().e), 'Markdown')}>
        Copy Markdown
      </button>
      <button type="button" onClick={() => void copy(analysisJson(shown().a, file, shown().e), 'JSON')}>
        Copy JSON
      </button>
      <button
        type="button"
        onClick={() => {
          const name = exportFileName(analysis, redacted ? '.redacted.json' : '.hopscope.json');
          download(name, analysisJson(shown().a, file, shown().e), 'application/json');
          setSaid(`Saved ${name}.`);
        }}
      >
        Download JSON
      </button>
      <span class="switch-row compact">
        <input id={id} type="checkbox" checked={redacted} onChange={(e) => setRedacted(e.currentTarget.checked)} />
        <label for={id}>Redact recipient</label>
      </span>
      <span class="export-said" role="status">
        {said}
      </span>
    </div>
  );
}
