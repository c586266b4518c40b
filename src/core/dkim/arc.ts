// ARC chain validation (RFC 8617 §5.2), from headers alone: an ARC-Seal signs only ARC header fields, so the
// seals can be checked without the body; the newest ARC-Message-Signature is checked like a DKIM signature
// (its body hash only when the whole message was given).
//
//   1. No ARC sets: chain none.
//   2. The newest seal says cv=fail: chain fail (a sealer already saw it broken; nothing to validate).
//   3. Structure (§5.1.1): instances 1..N, each with exactly one AAR, AMS and AS; i=1 cv=none, later
//      cv=pass; no h= on a seal; relaxed canonicalisation only. Otherwise fail at that instance.
//   4. The AMS of instance N must verify. Older AMSs are verified for the report only: they are expected
//      to break as each hop changes the message, which is what ARC is for.
//   5. Every seal, N down to 1, must verify. The seal of instance i signs, in order, the AAR, AMS and AS of
//      instances 1..i, relaxed, the last AS with b= emptied and no final CRLF (§5.1.1).
//   6. Otherwise pass.

import { groupArcSets } from '../auth/arc';
import { parseArcAuthResults } from '../auth/authres';
import { parseTagList } from '../auth/tags';
import type { ArcSet, HeaderField } from '../types';
import { decodeBase64, encodeUtf8 } from './bytes';
import { relaxedHeader, withoutSignatureValue } from './canonicalize';
import { importVerifyKey, parseSignAlgorithm, verifyHeaderData } from './crypto';
import type { ArcInstanceReport, ArcVerification, KeyAnswer, SignatureFailure, SignatureVerification } from './types';
import { keyName, resolveKey, type VerifyOptions, verifySignatureField } from './verify';

export interface ArcResult {
  arc: ArcVerification;
  /** One entry per ARC-Seal and ARC-Message-Signature, newest instance first. */
  signatures: SignatureVerification[];
}

/** Verifies every ARC set and judges the chain. Never throws. */
export async function verifyArc(
  headers: HeaderField[],
  keys: Record<string, KeyAnswer>,
  options: VerifyOptions,
): Promise<ArcResult> {
  const { sets, diagnostics } = groupArcSets(headers);
  if (sets.length === 0) {
    return { arc: { chain: 'none', reason: 'The message has no ARC sets.', instances: [] }, signatures: [] };
  }
  const byIndex = new Map(headers.map((f) => [f.index, f]));
  const signatures: SignatureVerification[] = [];
  const reports: ArcInstanceReport[] = [];
  const seals = new Map<number, SignatureVerification>();
  const messageSignatures = new Map<number, SignatureVerification>();

  for (let k = sets.length - 1; k >= 0; k--) {
    const set = sets[k]!;
    const amsField = set.messageSignature ? byIndex.get(set.messageSignature.header) : undefined;
    if (amsField !== undefined) {
      const ams = await verifySignatureField('arc-message-signature', amsField, headers, keys, options);
      messageSignatures.set(set.instance, ams);
    }
    if (set.seal !== undefined) {
      const seal = await verifySeal(set, sets, byIndex, keys, options);
      seals.set(set.instance, seal);
    }
    const seal = seals.get(set.instance);
    const ams = messageSignatures.get(set.instance);
    if (seal) signatures.push(seal);
    if (ams) signatures.push(ams);
    reports.unshift(instanceReport(set, byIndex, seal, ams));
  }

  const arc = judge(
    sets,
    diagnostics.length > 0 ? diagnostics[0]!.message : undefined,
    diagnostics,
    seals,
    messageSignatures,
    options,
  );
  arc.instances = reports;
  return { arc, signatures };
}

