import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { sendRequest, type TabReading } from '../messaging';
import { browser } from '../page-browser';
import { AppBar } from './AppBar';
import { type AnalyzeFn, type MessageInput, MessageView } from './MessageView';
import { PasteBox } from './PasteBox';
import { PopupReport } from './PopupReport';
import { describeSource, fileOfSource } from './source';
import { useSettings } from './useSettings';

// The core (with its provider and public-suffix tables) is most of the popup's weight. It loads in parallel
// with the first paint instead of before it, so the popup is never blank while it loads.
const core = import('../core/analyze');

/** How long the popup waits for the background to read the tab before it says so. */
export const TAB_READ_TIMEOUT_MS = 15_000;

type TabState =
  | { state: 'reading' }
  | { state: 'idle' }
  | { state: 'failed'; reading: Extract<TabReading, { status: 'failed' }> }
  | { state: 'nothing'; host?: string };

/**
 * The tab the popup is about. A real popup asks for the active tab of its window (the toolbar click granted
 * activeTab on it). Opened as a page (tests, or a user who bookmarked it) it reads `?tab=<id>` and otherwise
 * reads no tab at all.
 */
async function targetTab(search: string): Promise<number | null> {
  const param = new URLSearchParams(search).get('tab');
  if (param !== null) return /^\d{1,10}$/.test(param) ? Number(param) : null;
  // Both asked at once: each is a round trip to the browser, and the popup's first report waits for them.
  const [self, [tab]] = await Promise.all([
    browser.tabs.getCurrent(),
    browser.tabs.query({ active: true, currentWindow: true }),
  ]);
  if (self) return null;
  return tab?.id !== undefined && tab.id >= 0 ? tab.id : null;
}

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));
}

const REASON_WORDS: Record<string, string> = {
  'not-a-message': 'no message is open',
  'logged-out': 'you seem to be signed out',
  'layout-changed': 'the page layout is not the one Hopscope knows',
  'http-error': 'the original message could not be downloaded',
  unsupported: 'this page is not supported',
  restricted: 'the browser does not let extensions read this page',
  'no-tab': 'the tab is no longer open',
  timeout: 'the page did not answer in time',
};

