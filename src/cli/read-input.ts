import { readFile, stat } from 'node:fs/promises';

export type InputError = { code: string; message: string };
export type InputText = { ok: true; text: string } | { ok: false; error: InputError };

const SNIFF_BYTES = 8192;

/** Decodes bytes as UTF-8 when valid, else as Latin-1 so 8-bit headers are kept byte for byte. */
export function decodeBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/**
 * A file is binary when its first 8 KB holds NUL bytes in quantity or mostly control bytes: an image or
 * an archive given by mistake. A stray NUL inside real headers does not make a file binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return nul > 16 || nul + control > n * 0.1;
}

export function checkBytes(bytes: Uint8Array, label: string): InputText {
  if (bytes.length === 0) return { ok: false, error: { code: 'empty', message: `${label} is empty` } };
  if (looksBinary(bytes)) {
    return { ok: false, error: { code: 'binary', message: `${label} looks like a binary file, not an email message` } };
  }
  return { ok: true, text: decodeBytes(bytes) };
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
