// Reads a dropped or chosen message file, by the rule every input follows (src/mime/message-file.ts: an
// Outlook .msg gives the Internet headers Outlook kept; other files are text). A file of several messages (an
// mbox, a .msg without headers of its own that holds several) shows its first, and lists them all (`series`)
// for the analyzer page to offer one by one, labelled as the command line labels them.

import { MAX_INPUT_CHARS } from '../messaging';
import type { AttachedMessage } from '../mime/attached';
import { attachedLabel, mboxLabel } from '../mime/labels';
import { splitMbox } from '../mime/mbox';
import { isCompoundFile, MAX_MSG_BYTES, messageFromBytes } from '../mime/message-file';
import type { MessageInput } from './MessageView';

/**
 * One message of a file that holds several: its text, its `file` label (`NAME#message-N` in an mbox), what the
 * file says of it, and the messages attached to it.
 */
export interface FileMessage {
  text: string;
  file: string;
  note?: string;
  attached?: AttachedMessage[];
}

export type FileReadResult =
  | {
      ok: true;
      text: string;
      name: string;
      attached?: AttachedMessage[];
      note?: string;
      /** Every message of a file that holds several, the first (`text`) included; absent for one message. */
      series?: FileMessage[];
    }
  | { ok: false; reason: string; name: string };

export async function readMessageFile(file: File): Promise<FileReadResult> {
  const name = file.name;
  const start = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  let bytes: Uint8Array;
  if (isCompoundFile(start)) {
    if (file.size > MAX_MSG_BYTES) {
      const mb = Math.round(MAX_MSG_BYTES / 1024 / 1024);
      return {
        ok: false,
        name,
        reason: `This .msg file is larger than ${mb} MB. In Outlook, copy its headers (File → Properties → Internet headers) and paste them instead.`,
      };
    }
    bytes = new Uint8Array(await file.arrayBuffer());
  } else {
    // Headers are at the start; beyond the core's input cap nothing more would be read.
    bytes = new Uint8Array(await file.slice(0, MAX_INPUT_CHARS).arrayBuffer());
  }
  const cut = file.size > bytes.length;
  const read = messageFromBytes(bytes, cut);
  if (!read.ok) return { ok: false, name, reason: read.reason };
  // An mbox file (a mail folder): the report shows its first message, and says so.
  const messages = read.attached ? null : splitMbox(read.text);
  if (messages) {
    const count = cut ? `at least ${messages.length - 1} messages` : `${messages.length} messages`;
    const note = `This mbox file holds ${count}; this is the first. The command line (hopscope analyze) reads each of them.`;
    const series: FileMessage[] = messages.map((m) => ({ text: m.text, file: mboxLabel(name, m.number) }));
    // Read up to the input cap: the last message read may be cut short, and those after it are not listed.
    if (cut)
      series[series.length - 1]!.note =
        `Only the first ${Math.round(MAX_INPUT_CHARS / 1024 / 1024)} MB of this mbox file were read: this message may be cut short, and the messages after it are not listed.`;
    return { ok: true, name, text: messages[0]!.text, note, series };
  }
  // A .msg without headers of its own that holds several messages: the first is shown as the file (`note` says
  // so), the others as the command line labels them.
  if (read.others) {
    const { others, ...first } = read;
    const series: FileMessage[] = [
      {
        text: first.text,
        file: name,
        ...(first.note ? { note: first.note } : {}),
        ...(first.attached ? { attached: first.attached } : {}),
      },
      ...others.map((m) => ({
        text: m.text,
        file: attachedLabel(name, m.number),
        ...(m.attached ? { attached: m.attached } : {}),
      })),
    ];
    return { ...first, name, series };
  }
  return { ...read, name };
}

/** The report's input for a file read: its text, where it came from, and what the file said of itself. */
export function inputOfFile(read: Extract<FileReadResult, { ok: true }>): MessageInput {
  return {
    text: read.text,
    origin: `The file ${read.name}`,
    file: read.name,
    ...(read.note ? { note: read.note } : {}),
    ...(read.attached ? { attached: read.attached } : {}),
  };
}
