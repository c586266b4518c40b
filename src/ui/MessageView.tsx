import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Settings } from '../background/settings';
import type { Analysis, AnalyzeOptions } from '../core/types';
import { type AttachedMessage, findAttachedMessages } from '../mime/attached';
import { attachedLabel } from '../mime/labels';
import { useLookups } from './lookups-client';
import type { ReportProps } from './Report';

let reportsMade = 0;

export type AnalyzeFn = (text: string, options: AnalyzeOptions) => Analysis;

export interface MessageInput {
  text: string;
  /** Where it came from, in words ("Selected text on mail.example.org"). */
  origin: string;
  /** The `file` field of exported JSON. */
  file: string;
  /** What the reader should know about where the text came from (an Outlook .msg's attached message). */
  note?: string;
  /** The messages attached to it when its file lists them itself (an Outlook .msg); else found in its MIME parts. */
  attached?: AttachedMessage[];
}

interface MessageViewProps {
  input: MessageInput;
  layout: 'popup' | 'page';
  /** Report for the analyzer page, PopupReport for the popup (which loads the folded sections on its own). */
  report: ComponentType<ReportProps>;
  analyze: AnalyzeFn;
  settings: Settings | null;
  onOpenSettings?: () => void;
  /** Called with each analysis shown (the analyzer page titles its tab with the subject). */
  onAnalysis?: (analysis: Analysis) => void;
}

/**
 * One message analyzed and reported, with its lookups, and the messages attached to it (a forwarded phishing
 * report) offered for analysis on their own, one level at a time, with a way back.
 */
export function MessageView({
  input,
  layout,
  report: Report,
  analyze,
  settings,
  onOpenSettings,
  onAnalysis,
}: MessageViewProps) {
  const [stack, setStack] = useState<MessageInput[]>([]);
  useEffect(() => setStack([]), [input]);
  const current = stack[stack.length - 1] ?? input;
  const trustedHosts = settings?.trustedHosts.join('\n') ?? '';
  const analysis = useMemo(
    () => analyze(current.text, { now: Date.now(), trustedHosts: trustedHosts ? trustedHosts.split('\n') : [] }),
    [current, analyze, trustedHosts],
  );
  useEffect(() => onAnalysis?.(analysis), [analysis]);
  // A new report for each analysis: what the last one's lists were asked to show in full, and how far its
  // timeline had painted, must not carry over to another message.
  const reportKey = useMemo(() => ++reportsMade, [analysis]);

  const [attached, setAttached] = useState<AttachedMessage[]>([]);
  useEffect(() => {
    let live = true;
    setAttached(current.attached ?? []);
    if (!current.attached && analysis.input.kind === 'message')
      void findAttachedMessages(current.text).then((found) => {
        if (live) setAttached(found);
      });
    return () => {
      live = false;
    };
  }, [current, analysis]);

  const [attempt, setAttempt] = useState(0);
  const lookup = useLookups(settings ? analysis : null, settings?.lookupsEnabled ?? false, attempt, current.text);

  return (
    <>
      <p class="source">
        {current.origin} · {analysis.input.bytes.toLocaleString()} bytes · {analysis.headers.length} header fields
        {analysis.input.truncated && ' · truncated'}
      </p>
      {current.note && <p class="source-note">{current.note}</p>}
      {stack.length > 0 && (
        <button type="button" class="back-button" onClick={() => setStack(stack.slice(0, -1))}>
          ← Back to the message it was attached to
        </button>
      )}
      {attached.length > 0 && (
        <div class="attached-notice" role="note">
          <p>
            This message contains{' '}
            {attached.length === 1 ? '1 attached message' : `${attached.length} attached messages`}: its own headers say
            where it came from.
          </p>
          <div class="attached-actions">
            {attached.map((message) => (
              <button
                key={message.number}
                type="button"
                class={message.number === 1 ? 'primary' : ''}
                title={message.filename}
                onClick={() =>
                  setStack([
                    ...stack,
                    {
                      text: message.text,
                      origin: `Attached message #${message.number}${message.filename ? ` (${message.filename})` : ''} of ${current.origin.charAt(0).toLowerCase()}${current.origin.slice(1)}`,
                      file: attachedLabel(current.file, message.number),
                      ...(message.attached ? { attached: message.attached } : {}),
                    },
                  ])
                }
              >
                Analyze attached #{message.number}
              </button>
            ))}
          </div>
        </div>
      )}
      <Report
        key={reportKey}
        analysis={analysis}
        layout={layout}
        lookup={lookup}
        trustedSealers={settings?.trustedSealers ?? null}
        onRetryLookups={() => setAttempt(attempt + 1)}
        {...(onOpenSettings ? { onOpenSettings } : {})}
        file={current.file}
      />
    </>
  );
}
