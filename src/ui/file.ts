// Reads a dropped or chosen message file as text. Mail is mostly UTF-8 or 7-bit ASCII, but 8-bit headers in
// a legacy charset occur; decoding them as windows-1252 keeps every byte visible instead of U+FFFD.

import { MAX_INPUT_CHARS } from '../messaging';

export type FileReadResult = { ok: true; text: string; name: string } | { ok: false; reason: string; name: string };

export async function readMessageFile(file: File): Promise<FileReadResult> {
  const name = file.name;
  if (/\.msg$/i.test(name)) {
    return {
      ok: false,
      name,
      reason:
        'Outlook .msg files are not supported yet. In Outlook, save the message as .eml, or copy its headers (File → Properties → Internet headers).',
    };
  }
  // Headers are at the start; beyond the core's input cap nothing more would be read.
  const bytes = new Uint8Array(await file.slice(0, MAX_INPUT_CHARS).arrayBuffer());
  try {
    // `stream` keeps a multi-byte character cut by the slice from counting as invalid.
    return { ok: true, name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }) };
  } catch {
    return { ok: true, name, text: new TextDecoder('windows-1252').decode(bytes) };
  }
}
