// Shared by the UI and the CLI (no DOM, no Node). An mbox file (RFC 4155: Thunderbird's folders, Google
// Takeout's Gmail export, list archives) holds many messages, each after a separator line "From sender date".
//
// A separator is a line that starts with "From " at the start of the file or after an empty line, and is not
// the obsolete field syntax "From : x" (RFC 5322 §4.5.1). A "From " line inside a body is escaped by the
// writer (">From ", mboxrd and mboxo), so bodies do not split; one left unescaped after an empty line would
// split a message in two, as every mbox reader does. Only the headers are analyzed, so the escapes in bodies
// are left as they are.

import { isMboxFrom } from '../core/headers/paste';

/** A message of an mbox file: its text without the separator line, and where it starts in the file. */
export interface MboxMessage {
  number: number;
  text: string;
  offset: number;
}

/** The end of the line at `pos` (the index of its LF, or the text's length). */
function lineEnd(text: string, pos: number): number {
  const lf = text.indexOf('\n', pos);
  return lf < 0 ? text.length : lf;
}

/**
 * The messages of `text` when it is an mbox file of at least two messages; null otherwise (one message, with
 * or without a leading separator, is read as it is). Linear: one indexOf pass over the text.
 */
export function splitMbox(text: string): MboxMessage[] | null {
  if (!isMboxFrom(text, 0)) return null;
  const starts: number[] = [0];
  // A separator follows an empty line: "\n\nFrom " or "\n\r\nFrom ".
  for (let at = text.indexOf('\nFrom ', 1); at >= 0; at = text.indexOf('\nFrom ', at + 1)) {
    const before = text.charCodeAt(at - 1) === 13 ? at - 2 : at - 1;
    if (before >= 0 && text.charCodeAt(before) === 10 && isMboxFrom(text, at + 1)) starts.push(at + 1);
  }
  if (starts.length < 2) return null;
  return starts.map((start, i) => {
    const body = lineEnd(text, start) + 1;
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    return { number: i + 1, text: text.slice(Math.min(body, end), end), offset: start };
  });
}