function judge(
  sets: ArcSet[],
  firstProblem: string | undefined,
  diagnostics: { code: string; message: string; header?: number }[],
  seals: Map<number, SignatureVerification>,
  messageSignatures: Map<number, SignatureVerification>,
  options: VerifyOptions,
): ArcVerification {
  const newest = sets[sets.length - 1]!;
  const fail = (instance: number, reason: string): ArcVerification => ({
    chain: 'fail',
    failedInstance: instance,
    reason,
    instances: [],
  });
  if (newest.seal?.cv === 'fail')
    return fail(newest.instance, `The sealer of i=${newest.instance} recorded the chain as already broken (cv=fail).`);
  if (sets.length > 50) return fail(newest.instance, 'More than 50 ARC sets (RFC 8617 §4.2.1).');
  if (firstProblem !== undefined) {
    const d = diagnostics[0]!;
    const instance = sets.find((s) =>
      [s.seal?.header, s.messageSignature?.header, s.authenticationResults?.header].includes(d.header),
    )?.instance;
    return fail(instance ?? 1, `The ARC sets are malformed: ${firstProblem}`);
  }
  for (const set of sets) {
    const tags = set.seal?.tags ?? {};
    if (tags.h !== undefined)
      return fail(set.instance, `ARC-Seal i=${set.instance} has h=, which a seal must not have.`);
  }
  const ams = messageSignatures.get(newest.instance);
  if (ams === undefined || ams.status !== 'pass' || ams.body === 'fail') {
    if (ams?.status === 'temperror')
      return { chain: 'temperror', failedInstance: newest.instance, reason: ams.reason, instances: [] };
    const why =
      ams === undefined
        ? 'is missing'
        : ams.status !== 'pass'
          ? `does not verify: ${ams.reason}`
          : 'has a body hash that does not match';
    return fail(newest.instance, `The newest ARC-Message-Signature (i=${newest.instance}) ${why}`);
  }
  for (let k = sets.length - 1; k >= 0; k--) {
    const instance = sets[k]!.instance;
    const seal = seals.get(instance);
    if (seal?.status === 'temperror')
      return { chain: 'temperror', failedInstance: instance, reason: seal.reason, instances: [] };
    if (seal === undefined || seal.status !== 'pass') {
      return fail(instance, `The ARC-Seal of i=${instance} does not verify: ${seal?.reason ?? 'missing'}`);
    }
  }
  const sealers = sets.map((s) => s.seal?.domain ?? '?').join(' → ');
  const bodyNote = options.body === undefined ? ' (the body was not given, so its hash was not checked)' : '';
  return {
    chain: 'pass',
    reason: `Every seal verifies (${sealers}) and so does the newest message signature${bodyNote}.`,
    instances: [],
  };
}

/** The octets the seal of `set` signs (RFC 8617 §5.1.1). */
export function sealedData(set: ArcSet, sets: ArcSet[], byIndex: Map<number, HeaderField>): Uint8Array | undefined {
  let text = '';
  for (const s of sets) {
    if (s.instance > set.instance) break;
    const aar = s.authenticationResults && byIndex.get(s.authenticationResults.header);
    const ams = s.messageSignature && byIndex.get(s.messageSignature.header);
    const as = s.seal && byIndex.get(s.seal.header);
    if (!aar || !ams || !as) return undefined;
    text += relaxedHeader(aar.raw) + '\r\n' + relaxedHeader(ams.raw) + '\r\n';
    text += s.instance === set.instance ? withoutSignatureValue(relaxedHeader(as.raw)) : relaxedHeader(as.raw) + '\r\n';
  }
  return encodeUtf8(text);
}

