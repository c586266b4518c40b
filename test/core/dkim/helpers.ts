// Shared test plumbing: read a message with the core's own header reader and verify it with keys given as
// TXT record text, through Node's WebCrypto.

import { webcrypto } from 'node:crypto';
import type { DkimSubtle } from '../../../src/core/dkim';
import { type HeaderSignatures, type KeyAnswer, keyQueries, verifyHeaderSignatures } from '../../../src/core/dkim';
import { readHeaderBlock } from '../../../src/core/headers/read';

export const subtle = webcrypto.subtle as unknown as DkimSubtle;

/** Verifies a message; `records` maps "selector._domainkey.domain" to TXT text. */
export async function verifyText(
  message: string,
  records: Record<string, string | KeyAnswer>,
  options: { headersOnly?: boolean; now?: number } = {},
): Promise<HeaderSignatures> {
  const block = readHeaderBlock(message);
  const keys: Record<string, KeyAnswer> = {};
  for (const name of keyQueries(block.headers)) {
    const r = records[name];
    keys[name] = r === undefined ? { status: 'none' } : typeof r === 'string' ? { status: 'ok', records: [r] } : r;
  }
  const body = options.headersOnly || block.bodyOffset === null ? undefined : message.slice(block.bodyOffset);
  return verifyHeaderSignatures(block.headers, { subtle, keys, body, now: options.now });
}
