// Verifies one DKIM-Signature or ARC-Message-Signature (RFC 6376 §6.1; RFC 8617 §5.1.1 for the AMS, which is
// a DKIM signature with i= in place of v=) over the header fields as they are now, and, when the whole
// message was given, its body hash. The key is an input (the lookup layer fetched it); WebCrypto is an input.
//
// The header check and the body check are reported apart: `status` says whether the signed header fields
// are exactly as signed, `body` whether bh= matches. A header-only paste can prove its headers.

import { parseDecimal, parseDkimSignature, signedHeaderList } from '../auth/dkim-signature';
import { parseTagList } from '../auth/tags';
import type { HeaderField } from '../types';
import { decodeBase64, encodeBase64, encodeUtf8, isAscii } from './bytes';
import { canonicalizeBody, canonicalizeHeader, parseCanonicalization, withoutSignatureValue } from './canonicalize';
import { hashBytes, importVerifyKey, parseSignAlgorithm, type SignAlgorithm, verifyHeaderData } from './crypto';
import { type KeyRecord, parseKeyRecord } from './key-record';
import { coverage, type SelectedField, selectSignedFields } from './select';
import type { DkimSubtle, KeyAnswer, SignatureFailure, SignatureVerification } from './types';

export interface VerifyOptions {
  subtle: DkimSubtle;
  /** The message body (everything after the blank line), when a whole message was given. */
  body?: string;
  /** The current time, ms since epoch, for x= (the core has no clock). */
  now?: number;
}

/** The DNS name of a signature's key (RFC 6376 §3.6.2.1). */
export function keyName(selector: string, domain: string): string {
  return `${selector}._domainkey.${domain}`.toLowerCase();
}

type KeyResolution =
  | { ok: true; record: KeyRecord }
  | { ok: false; status: 'temperror' | 'permerror'; failure: SignatureFailure; reason: string };

/** Turns a DNS answer into a key record, or the error it means for the signature (§6.1.2). */
export function resolveKey(answer: KeyAnswer | undefined, name: string): KeyResolution {
  if (answer === undefined) {
    return { ok: false, status: 'temperror', failure: 'key-lookup', reason: `the key ${name} was not fetched` };
  }
  if (answer.status === 'timeout' || answer.status === 'error') {
    return {
      ok: false,
      status: 'temperror',
      failure: 'key-lookup',
      reason: `key lookup for ${name} failed: ${answer.detail}`,
    };
  }
  // §3.6.2.2: several TXT records at one selector make the result undefined; like mailauth we take the first.
  const text = answer.status === 'ok' ? answer.records[0] : undefined;
  if (text === undefined) {
    return { ok: false, status: 'permerror', failure: 'key-missing', reason: `no key published at ${name}` };
  }
  const parsed = parseKeyRecord(text);
  if (!parsed.ok) {
    const failure = parsed.failure === 'key-revoked' ? 'key-revoked' : 'key-invalid';
    return { ok: false, status: 'permerror', failure, reason: `${parsed.reason} (${name})` };
  }
  return { ok: true, record: parsed.key };
}

type Outcome = Omit<SignatureVerification, 'kind' | 'header' | 'signedFields'> & { signedFields?: string[] };

function permerror(failure: SignatureFailure, reason: string): Outcome {
  return { status: 'permerror', body: 'unverified', failure, reason };
}

/** The octets b= signs: each selected field canonicalised with CRLF, then the signature field without b=. */
export function signedHeaderData(
  selected: SelectedField[],
  signatureRaw: string,
  canon: 'simple' | 'relaxed',
): { data: Uint8Array; ascii: boolean } {
  let text = '';
  for (const s of selected) if (s.field !== null) text += canonicalizeHeader(s.field.raw, canon) + '\r\n';
  text += withoutSignatureValue(canonicalizeHeader(signatureRaw, canon));
  return { data: encodeUtf8(text), ascii: isAscii(text) };
}

