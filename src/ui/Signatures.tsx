// What the headers alone prove: the verified DKIM signatures and ARC chain from the lookups (enrichment
// .signatures / .arc), shown inside the authentication panel next to the signatures they belong to.

import type {
  ArcInstanceReport,
  ArcVerification,
  BodyStatus,
  SignatureFailure,
  SignatureKind,
  SignatureVerification,
} from '../core/dkim/types';
import { authTone } from './format';
import type { LookupState } from './lookups-client';
import { trustedSealerFor } from './sealers';

/** Where signature verification stands for this report. */
export type SignatureChecks =
  /** Lookups not asked (tests, or before the settings are read): nothing to say. */
  | { state: 'none' }
  | { state: 'verifying' }
  /** Nothing more will arrive and there are no results: why, in words. */
  | { state: 'unverified'; why: string }
  | { state: 'verified'; signatures: SignatureVerification[]; arc: ArcVerification | undefined };

/** Reads the lookup state. It leaves `running` on the lookups' own deadline, so "verifying…" never lasts. */
export function signatureChecks(lookup: LookupState | null | undefined): SignatureChecks {
  if (!lookup) return { state: 'none' };
  if (lookup.state === 'off') return { state: 'unverified', why: 'lookups are off, and the signing keys are in DNS' };
  const signatures = lookup.enrichment?.signatures;
  if (signatures) return { state: 'verified', signatures, arc: lookup.enrichment?.arc };
  if (lookup.state === 'running') return { state: 'verifying' };
  if (lookup.state === 'stalled') return { state: 'unverified', why: 'the keys gave no answer in time' };
  if (lookup.state === 'error') return { state: 'unverified', why: 'the lookups stopped' };
  return { state: 'unverified', why: 'they name no key that could be looked up, or this browser cannot check them' };
}

const KIND_LABEL: Record<SignatureKind, string> = {
  dkim: 'DKIM',
  'arc-seal': 'Seal',
  'arc-message-signature': 'Message signature',
};

/** The check that failed, in a few words (the reason sentence says more). */
const FAILURE_WORDS: Record<SignatureFailure, string> = {
  signature: 'signed fields changed',
  'body-hash': 'body hash differs',
  malformed: 'malformed',
  'from-not-signed': 'From not signed',
  'identity-mismatch': 'i= outside d=',
  'unsupported-algorithm': 'unsupported algorithm',
  'runtime-unsupported': 'algorithm not available in this browser',
  'key-missing': 'no key in DNS',
  'key-revoked': 'key revoked',
  'key-too-short': 'key too short',
  'key-invalid': 'invalid key record',
  'key-mismatch': 'key does not allow this algorithm',
  'key-lookup': 'key lookup failed',
  'arc-structure': 'broken ARC set',
};

const BODY: Record<Exclude<BodyStatus, 'not-applicable'>, [string, string]> = {
  pass: ['body as signed', 'good'],
  fail: ['body changed', 'danger'],
  unverified: ['body not checked', 'neutral'],
};