/** The toolbar popup: the open message's report, or a paste box; the quick look before the full tab. */
export function Popup({ search = '' }: { search?: string }) {
  const settings = useSettings();
  const [analyze, setAnalyze] = useState<AnalyzeFn | null>(null);
  const [tabId, setTabId] = useState<number | null>(null);
  const [tab, setTab] = useState<TabState>({ state: 'reading' });
  const [input, setInput] = useState<MessageInput | null>(null);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    core.then(
      (module) => {
        performance.mark('hopscope:core-loaded');
        setAnalyze(() => (text: string, options: Parameters<AnalyzeFn>[1]) => {
          performance.mark('hopscope:analyze-start');
          const analysis = module.analyze(text, options);
          performance.mark('hopscope:analyze-end');
          return analysis;
        });
      },
      () =>
        setProblem('Hopscope could not load its analyzer. Reload the extension from the browser’s extensions page.'),
    );
  }, []);

  const readTab = async (id: number, refresh: boolean) => {
    setTab({ state: 'reading' });
    const answer = await Promise.race([
      sendRequest({ type: 'tab/read', tabId: id, refresh }),
      timeout(TAB_READ_TIMEOUT_MS),
    ]);
    if (answer === 'timeout') {
      setTab({
        state: 'failed',
        reading: { status: 'failed', reason: 'timeout', detail: 'Reading the page took too long.' },
      });
      return;
    }
    if (!answer.ok) {
      setTab({ state: 'failed', reading: { status: 'failed', reason: 'restricted', detail: answer.error.message } });
      return;
    }
    const reading = answer.reading;
    if (reading.status === 'found') {
      performance.mark('hopscope:input-ready');
      setTab({ state: 'idle' });
      setInput({ text: reading.text, origin: describeSource(reading.source), file: fileOfSource(reading.source) });
    } else if (reading.status === 'failed') setTab({ state: 'failed', reading });
    else setTab({ state: 'nothing', ...(reading.host ? { host: reading.host } : {}) });
  };

  // A layout effect, not an effect: the request leaves before the first paint instead of a frame after it, and
  // reading the page is most of the time to the first report.
  useLayoutEffect(() => {
    void targetTab(search)
      .catch(() => null)
      .then((id) => {
        setTabId(id);
        if (id === null) setTab({ state: 'idle' });
        else void readTab(id, false);
      });
  }, []);

  // A message file can be dropped on the popup.
  useEffect(() => {
    const over = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const drop = async (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      // Loaded on a drop only: the popup's first paint never waits for it.
      const { inputOfFile, readMessageFile } = await import('./file');
      const result = await readMessageFile(file);
      if (result.ok) setInput(inputOfFile(result));
      else setProblem(result.reason);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const analyzeDraft = () => {
    if (!draft.trim()) {
      setProblem('Paste the headers of a message first.');
      return;
    }
    setProblem(null);
    performance.mark('hopscope:analyze-requested');
    setInput({ text: draft, origin: 'Pasted text', file: 'paste' });
    if (tabId !== null) void sendRequest({ type: 'tab/remember', tabId, text: draft });
  };
  const openInTab = async () => {
    const text = input?.text ?? draft;
    if (!text.trim()) {
      await browser.tabs.create({ url: browser.runtime.getURL('/analyzer.html') });
      window.close();
      return;
    }
    const answer = await sendRequest({ type: 'input/open', text });
    if (answer.ok) window.close();
    else setProblem(answer.error.message);
  };
  const openSettings = () => void browser.runtime.openOptionsPage();

  const failed = tab.state === 'failed' ? tab.reading : null;
  const instructions = failed?.webmail?.instructions;
  const pasteBox = (
    <PasteBox
      value={draft}
      onInput={setDraft}
      onAnalyze={analyzeDraft}
      autoFocus={!input && tab.state !== 'reading'}
      rows={input ? 3 : 7}
      {...(instructions ? { placeholder: instructions } : {})}
    >
      <button type="button" onClick={() => void openInTab()}>
        {input || draft.trim() ? 'Open in tab' : 'Open a file…'}
      </button>
    </PasteBox>
  );

  return (
    <>
      <AppBar title="Hopscope">
        {tabId !== null && tab.state !== 'reading' && (
          <button type="button" class="link-button" onClick={() => void readTab(tabId, true)}>
            Read page again
          </button>
        )}
        <button type="button" class="link-button" onClick={openSettings}>
          Settings
        </button>
      </AppBar>
      <main>
        {tab.state === 'reading' && (
          <p class="reading" role="status">
            Reading the open message…
          </p>
        )}
        {failed && !input && (
          <div class="problem" role="alert">
            <p>
              <strong>
                {failed.webmail ? failed.webmail.name : (failed.host ?? 'This page')}:{' '}
                {REASON_WORDS[failed.reason] ?? failed.reason}.
              </strong>{' '}
              {failed.detail}
            </p>
            <p>
              {instructions
                ? `Get the message source by hand: ${instructions} Then paste it below.`
                : 'Open the message’s source (Gmail: ⋮ → Show original; Outlook: View → View message source), copy it and paste it below.'}
            </p>
          </div>
        )}
        {tab.state === 'nothing' && !input && (
          <p class="muted" role="status">
            No message source on {tab.host ?? 'this page'}. Paste headers below, or select them on the page and click
            Hopscope again.
          </p>
        )}
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        {input && !analyze && (
          <p class="reading" role="status">
            Loading the analyzer…
          </p>
        )}
        <div aria-live="polite">
          {input && analyze && (
            <MessageView
              input={input}
              layout="popup"
              report={PopupReport}
              analyze={analyze}
              settings={settings}
              onOpenSettings={openSettings}
            />
          )}
        </div>
        {input ? (
          <details class="section another">
            <summary>
              <h2 class="summary-heading">Analyze something else</h2>
            </summary>
            {pasteBox}
          </details>
        ) : (
          pasteBox
        )}
        {!input && (
          <p class="privacy-note">
            Analysis runs on this computer. Nothing is sent anywhere unless you turn on lookups in Settings.
          </p>
        )}
      </main>
    </>
  );
}
