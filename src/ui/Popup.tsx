import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Analysis } from '../core/types';
import { sendRequest } from '../messaging';
import { AppBar } from './AppBar';
import { PasteBox } from './PasteBox';
import { Report } from './Report';

// The core (with its provider and public-suffix tables) is most of the popup's weight. It loads in parallel
// with the first paint instead of before it, so the paste box is there at once.
const core = import('../core/analyze');

/** The toolbar popup: paste, analyze, read the quick report, or move it to a full tab. */
export function Popup() {
  const [text, setText] = useState('');
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const runAnalysis = async () => {
    if (!text.trim()) {
      setProblem('Paste the headers of a message first.');
      setAnalysis(null);
      return;
    }
    const { analyze } = await core;
    setProblem(null);
    setAnalysis(analyze(text, { now: Date.now() }));
  };
  const openInTab = async () => {
    if (!text.trim()) {
      await browser.tabs.create({ url: browser.runtime.getURL('/analyzer.html') });
      window.close();
      return;
    }
    const answer = await sendRequest({ type: 'input/open', text });
    if (answer.ok) window.close();
    else setProblem(answer.error.message);
  };

  return (
    <>
      <AppBar title="Hopscope">
        <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </AppBar>
      <main>
        <PasteBox value={text} onInput={setText} onAnalyze={() => void runAnalysis()} autoFocus rows={analysis ? 3 : 7}>
          <button type="button" onClick={() => void openInTab()}>
            {text.trim() ? 'Open in tab' : 'Open a file…'}
          </button>
        </PasteBox>
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <div aria-live="polite">{analysis && <Report analysis={analysis} layout="popup" />}</div>
        {!analysis && (
          <p class="privacy-note">
            Analysis runs on this computer. Nothing is sent anywhere unless you turn on lookups in Settings.
          </p>
        )}
      </main>
    </>
  );
}
