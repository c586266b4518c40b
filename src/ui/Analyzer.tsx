import { useEffect, useRef, useState } from 'preact/hooks';
import { analyze } from '../core/analyze';
import { isInputId, sendRequest } from '../messaging';
import { browser } from '../page-browser';
import { AppBar } from './AppBar';
import { MessageSeries, seriesInputs, subjectLabel } from './MessageSeries';
import { type MessageInput, MessageView } from './MessageView';
import { PasteBox } from './PasteBox';
import { Report } from './Report';
import { describeSource, fileOfSource } from './source';
import { useSettings } from './useSettings';

type Loaded =
  | { state: 'empty' }
  | { state: 'loading' }
  | { state: 'text'; input: MessageInput; series?: Series }
  | { state: 'problem'; message: string; origin?: string };

/** The messages of a file that holds several (an mbox), with their subjects, and which one is shown. */
interface Series {
  inputs: MessageInput[];
  labels: string[];
  at: number;
}

/** The full-tab analyzer: input from the context menu (by id), a dropped or chosen file, or a paste. */
export function Analyzer({ search }: { search: string }) {
  const id = new URLSearchParams(search).get('id');
  const settings = useSettings();
  const [loaded, setLoaded] = useState<Loaded>(id ? { state: 'loading' } : { state: 'empty' });
  const [draft, setDraft] = useState('');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!id) return;
    if (!isInputId(id)) {
      setLoaded({ state: 'problem', message: 'This link does not name a valid input.' });
      return;
    }
    void sendRequest({ type: 'input/get', id }).then((answer) => {
      if (!answer.ok) setLoaded({ state: 'problem', message: answer.error.message });
      else if (answer.input.kind === 'unreadable')
        setLoaded({ state: 'problem', message: answer.input.reason, origin: describeSource(answer.input.source) });
      else
        setLoaded({
          state: 'text',
          input: {
            text: answer.input.text,
            origin: describeSource(answer.input.source),
            file: fileOfSource(answer.input.source),
            ...(answer.input.note ? { note: answer.input.note } : {}),
            ...(answer.input.attached ? { attached: answer.input.attached } : {}),
          },
        });
    });
  }, [id]);

  useEffect(() => {
    if (loaded.state !== 'text') document.title = 'Hopscope analyzer';
  }, [loaded]);

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    // Loaded on a drop or a choice only (the .msg and mbox readers): the page's first report never waits for it.
    const { inputOfFile, readMessageFile } = await import('./file');
    const result = await readMessageFile(file);
    if (!result.ok) {
      setLoaded({ state: 'problem', message: result.reason, origin: `The file ${result.name}` });
      return;
    }
    if (result.series) {
      const inputs = seriesInputs(result.name, result.series);
      const series = { inputs, labels: result.series.map((m) => subjectLabel(m.text)), at: 0 };
      setLoaded({ state: 'text', input: inputs[0]!, series });
      return;
    }
    setLoaded({ state: 'text', input: inputOfFile(result) });
  };
  const pick = (series: Series, at: number) => {
    if (at < 0 || at >= series.inputs.length) return;
    setLoaded({ state: 'text', input: series.inputs[at]!, series: { ...series, at } });
  };
  const openFileRef = useRef(openFile);
  openFileRef.current = openFile;

  // A message file can be dropped anywhere on the page.
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      void openFileRef.current(event.dataTransfer?.files[0]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <div class={`drop-target${dragging ? ' dragging' : ''}`}>
      <AppBar title="Hopscope">
        <button type="button" class="link-button" onClick={() => fileInput.current?.click()}>
          Open .eml or .msg file…
        </button>
        <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".eml,.msg,.mbox,.txt,message/rfc822,application/vnd.ms-outlook,application/mbox,text/plain"
          class="visually-hidden"
          tabIndex={-1}
          aria-label="Open a message file"
          onChange={(event) => {
            void openFile(event.currentTarget.files?.[0]);
            event.currentTarget.value = '';
          }}
        />
      </AppBar>
      <main class="page">
        {loaded.state === 'loading' && (
          <p class="muted" role="status">
            Loading…
          </p>
        )}
        {loaded.state === 'problem' && (
          <div class="problem" role="alert">
            {loaded.origin && <p class="source">{loaded.origin}</p>}
            <p>{loaded.message}</p>
          </div>
        )}
        {loaded.state === 'text' && loaded.series && (
          <MessageSeries
            labels={loaded.series.labels}
            at={loaded.series.at}
            onPick={(at) => loaded.series && pick(loaded.series, at)}
          />
        )}
        {loaded.state === 'text' && (
          <MessageView
            input={loaded.input}
            layout="page"
            report={Report}
            analyze={analyze}
            settings={settings}
            onOpenSettings={() => void browser.runtime.openOptionsPage()}
            onAnalysis={(analysis) => {
              document.title = analysis.summary.subject
                ? `${analysis.summary.subject} — Hopscope`
                : 'Hopscope analyzer';
            }}
          />
        )}
        <section class="another card" aria-labelledby="another-heading">
          <h2 id="another-heading">{loaded.state === 'text' ? 'Analyze another message' : 'Analyze a message'}</h2>
          <p class="muted">
            Drop an .eml or Outlook .msg file (or an mbox folder, whose messages are listed) anywhere on this page,
            choose one with “Open .eml or .msg file…”, or paste below.
          </p>
          <PasteBox
            value={draft}
            onInput={setDraft}
            rows={loaded.state === 'text' ? 4 : 12}
            autoFocus={loaded.state === 'empty'}
            onAnalyze={() => {
              if (draft.trim()) {
                setLoaded({ state: 'text', input: { text: draft, origin: 'Pasted text', file: 'paste' } });
                window.scrollTo({ top: 0 });
              }
            }}
          />
        </section>
      </main>
    </div>
  );
}