/** Field names once each (h= repeats a name to oversign it), as first written. */
function distinct(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function notes(sig: SignatureVerification): string[] {
  const out: string[] = [];
  if (sig.keyBits !== undefined) out.push(`${sig.keyBits}-bit key`);
  if (sig.algorithm === 'rsa-sha1') out.push('rsa-sha1 (retired by RFC 8301)');
  if (sig.testing) out.push('key in testing mode (t=y)');
  if (sig.expired) out.push('expired (x=)');
  if (sig.bodyLength)
    out.push(
      sig.bodyLength.total === undefined
        ? `l=${sig.bodyLength.signed}: only part of the body may be signed`
        : `l= signs ${sig.bodyLength.signed} of ${sig.bodyLength.total} body bytes`,
    );
  if (sig.oversignedFields?.length) out.push(`oversigned: ${sig.oversignedFields.join(', ')}`);
  return out;
}

/** "Proven as signed by example.com: From, To · Not covered: Reply-To", or what is not proven. */
export function coverageLine(sig: SignatureVerification): string {
  const fields = distinct(sig.signedFields).join(', ');
  const head = sig.status === 'pass' ? `Proven as signed by ${sig.domain ?? '?'}: ${fields}` : `Not proven: ${fields}`;
  const unsigned = sig.unsignedFields?.length ? ` · Not covered: ${sig.unsignedFields.join(', ')}` : '';
  return fields ? head + unsigned : `Nothing proven${unsigned}`;
}

/** One signature's verdict: status and failing check, body, key notes, reason, and the fields it proves. */
export function SignatureCheck({ sig }: { sig: SignatureVerification }) {
  const body = sig.body === 'not-applicable' ? undefined : BODY[sig.body];
  const extra = notes(sig);
  return (
    <div class="sig-check">
      <span class={`chip tone-${authTone(sig.status)}`}>
        {KIND_LABEL[sig.kind]} <strong>{sig.status}</strong>
        {sig.failure && ` (${FAILURE_WORDS[sig.failure]})`}
      </span>{' '}
      {body && <span class={`chip tone-${body[1]}`}>{body[0]}</span>}
      {extra.length > 0 && <span class="muted"> {extra.join(' · ')}</span>}
      <p class="trust-reason">{sig.reason}</p>
      {sig.kind !== 'arc-seal' && <p class="sig-fields">{coverageLine(sig)}</p>}
    </div>
  );
}

/** Stand-in while no result is there (why nothing was verified is said once, above the signatures). */
export function CheckPending({ checks }: { checks: SignatureChecks }) {
  if (checks.state === 'verifying') return <p class="status status-pending">verifying…</p>;
  if (checks.state === 'verified') return <p class="status status-none">not verified</p>;
  return null;
}

/** The result for the signature in header `header`, with its stand-in when there is none. */
export function SignatureResult({ checks, header }: { checks: SignatureChecks; header: number | undefined }) {
  const sig = checks.state === 'verified' ? checks.signatures.find((s) => s.header === header) : undefined;
  return sig ? <SignatureCheck sig={sig} /> : <CheckPending checks={checks} />;
}

export function ArcChainLine({ arc }: { arc: ArcVerification }) {
  return (
    <p class="sig-check">
      <span class={`chip tone-${authTone(arc.chain)}`}>
        ARC chain <strong>{arc.chain}</strong>
        {arc.failedInstance !== undefined && ` at i=${arc.failedInstance}`}
      </span>{' '}
      <span class="muted">{arc.reason}</span>
    </p>
  );
}

/**
 * One ARC instance: whether its sealer is one the user trusts (relied on only when the whole chain passes,
 * since a seal proves the sets it covers and nothing after a break), what its AAR vouches for, and the checks
 * of its seal and message signature.
 */
export function ArcInstanceCheck({
  checks,
  instance,
  trusted,
}: {
  checks: SignatureChecks;
  instance: number;
  trusted: readonly string[];
}) {
  if (checks.state !== 'verified' || !checks.arc) return <CheckPending checks={checks} />;
  const arc = checks.arc;
  const report: ArcInstanceReport | undefined = arc.instances.find((i) => i.instance === instance);
  if (!report) return <CheckPending checks={checks} />;
  const sealer = trustedSealerFor(report.domain, trusted);
  const reliable = sealer !== undefined && report.seal === 'pass' && arc.chain === 'pass';
  return (
    <div class="sig-check">
      {sealer !== undefined && (
        <span
          class={`trust-tag ${reliable ? 'trusted' : 'untrusted'}`}
          title={
            reliable
              ? `You trust ${sealer} as a sealer and the chain verifies: you can rely on what it vouches for.`
              : `You trust ${sealer} as a sealer, but the chain does not verify: do not rely on it.`
          }
        >
          {reliable ? 'Trusted sealer' : 'Trusted sealer, not verified'}
        </span>
      )}{' '}
      <span class="sig-fields">
        {report.authservId ?? report.domain ?? '?'}
        {report.vouches.length > 0 ? ` vouches for: ${report.vouches.join(', ')}` : ' vouches for nothing'}
      </span>
      <SignatureResult checks={checks} header={report.headers.seal} />
      <SignatureResult checks={checks} header={report.headers.messageSignature} />
    </div>
  );
}
