import { readFile, stat } from 'node:fs/promises';
import type { AttachedMessage } from '../mime/attached';
import { messageFromBytes } from '../mime/message-file';

export type InputError = { code: string; message: string };
export type InputText =
  | { ok: true; text: string; attached?: AttachedMessage[]; note?: string; others?: AttachedMessage[] }
  | { ok: false; error: InputError };

/** The text to analyze in a file's bytes (src/mime/message-file.ts), or why there is none. */
export function checkBytes(bytes: Uint8Array, label: string): InputText {
  const file = messageFromBytes(bytes);
  if (file.ok) return file;
  const message =
    file.code === 'empty'
      ? `${label} is empty`
      : file.code === 'binary'
        ? `${label} looks like a binary file, not an email message`
        : `${label}: ${file.reason}`;
  return { ok: false, error: { code: file.code, message } };
}

export async function readInputFile(path: string): Promise<InputText> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      return {
        ok: false,
        error: { code: 'is-directory', message: `${path} is a directory; give the .eml files inside it` },
      };
    }
    if (!info.isFile()) return { ok: false, error: { code: 'not-a-file', message: `${path} is not a regular file` } };
    return checkBytes(await readFile(path), path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: { code: 'not-found', message: `${path}: no such file` } };
    if (code === 'EACCES')
      return { ok: false, error: { code: 'permission-denied', message: `${path}: permission denied` } };
    return { ok: false, error: { code: 'read-error', message: `${path}: ${(e as Error).message}` } };
  }
}

export async function readStdin(stream: NodeJS.ReadableStream): Promise<InputText> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return checkBytes(Buffer.concat(chunks), 'standard input');
}
