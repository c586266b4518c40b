// Shared by the UI, the background and the CLI (no DOM, no Node): how a message file's bytes become text.

/**
 * 8-bit text: UTF-8 when it is valid, else windows-1252, so that every byte stays visible. `cut`: the bytes are
 * the start of a longer file, so a character cut at their end is left out rather than making them invalid.
 */
export function decodeEightBit(bytes: Uint8Array, cut = false): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: cut });
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
