// Reads a dropped or chosen message file, by the rule every input follows (src/mime/message-file.ts): an
// Outlook .msg gives the Internet headers Outlook kept; other files are text, UTF-8 when valid, else windows-1252.

import { MAX_INPUT_CHARS } from '../messaging';
import type { AttachedMessage } from '../mime/attached';
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
  const read = messageFromBytes(bytes, file.size > bytes.length);
  return read.ok ? { ...read, name } : { ok: false, name, reason: read.reason };
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
