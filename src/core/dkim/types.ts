// What header-signature verification reports (enrichment.signatures, enrichment.arc). These shapes are
// meant to move into src/core/types.ts when the lead wires them in; field names are the JSON contract.

/** The part of WebCrypto's SubtleCrypto that verification uses. Passed in, never read from a global. */
export interface DkimSubtle {
  importKey(
    format: 'spki' | 'raw',
    keyData: Uint8Array,
    algorithm: { name: string; hash?: string },
    extractable: boolean,
    keyUsages: 'verify'[],
  ): Promise<DkimCryptoKey>;
  verify(algorithm: { name: string }, key: DkimCryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

/** A CryptoKey as far as we read it (RSA keys carry modulusLength in their algorithm). */
export interface DkimCryptoKey {
  readonly algorithm: { readonly name: string };
}

/**
 * The DNS answer for `selector._domainkey.domain` TXT (RFC 6376 §3.6.2), as the lookup layer hands it over:
 * `ok` with the records' text (character-strings joined), `none` (NXDOMAIN or no TXT record),
 * `timeout` / `error` (the query failed; a temporary error of the signature).
 */
export type KeyAnswer =
  | { status: 'ok'; records: string[] }
  | { status: 'none'; detail?: string }
  | { status: 'timeout' | 'error'; detail: string };

export type SignatureKind = 'dkim' | 'arc-seal' | 'arc-message-signature';

/**
 * pass: the signed header fields are exactly as signed by d=. fail: they are not (see `failure`).
 * temperror: the key could not be fetched. permerror: the signature cannot be checked (malformed, no key,
 * revoked or short key, unknown algorithm).
 */
export type SignatureStatus = 'pass' | 'fail' | 'temperror' | 'permerror';

/**
 * unverified: only headers were given. pass / fail: bh= against the canonicalised body (l= honoured).
 * not-applicable: an ARC-Seal, which covers no body.
 */
export type BodyStatus = 'pass' | 'fail' | 'unverified' | 'not-applicable';

/** The check that decided a status other than pass. */
export type SignatureFailure =
  | 'signature' // b= does not verify over the header fields as they are now
  | 'body-hash' // bh= differs from the body's hash (in `body`, status may still be pass)
  | 'malformed' // a required tag is missing or invalid
  | 'from-not-signed' // h= lacks From (RFC 6376 §6.1.1)
  | 'identity-mismatch' // i= outside d= (or a subdomain under t=s)
  | 'unsupported-algorithm' // a= or c= unknown (or sha1 in ARC)
  | 'runtime-unsupported' // this runtime's WebCrypto lacks the algorithm (Ed25519 in an old browser)
  | 'key-missing' // no TXT record at selector._domainkey.domain
  | 'key-revoked' // p= empty
  | 'key-too-short' // RSA below 1024 bits (RFC 8301 §3.2)
  | 'key-invalid' // p= is not a key of the stated type, or the record is malformed
  | 'key-mismatch' // the key's k= or h= does not allow a=
  | 'key-lookup' // the DNS query timed out or failed
  | 'arc-structure'; // the ARC set is incomplete, duplicated or out of sequence

export interface SignatureVerification {
  kind: SignatureKind;
  /** Index into Analysis.headers of the signature field. */
  header: number;
  /** ARC instance (i=). */
  instance?: number;
  domain?: string;
  selector?: string;
  algorithm?: string;
  status: SignatureStatus;
  body: BodyStatus;
  failure?: SignatureFailure;
  /** One sentence for people: what was proven, or which check failed and what that suggests. */
  reason: string;
  /** The header fields the signature covers (names as written in the message), in h= order. */
  signedFields: string[];
  /** Fields a reader cares about (From, To, Subject, Date, Reply-To, Message-ID, …) that it does not cover. */
  unsignedFields?: string[];
  /** Names h= lists more often than the message has them: a further such field would break the signature. */
  oversignedFields?: string[];
  /** RSA modulus bits. */
  keyBits?: number;
  /** The key record says t=y (the domain is testing DKIM). */
  testing?: boolean;
  /** x= is before `now`: the signer stopped vouching for it (the status is still the cryptographic verdict). */
  expired?: boolean;
  /** l=: bytes of canonicalised body signed, and the canonicalised body's length when a body was given. */
  bodyLength?: { signed: number; total?: number };
}

export type ArcChainStatus = 'pass' | 'fail' | 'none' | 'temperror';

/** One ARC instance: who sealed it and what its ARC-Authentication-Results vouch for. */
export interface ArcInstanceReport {
  instance: number;
  /** ARC-Seal d= and s=. */
  domain?: string;
  selector?: string;
  cv?: string;
  seal: SignatureStatus;
  messageSignature: SignatureStatus;
  /** The AAR's authserv-id and its results as "method=result" (spf=pass, dkim=pass, dmarc=pass, …). */
  authservId?: string;
  vouches: string[];
  /** Header indices of the set's ARC-Seal, ARC-Message-Signature and ARC-Authentication-Results. */
  headers: { seal?: number; messageSignature?: number; authenticationResults?: number };
}

export interface ArcVerification {
  chain: ArcChainStatus;
  /** The instance whose check failed (its seal, its message signature, or its structure). */
  failedInstance?: number;
  reason: string;
  instances: ArcInstanceReport[];
}

export interface HeaderSignatures {
  signatures: SignatureVerification[];
  arc: ArcVerification;
}
