// What the CLI prints is read in a terminal, and much of it is text an attacker wrote (header fields, host
// names, DNS and RDAP answers). A terminal acts on control characters: ESC starts sequences that recolour,
// clear the screen, set the window title or, in some emulators, write to the clipboard or run a query whose
// answer is typed back; CR and backspace overwrite what was printed; bidirectional formatting characters
// reorder a line so that it reads as something else. So every such character is shown as an escape instead.

/**
 * C0 controls but tab and line feed (the report's own layout), DEL, C1 controls, and the Unicode
 * bidirectional formatting characters (LRM, RLM, ALM, LRE…RLO, LRI…PDI).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeOf(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` for a terminal: every character a terminal would act on written as `\xNN` or `\uNNNN`. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, escapeOf);
}

/**
 * A line of JSON for a terminal: the same JSON value, with the characters JSON.stringify leaves raw (DEL,
 * C1 controls, bidirectional formatting) written as `\uNNNN` escapes, which every JSON reader decodes back.
 * JSON.stringify already escapes C0 controls, and none of these characters can occur outside a string.
 */
export function terminalJson(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
