// The DKIM key record (RFC 6376 §3.6.1), the TXT text at `selector._domainkey.domain`:
//   v=DKIM1; k=rsa|ed25519; h=sha256; t=y:s; s=email; p=<base64>
// v= must be DKIM1 if present (and first); k= defaults to rsa (ed25519 from RFC 8463); h= lists the hash
// algorithms the key may be used with; t=y marks a domain testing DKIM, t=s forbids i= in a subdomain of
// d=; s= the service types (* or email); p= empty means the key was revoked (§3.6.1). Every problem is a
// permanent error of the signature (§6.1.2), reported with its reason.

import { parseTagList } from '../auth/tags';
import { decodeBase64 } from './bytes';

export type KeyType = 'rsa' | 'ed25519';

export interface KeyRecord {
  keyType: KeyType;
  /** p= decoded: SubjectPublicKeyInfo DER for rsa, the raw 32-byte key for ed25519 (RFC 8463 §4). */
  publicKey: Uint8Array;
  /** h= (lower-cased), absent when every hash is allowed. */
  hashes?: string[];
  /** t=y: the domain is testing DKIM; verifiers must not treat the message differently (§3.6.1). */
  testing: boolean;
  /** t=s: i= must be exactly d=, not a subdomain. */
  strict: boolean;
  notes?: string;
}

export type KeyFailure = 'key-syntax' | 'key-version' | 'key-revoked' | 'key-type' | 'key-service' | 'key-invalid';

export type ParsedKeyRecord = { ok: true; key: KeyRecord } | { ok: false; failure: KeyFailure; reason: string };

function colonList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .toLowerCase()
    .split(':')
    .filter((s) => s !== '');
}

/** Parses a key record's text (the TXT character-strings already joined). Never throws. */
export function parseKeyRecord(text: string): ParsedKeyRecord {
  const { tags, diagnostics } = parseTagList(text, 'dkim-key');
  if (diagnostics.some((d) => d.code === 'dkim-key-duplicate-tag')) {
    return { ok: false, failure: 'key-syntax', reason: 'the key record repeats a tag (RFC 6376 §3.2)' };
  }
  if (tags.v !== undefined && tags.v !== 'DKIM1') {
    return { ok: false, failure: 'key-version', reason: `the key record has v=${tags.v}, not DKIM1` };
  }
  if (tags.p === undefined) return { ok: false, failure: 'key-syntax', reason: 'the key record has no p= tag' };
  if (tags.p === '') return { ok: false, failure: 'key-revoked', reason: 'the key was revoked (empty p=)' };
  const k = (tags.k ?? 'rsa').toLowerCase();
  if (k !== 'rsa' && k !== 'ed25519') {
    return { ok: false, failure: 'key-type', reason: `the key record has k=${tags.k}, an unknown key type` };
  }
  const services = colonList(tags.s);
  if (services !== undefined && !services.includes('*') && !services.includes('email')) {
    return { ok: false, failure: 'key-service', reason: `the key is not for email (s=${tags.s})` };
  }
  const publicKey = decodeBase64(tags.p);
  if (publicKey === undefined || publicKey.length === 0) {
    return { ok: false, failure: 'key-invalid', reason: 'p= is not valid base64' };
  }
  if (k === 'ed25519' && publicKey.length !== 32) {
    return { ok: false, failure: 'key-invalid', reason: `an Ed25519 key is 32 bytes; p= has ${publicKey.length}` };
  }
  const flags = colonList(tags.t) ?? [];
  const key: KeyRecord = {
    keyType: k,
    publicKey,
    testing: flags.includes('y'),
    strict: flags.includes('s'),
  };
  const hashes = colonList(tags.h);
  if (hashes !== undefined) key.hashes = hashes;
  if (tags.n !== undefined && tags.n !== '') key.notes = tags.n;
  return { ok: true, key };
}
