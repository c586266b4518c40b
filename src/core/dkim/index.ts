// Header signatures: what the headers alone prove (DKIM-Signature b= and the ARC chain), and with a whole
// message, the body hashes too. Two steps so the core never touches the network:
//   1. keyQueries(headers): the `selector._domainkey.domain` names whose TXT records are needed;
//   2. verifyHeaderSignatures(headers, { keys, subtle, body?, now? }) with the answers.

import { parseTagList } from '../auth/tags';
import type { HeaderField } from '../types';
import { verifyArc } from './arc';
import type { HeaderSignatures, KeyAnswer, SignatureVerification } from './types';
import { keyName, type VerifyOptions, verifySignatureField } from './verify';

export { signatureFlags } from './flags';
export { ARC_SEALERS, type ArcSealer } from './sealers';
export * from './types';
export type { VerifyOptions } from './verify';

const SIGNATURE_FIELDS = new Set(['dkim-signature', 'arc-seal', 'arc-message-signature']);

/** The key names (lower-cased, unique, in header order) the signatures of a header block need. */
export function keyQueries(headers: HeaderField[]): string[] {
  const names = new Set<string>();
  for (const field of headers) {
    if (!SIGNATURE_FIELDS.has(field.name.trim().toLowerCase())) continue;
    const { tags } = parseTagList(field.value);
    if (tags.s && tags.d && isDomainName(tags.d) && isLabelList(tags.s)) names.add(keyName(tags.s, tags.d));
  }
  return [...names];
}

/** Letters, digits, "-", "_" and dots between labels: a query name we are willing to send. */
function isLabelList(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 0x20;
    if (!((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46)) return false;
  }
  return !text.startsWith('.') && !text.endsWith('.') && !text.includes('..');
}

function isDomainName(text: string): boolean {
  return isLabelList(text) && text.includes('.');
}

export interface VerifyHeaderSignaturesOptions extends VerifyOptions {
  /** Answers for the names keyQueries returned; a missing name is reported as a temporary error. */
  keys: Record<string, KeyAnswer>;
}

/** Verifies every DKIM signature and the ARC chain of a header block. Never throws. */
export async function verifyHeaderSignatures(
  headers: HeaderField[],
  options: VerifyHeaderSignaturesOptions,
): Promise<HeaderSignatures> {
  const signatures: SignatureVerification[] = [];
  for (const field of headers) {
    if (field.name.trim().toLowerCase() !== 'dkim-signature') continue;
    signatures.push(await verifySignatureField('dkim', field, headers, options.keys, options));
  }
  const arc = await verifyArc(headers, options.keys, options);
  signatures.push(...arc.signatures);
  return { signatures, arc: arc.arc };
}