/** Verifies a DKIM-Signature or an ARC-Message-Signature field. Never throws. */
export async function verifySignatureField(
  kind: 'dkim' | 'arc-message-signature',
  field: HeaderField,
  headers: HeaderField[],
  keys: Record<string, KeyAnswer>,
  options: VerifyOptions,
): Promise<SignatureVerification> {
  const tags =
    kind === 'dkim' ? parseDkimSignature(field.value).tags : parseTagList(field.value, 'arc-message-signature').tags;
  const h = signedHeaderList(tags.h);
  const out: SignatureVerification = {
    kind,
    header: field.index,
    status: 'permerror',
    body: 'unverified',
    reason: '',
    signedFields: [],
  };
  if (kind === 'arc-message-signature') {
    const instance = tags.i === undefined ? undefined : parseDecimal(tags.i);
    if (instance !== undefined) out.instance = instance;
  }
  if (tags.d) out.domain = tags.d.toLowerCase();
  if (tags.s) out.selector = tags.s;
  if (tags.a) out.algorithm = tags.a.toLowerCase();

  const selected = selectSignedFields(headers, h, field.index);
  const cover = coverage(headers, selected);
  out.signedFields = cover.signed;
  if (cover.unsigned.length > 0) out.unsignedFields = cover.unsigned;
  if (cover.oversigned.length > 0) out.oversignedFields = cover.oversigned;

  const result = await check(kind, field, headers, tags, h, selected, keys, options);
  Object.assign(out, result);
  if (out.failure === undefined) delete out.failure;
  return out;
}

async function check(
  kind: 'dkim' | 'arc-message-signature',
  field: HeaderField,
  headers: HeaderField[],
  tags: Record<string, string>,
  h: string[],
  selected: SelectedField[],
  keys: Record<string, KeyAnswer>,
  options: VerifyOptions,
): Promise<Outcome> {
  const required = kind === 'dkim' ? ['v', 'a', 'b', 'bh', 'd', 'h', 's'] : ['i', 'a', 'b', 'bh', 'd', 'h', 's'];
  const missing = required.filter((t) => !tags[t]);
  if (missing.length > 0)
    return permerror('malformed', `required tag${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')}`);
  if (kind === 'dkim' && tags.v !== '1') return permerror('malformed', `v=${tags.v}: only version 1 exists`);
  const algorithm = parseSignAlgorithm(tags.a);
  if (algorithm === undefined || (kind !== 'dkim' && algorithm === 'rsa-sha1')) {
    return permerror(
      'unsupported-algorithm',
      `a=${tags.a} is not a signing algorithm ${kind === 'dkim' ? 'DKIM' : 'ARC'} defines`,
    );
  }
  const canon = parseCanonicalization(tags.c);
  if (canon === undefined) return permerror('unsupported-algorithm', `c=${tags.c} is not a known canonicalisation`);
  if (kind === 'dkim' && !h.includes('from'))
    return permerror('from-not-signed', 'h= does not include From (RFC 6376 §6.1.1)');
  const domain = tags.d!.toLowerCase();
  const signature = decodeBase64(tags.b!);
  const bodyHash = decodeBase64(tags.bh!);
  if (signature === undefined || bodyHash === undefined) return permerror('malformed', 'b= or bh= is not base64');
  let bodyLimit: number | undefined;
  if (tags.l !== undefined) {
    bodyLimit = parseDecimal(tags.l);
    if (bodyLimit === undefined) return permerror('malformed', `l=${tags.l} is not a number`);
  }

  const name = keyName(tags.s!, domain);
  const resolved = resolveKey(keys[name], name);
  if (!resolved.ok)
    return { status: resolved.status, body: 'unverified', failure: resolved.failure, reason: resolved.reason };
  const record = resolved.record;
  if (kind === 'dkim' && tags.i !== undefined) {
    const identityDomain = tags.i.slice(tags.i.lastIndexOf('@') + 1).toLowerCase();
    const inside = identityDomain === domain || (!record.strict && identityDomain.endsWith(`.${domain}`));
    if (!inside)
      return permerror(
        'identity-mismatch',
        `i=${tags.i} is not within d=${domain}${record.strict ? ' (key has t=s)' : ''}`,
      );
  }
  const keyType = algorithm.startsWith('ed25519') ? 'ed25519' : 'rsa';
  if (record.keyType !== keyType) return permerror('key-mismatch', `a=${algorithm} but the key is k=${record.keyType}`);
  const hash = algorithm.endsWith('sha1') ? 'sha1' : 'sha256';
  if (record.hashes !== undefined && !record.hashes.includes(hash)) {
    return permerror('key-mismatch', `the key allows h=${record.hashes.join(':')}, not ${hash}`);
  }
  const imported = await importVerifyKey(options.subtle, record, algorithm);
  if (!imported.ok) {
    const out = permerror(imported.failure, `${imported.reason} (${name})`);
    if (imported.bits !== undefined) out.keyBits = imported.bits;
    return out;
  }

  const { data, ascii } = signedHeaderData(selected, field.raw, canon.header);
  const valid = await verifyHeaderData(options.subtle, imported.key, algorithm, signature, data);
  const out: Outcome = { status: valid ? 'pass' : 'fail', body: 'unverified', reason: '' };
  if (imported.bits !== undefined) out.keyBits = imported.bits;
  if (record.testing) out.testing = true;
  const expiration = tags.x === undefined ? undefined : parseDecimal(tags.x);
  if (expiration !== undefined && options.now !== undefined && expiration * 1000 < options.now) out.expired = true;

  if (options.body !== undefined) {
    const canonical = encodeUtf8(canonicalizeBody(options.body, canon.body));
    const hashed =
      bodyLimit !== undefined && bodyLimit < canonical.length ? canonical.subarray(0, bodyLimit) : canonical;
    const actual = await hashBytes(options.subtle, algorithm, hashed);
    out.body = encodeBase64(actual) === encodeBase64(bodyHash) ? 'pass' : 'fail';
    if (bodyLimit !== undefined) out.bodyLength = { signed: bodyLimit, total: canonical.length };
  } else if (bodyLimit !== undefined) {
    out.bodyLength = { signed: bodyLimit };
  }

  if (!valid) {
    out.failure = 'signature';
    out.reason = failureReason(domain, field.index, selected, h, ascii, headers);
  } else {
    out.reason = passReason(domain, selected, algorithm);
    if (out.body === 'fail') out.failure = 'body-hash';
  }
  if (out.body === 'fail') out.reason += ' The body was changed after signing: its hash does not match bh=.';
  if (out.body === 'pass' && out.bodyLength?.total !== undefined && out.bodyLength.total > out.bodyLength.signed) {
    out.reason += ` Only the first ${out.bodyLength.signed} of ${out.bodyLength.total} body bytes are signed (l=); the rest could have been added by anyone.`;
  }
  if (algorithm === 'rsa-sha1') out.reason += ' rsa-sha1 is no longer secure (RFC 8301).';
  if (out.expired) out.reason += ` The signature expired (x=${tags.x}).`;
  if (record.testing) out.reason += ' The key is marked as testing (t=y).';
  return out;
}

