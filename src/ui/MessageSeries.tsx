import { hiddenCharacters } from '../core/flags/rules/identity';
import { sameName } from '../core/headers/fields';
import { readHeaderBlock } from '../core/headers/read';
import type { FileMessage } from './file';
import type { MessageInput } from './MessageView';

/** C0 and C1 controls: nothing to show in a one-line label. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** How much of a subject an option shows. */
const LABEL_LENGTH = 90;

/** A message's Subject as one line of plain text for a list, or "(no subject)". */
export function subjectLabel(text: string): string {
  const subject = readHeaderBlock(text).headers.find((h) => sameName(h.name, 'subject'));
  const value = subject?.decoded ?? subject?.value ?? '';
  // An option is plain text, which no markup can isolate: the characters that hide text or turn it around are
  // written out (⟨U+202E⟩), as the hidden-characters finding writes them.
  const words = (hiddenCharacters(value)?.shown ?? value).replace(CONTROLS, ' ').trim();
  if (!words) return '(no subject)';
  return words.length > LABEL_LENGTH ? `${words.slice(0, LABEL_LENGTH - 1)}…` : words;
}

/** The report inputs of the messages of a file that holds several (./file.ts `series`). */
export function seriesInputs(name: string, series: readonly FileMessage[]): MessageInput[] {
  return series.map((m, i) => ({
    text: m.text,
    origin: `Message ${i + 1} of ${series.length} in the file ${name}`,
    file: m.file,
    ...(m.note ? { note: m.note } : {}),
    ...(m.attached ? { attached: m.attached } : {}),
  }));
}

interface MessageSeriesProps {
  /** Each message's subjectLabel, in the file's order. */
  labels: readonly string[];
  /** The one shown (0-based). */
  at: number;
  onPick: (index: number) => void;
}

/** Which message of a file of several is shown, and the way to the others: previous, next, or by subject. */
export function MessageSeries({ labels, at, onPick }: MessageSeriesProps) {
  const last = labels.length - 1;
  return (
    <nav class="attached-notice attached-actions" aria-label="Messages in this file">
      <button type="button" disabled={at <= 0} onClick={() => onPick(at - 1)}>
        ← Previous
      </button>
      <label>
        Message{' '}
        <select value={String(at)} onChange={(event) => onPick(Number(event.currentTarget.value))}>
          {labels.map((label, i) => (
            <option key={i} value={String(i)}>{`${i + 1}. ${label}`}</option>
          ))}
        </select>{' '}
        of {labels.length}
      </label>
      <button type="button" disabled={at >= last} onClick={() => onPick(at + 1)}>
        Next →
      </button>
    </nav>
  );
}
