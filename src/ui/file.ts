// Reads a dropped or chosen message file, by the rule every input follows (src/mime/message-file.ts: an
// Outlook .msg gives the Internet headers Outlook kept; other files are text). An mbox file shows its first
// message.

import { MAX_INPUT_CHARS } from '../messaging';
import type { AttachedMessage } from '../mime/attached';
import { splitMbox } from '../mime/mbox';
import { isCompoundFile, MAX_MSG_BYTES, messageFromBytes } from '../mime/message-file';
import type { MessageInput } from './MessageView';

export type FileReadResult =
  | { ok: true; text: string; name: string; attached?: AttachedMessage[]; note?: string }
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
    return { ok: true, name, text: messages[0]!.text, note };
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
