import { useEffect, useId, useState } from 'preact/hooks';
import type { Analysis } from '../core/types';
import type { Enrichment } from '../lookup/types';

// The exporters run only when a button is pressed, so they stay out of the chunks the popup needs for its first
// report (scripts/bundle-budget.mjs). They load once the bar is on screen, so a click finds them ready and the
// copy runs within the click's user activation.
type ExportModule = typeof import('./export');
let exporters: ExportModule | undefined;
let loading: Promise<ExportModule> | undefined;
function loadExporters(): Promise<ExportModule> {
  loading ??= import('./export').then((module) => {
    exporters = module;
    return module;
  });
  return loading;
}

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
  useEffect(() => {
    const timer = setTimeout(() => void loadExporters().catch(() => undefined), 0);
    return () => clearTimeout(timer);
  }, []);
  /** Runs `action` with the exporters: at once when loaded (the usual case), else after loading them. */
  const withExporters = (action: (x: ExportModule) => void | Promise<void>) => {
    if (exporters) return void action(exporters);
    void loadExporters().then(action, () => setSaid('Hopscope could not load its exporters.'));
  };
  const shown = (x: ExportModule) =>
    redacted
      ? { a: x.redactAnalysis(analysis), e: enrichment ? x.redactEnrichment(enrichment, analysis) : enrichment }
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
      <button
        type="button"
        onClick={() =>
          withExporters((x) => {
            const { a, e } = shown(x);
            return copy(x.analysisMarkdown(a, e), 'Markdown');
          })
        }
      >
        Copy Markdown
      </button>
      <button
        type="button"
        onClick={() =>
          withExporters((x) => {
            const { a, e } = shown(x);
            return copy(x.analysisJson(a, file, e), 'JSON');
          })
        }
      >
        Copy JSON
      </button>
      <button
        type="button"
        onClick={() =>
          withExporters((x) => {
            const name = x.exportFileName(analysis, redacted ? '.redacted.json' : '.hopscope.json');
            const { a, e } = shown(x);
            download(name, x.analysisJson(a, file, e), 'application/json');
            setSaid(`Saved ${name}.`);
          })
        }
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
