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

/**
 * The text of a file that starts with a UTF-16 byte-order mark (Windows Notepad's "Unicode", in which
 * help-desk users save pasted headers); undefined when it has no such mark.
 */
export function decodeUtf16(bytes: Uint8Array, cut = false): string | undefined {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return undefined;
  // The mark itself is dropped by the decoder; an odd last byte (a file cut short) is left out.
  return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(0, bytes.length & ~1), { stream: cut });
}
