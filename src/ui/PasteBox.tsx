import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface PasteBoxProps {
  value: string;
  onInput: (value: string) => void;
  onAnalyze: () => void;
  rows?: number;
  autoFocus?: boolean;
  /** Overrides the default placeholder (the popup puts a webmail's "show original" instructions here). */
  placeholder?: string;
  /** Extra buttons after "Analyze". */
  children?: ComponentChildren;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/** The labeled textarea for raw headers, with an Analyze button and Ctrl/⌘+Enter. */
export function PasteBox({
  value,
  onInput,
  onAnalyze,
  rows = 6,
  autoFocus = false,
  placeholder = 'Paste the message source or just its headers',
  children,
}: PasteBoxProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <form
      class="paste-box"
      onSubmit={(event) => {
        event.preventDefault();
        onAnalyze();
      }}
    >
      <label for={id}>Raw headers</label>
      <textarea
        id={id}
        class="mono"
        rows={rows}
        value={value}
        spellcheck={false}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the popup exists to take a paste; focus belongs in the box.
        autoFocus={autoFocus}
        aria-describedby={hintId}
        placeholder={placeholder}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            onAnalyze();
          }
        }}
      />
      <div class="paste-actions">
        <button type="submit" class="primary">
          Analyze
        </button>
        {children}
        <span id={hintId} class="hint">
          <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd> · Gmail: ⋮ → Show original · Outlook: View → View message
          source
        </span>
      </div>
    </form>
  );
}