async function verifySeal(
  set: ArcSet,
  sets: ArcSet[],
  byIndex: Map<number, HeaderField>,
  keys: Record<string, KeyAnswer>,
  options: VerifyOptions,
): Promise<SignatureVerification> {
  const seal = set.seal!;
  const field = byIndex.get(seal.header)!;
  const { tags } = parseTagList(field.value, 'arc-seal');
  const out: SignatureVerification = {
    kind: 'arc-seal',
    header: seal.header,
    instance: set.instance,
    status: 'permerror',
    body: 'not-applicable',
    reason: '',
    signedFields: [],
  };
  if (seal.domain) out.domain = seal.domain;
  if (seal.selector) out.selector = seal.selector;
  if (seal.algorithm) out.algorithm = seal.algorithm;
  const stop = (status: SignatureVerification['status'], failure: SignatureFailure, reason: string) => {
    out.status = status;
    out.failure = failure;
    out.reason = reason;
    return out;
  };

  const missing = ['i', 'a', 'b', 'cv', 'd', 's'].filter((t) => !tags[t]);
  if (missing.length > 0) return stop('permerror', 'malformed', `required tags missing: ${missing.join(', ')}`);
  const algorithm = parseSignAlgorithm(tags.a);
  if (algorithm === undefined || algorithm === 'rsa-sha1') {
    return stop('permerror', 'unsupported-algorithm', `a=${tags.a} is not an ARC signing algorithm`);
  }
  if (tags.c !== undefined && tags.c.toLowerCase() !== 'relaxed/relaxed' && tags.c.toLowerCase() !== 'relaxed') {
    return stop('permerror', 'unsupported-algorithm', `c=${tags.c}: a seal is always relaxed`);
  }
  const signature = decodeBase64(tags.b!);
  if (signature === undefined) return stop('permerror', 'malformed', 'b= is not base64');
  const data = sealedData(set, sets, byIndex);
  out.signedFields = sets
    .filter((s) => s.instance <= set.instance)
    .flatMap((s) => [
      `ARC-Authentication-Results i=${s.instance}`,
      `ARC-Message-Signature i=${s.instance}`,
      `ARC-Seal i=${s.instance}`,
    ]);
  if (data === undefined)
    return stop('fail', 'arc-structure', `an ARC set at or below i=${set.instance} is incomplete`);

  const name = keyName(tags.s!, tags.d!.toLowerCase());
  const resolved = resolveKey(keys[name], name);
  if (!resolved.ok) return stop(resolved.status, resolved.failure, resolved.reason);
  const keyType = algorithm === 'ed25519-sha256' ? 'ed25519' : 'rsa';
  if (resolved.record.keyType !== keyType)
    return stop('permerror', 'key-mismatch', `a=${algorithm} but the key is k=${resolved.record.keyType}`);
  const imported = await importVerifyKey(options.subtle, resolved.record, algorithm);
  if (!imported.ok) {
    if (imported.bits !== undefined) out.keyBits = imported.bits;
    return stop('permerror', imported.failure, `${imported.reason} (${name})`);
  }
  if (imported.bits !== undefined) out.keyBits = imported.bits;
  const valid = await verifyHeaderData(options.subtle, imported.key, algorithm, signature, data);
  if (!valid) {
    return stop(
      'fail',
      'signature',
      `The seal by ${tags.d} does not verify: an ARC header field at or below i=${set.instance} was changed after sealing.`,
    );
  }
  out.status = 'pass';
  out.reason = `The ARC sets 1–${set.instance} are exactly as ${tags.d} sealed them.`;
  return out;
}

function instanceReport(
  set: ArcSet,
  byIndex: Map<number, HeaderField>,
  seal: SignatureVerification | undefined,
  ams: SignatureVerification | undefined,
): ArcInstanceReport {
  const report: ArcInstanceReport = {
    instance: set.instance,
    seal: seal?.status ?? 'permerror',
    messageSignature: ams?.status ?? 'permerror',
    vouches: [],
    headers: {},
  };
  if (set.seal) {
    report.headers.seal = set.seal.header;
    if (set.seal.domain) report.domain = set.seal.domain;
    if (set.seal.selector) report.selector = set.seal.selector;
    if (set.seal.cv) report.cv = set.seal.cv;
  }
  if (set.messageSignature) report.headers.messageSignature = set.messageSignature.header;
  if (set.authenticationResults) {
    report.headers.authenticationResults = set.authenticationResults.header;
    const field = byIndex.get(set.authenticationResults.header);
    if (field) {
      const parsed = parseArcAuthResults(field.value);
      if (parsed.authservId) report.authservId = parsed.authservId;
      for (const r of parsed.results) {
        const d = r.props['header.d'] ?? r.props['header.i'] ?? r.props['header.from'] ?? r.props['smtp.mailfrom'];
        report.vouches.push(d ? `${r.method}=${r.result} (${d})` : `${r.method}=${r.result}`);
      }
    }
  }
  return report;
}
