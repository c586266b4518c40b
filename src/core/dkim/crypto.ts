// The WebCrypto calls (RFC 8301 for RSA, RFC 8463 for Ed25519), through an injected `subtle` so the core
// stays free of platform globals. Nothing here implements cryptography; it only shapes the inputs.
//
// - rsa-sha256 / rsa-sha1: RSASSA-PKCS1-v1_5 over the canonicalised header data. WebCrypto binds the hash
//   to the key, so the key is imported per hash. p= is SubjectPublicKeyInfo DER (what every signer
//   publishes); a bare PKCS#1 RSAPublicKey, which RFC 6376 §3.6.1's wording also allows, is wrapped in an
//   SPKI header first.
// - ed25519-sha256: PureEdDSA over the SHA-256 digest of the header data (RFC 8463 §3); p= is the raw
//   32-byte key (§4). Node ≥ 18.4, Chrome ≥ 137, Firefox ≥ 129 and Safari ≥ 17 have Ed25519 in
//   WebCrypto; where importKey rejects it the signature is reported as `runtime-unsupported`.
// - RSA keys below 1024 bits are not valid (RFC 8301 §3.2).

import type { KeyRecord } from './key-record';
import type { DkimCryptoKey, DkimSubtle } from './types';

export const MIN_RSA_BITS = 1024;

export type SignAlgorithm = 'rsa-sha256' | 'rsa-sha1' | 'ed25519-sha256';

export type ImportedKey =
  | { ok: true; key: DkimCryptoKey; bits?: number }
  | { ok: false; failure: 'key-invalid' | 'key-too-short' | 'runtime-unsupported'; reason: string; bits?: number };

/** DER length octets. */
function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** SubjectPublicKeyInfo { rsaEncryption, NULL } around a PKCS#1 RSAPublicKey (RFC 3279 §2.3.1). */
function spkiFromPkcs1(pkcs1: Uint8Array): Uint8Array {
  const algorithm = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
  const bitString = [0x03, ...derLength(pkcs1.length + 1), 0x00];
  const innerLength = algorithm.length + bitString.length + pkcs1.length;
  const head = [0x30, ...derLength(innerLength), ...algorithm, ...bitString];
  const out = new Uint8Array(head.length + pkcs1.length);
  out.set(head, 0);
  out.set(pkcs1, head.length);
  return out;
}

function modulusBits(key: DkimCryptoKey): number | undefined {
  const bits = (key.algorithm as { modulusLength?: unknown }).modulusLength;
  return typeof bits === 'number' ? bits : undefined;
}

function isNotSupported(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NotSupportedError';
}

/** Imports the record's key for one algorithm. Never throws. */
export async function importVerifyKey(
  subtle: DkimSubtle,
  record: KeyRecord,
  algorithm: SignAlgorithm,
): Promise<ImportedKey> {
  if (algorithm === 'ed25519-sha256') {
    try {
      const key = await subtle.importKey('raw', record.publicKey, { name: 'Ed25519' }, false, ['verify']);
      return { ok: true, key };
    } catch (error) {
      if (isNotSupported(error)) {
        return { ok: false, failure: 'runtime-unsupported', reason: "this runtime's WebCrypto has no Ed25519" };
      }
      return { ok: false, failure: 'key-invalid', reason: 'p= is not an Ed25519 public key' };
    }
  }
  const params = { name: 'RSASSA-PKCS1-v1_5', hash: algorithm === 'rsa-sha1' ? 'SHA-1' : 'SHA-256' };
  let key: DkimCryptoKey | undefined;
  for (const der of [record.publicKey, spkiFromPkcs1(record.publicKey)]) {
    try {
      key = await subtle.importKey('spki', der, params, false, ['verify']);
      break;
    } catch {
      // try the next form
    }
  }
  if (key === undefined) return { ok: false, failure: 'key-invalid', reason: 'p= is not an RSA public key' };
  const bits = modulusBits(key);
  if (bits !== undefined && bits < MIN_RSA_BITS) {
    return {
      ok: false,
      failure: 'key-too-short',
      reason: `the RSA key has ${bits} bits; fewer than ${MIN_RSA_BITS} are not valid (RFC 8301)`,
      bits,
    };
  }
  return bits === undefined ? { ok: true, key } : { ok: true, key, bits };
}

/** Verifies b= over the canonicalised header data. Resolves false on any crypto error. */
export async function verifyHeaderData(
  subtle: DkimSubtle,
  key: DkimCryptoKey,
  algorithm: SignAlgorithm,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  try {
    if (algorithm === 'ed25519-sha256') {
      const digest = new Uint8Array(await subtle.digest('SHA-256', data));
      return await subtle.verify({ name: 'Ed25519' }, key, signature, digest);
    }
    return await subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, key, signature, data);
  } catch {
    return false;
  }
}

export async function hashBytes(subtle: DkimSubtle, algorithm: SignAlgorithm, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest(algorithm === 'rsa-sha1' ? 'SHA-1' : 'SHA-256', data));
}

export function parseSignAlgorithm(a: string | undefined): SignAlgorithm | undefined {
  const text = (a ?? '').toLowerCase();
  return text === 'rsa-sha256' || text === 'rsa-sha1' || text === 'ed25519-sha256' ? text : undefined;
}
