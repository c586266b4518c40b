// Flags from header-signature verification (DESIGN.md §6), as data for the flag table: each cites the
// signature field and, where one is involved, the Authentication-Results field.

import { aligned } from '../auth/alignment';
import { parseTagList } from '../auth/tags';
import type { Analysis, Flag } from '../types';
import type { SignatureVerification } from './types';

/** The fields named in a "good" title, in this order, when the signature covers them. */
const TITLE_FIELDS = ['from', 'subject', 'date', 'to', 'reply-to', 'message-id'];

function fromDomain(analysis: Analysis): string | undefined {
  if (analysis.auth.alignment.fromDomain) return analysis.auth.alignment.fromDomain;
  const address = analysis.summary.from?.address;
  const at = address?.lastIndexOf('@') ?? -1;
  return address !== undefined && at >= 0 ? address.slice(at + 1).toLowerCase() : undefined;
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Flags for verified signatures. Pure; `signatures` comes from verifyHeaderSignatures. */
export function signatureFlags(analysis: Analysis, signatures: SignatureVerification[]): Flag[] {
  const flags: Flag[] = [];
  const from = fromDomain(analysis);
  const goodDomains = new Set<string>();

  for (const sig of signatures) {
    if (sig.kind !== 'dkim') continue;
    const evidence = [{ header: sig.header }];

    if (sig.status === 'fail') {
      const claim = trustedPassFor(analysis, sig);
      if (claim !== undefined) {
        flags.push({
          id: 'dkim-signature-broken-after-pass',
          severity: 'danger',
          title: `The signature by ${sig.domain} no longer verifies, yet your provider said it passed`,
          detail:
            `The trusted Authentication-Results says dkim=pass for ${sig.domain}, but the signed header fields ` +
            `(${sig.signedFields.join(', ')}) are no longer as signed. They were changed after your provider ` +
            'checked them: by your own mail system (subject tagging, a rewriting gateway) or by someone editing the message.',
          evidence: [...evidence, { header: claim }],
        });
      }
    }

    if (sig.status === 'pass' && sig.domain !== undefined && from !== undefined && aligned(sig.domain, from, 'r')) {
      if (!goodDomains.has(sig.domain)) {
        goodDomains.add(sig.domain);
        const lower = sig.signedFields.map((f) => f.toLowerCase());
        const named = TITLE_FIELDS.filter((f) => lower.includes(f)).map((f) => sig.signedFields[lower.indexOf(f)]!);
        const unsigned = sig.unsignedFields?.length ? ` Not covered: ${sig.unsignedFields.join(', ')}.` : '';
        const body =
          sig.body === 'pass'
            ? ' The body is as signed too.'
            : sig.body === 'fail'
              ? ' The body was changed after signing.'
              : ' The body was not checked (only headers were given).';
        flags.push({
          id: 'dkim-from-domain-signature-verified',
          severity: 'good',
          title: `${listNames(named)} ${named.length === 1 ? 'is' : 'are'} as signed by ${sig.domain}`,
          detail: `The DKIM signature by ${sig.domain}, the From domain's organisation, verifies over ${sig.signedFields.join(', ')}.${unsigned}${body}`,
          evidence,
        });
      }
    }

    const sha1 = sig.algorithm === 'rsa-sha1';
    if (sha1 || sig.failure === 'key-too-short') {
      flags.push({
        id: 'dkim-weak-signature',
        severity: 'warning',
        title: sha1
          ? `The signature by ${sig.domain} uses rsa-sha1`
          : `The signature by ${sig.domain} uses a short key`,
        detail: sha1
          ? 'RFC 8301 retired rsa-sha1: SHA-1 collisions are practical, so this signature proves less than it seems.'
          : `The key has ${sig.keyBits ?? 'too few'} bits; RSA keys under 1024 bits can be factored and are not valid (RFC 8301).`,
        evidence,
      });
    }

    const length = sig.bodyLength;
    if (length?.total !== undefined && length.total > length.signed) {
      flags.push({
        id: 'dkim-body-length-limit',
        severity: 'warning',
        title: `Only part of the body is signed by ${sig.domain}`,
        detail:
          `The signature has l=${length.signed}, and the body is ${length.total} bytes after canonicalisation: ` +
          'anyone could have appended the rest without breaking the signature.',
        evidence,
      });
    }
  }
  return flags;
}

/** The trusted A-R field that says dkim=pass for this signature (header.d, and header.b when given). */
function trustedPassFor(analysis: Analysis, sig: SignatureVerification): number | undefined {
  if (sig.domain === undefined) return undefined;
  const field = analysis.headers[sig.header];
  const b = field ? (parseTagList(field.value).tags.b ?? '') : '';
  for (const ar of analysis.auth.results) {
    if (!ar.trusted || ar.kind !== 'authentication-results') continue;
    for (const r of ar.results) {
      if (r.method !== 'dkim' || r.result.toLowerCase() !== 'pass') continue;
      const d = (
        r.props['header.d'] ??
        r.props['header.i']?.slice(r.props['header.i'].lastIndexOf('@') + 1) ??
        ''
      ).toLowerCase();
      if (d !== sig.domain) continue;
      const prefix = r.props['header.b'];
      if (prefix !== undefined && !b.startsWith(prefix)) continue;
      return ar.header;
    }
  }
  return undefined;
}