function passReason(domain: string, selected: SelectedField[], algorithm: SignAlgorithm): string {
  const names = [...new Set(selected.filter((s) => s.field !== null).map((s) => s.field!.name.trim()))];
  return `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} exactly as signed by ${domain} (${algorithm}).`;
}

/**
 * Why b= may not verify. A signature cannot say which byte changed, but the shape of the header block
 * often can: a signed field now missing, or more instances of a field than h= covers.
 */
function failureReason(
  domain: string,
  self: number,
  selected: SelectedField[],
  h: string[],
  ascii: boolean,
  headers: HeaderField[],
): string {
  const hints: string[] = [];
  const counts = new Map<string, number>();
  for (const name of h) counts.set(name, (counts.get(name) ?? 0) + 1);
  const present = new Map<string, number>();
  for (const s of selected) if (s.field !== null) present.set(s.name, (present.get(s.name) ?? 0) + 1);
  for (const [name, listed] of counts) {
    const found = present.get(name) ?? 0;
    if (found === 0 && listed === 1) hints.push(`h= signs ${name} but the message has none: it may have been removed`);
    const inMessage = headers.filter((f) => f.index !== self && f.name.trim().toLowerCase() === name).length;
    if (inMessage > listed) {
      hints.push(
        `the message has ${inMessage} ${name} fields and h= covers ${listed}: one was added, below a signed one (RFC 6376 §5.4.2)`,
      );
    }
  }
  if (!ascii) {
    hints.push(
      'the signed fields contain non-ASCII text; if the message was not UTF-8 its bytes could not be restored',
    );
  }
  const base = `The signature by ${domain} does not verify: a signed header field (${[...counts.keys()].join(', ')}) or the signature itself was changed after signing.`;
  return hints.length > 0 ? `${base} Hint: ${hints.join('; ')}.` : base;
}
