// What the recipient's authentication results say, and what the signatures themselves show (RFC 8601, 7489, 6376).

import type { Analysis, Evidence, Verdict } from '../../types';
import type { Finding, FlagRule } from '../index';
import { ev, one } from './shared';

/** A verdict-failure rule: which results are how bad for one method of the trusted A-R. */
function verdictRule(
  id: string,
  title: string,
  pick: (a: Analysis) => Verdict[],
  severities: Record<string, 'danger' | 'warning' | 'info'>,
): FlagRule {
  return {
    id,
    severity: 'danger',
    title,
    // A plain loop rather than flatMap: five of these run on every message, and flatMap's generic
    // flattening and per-verdict arrays cost more than the check itself.
    check: ({ analysis }) => {
      const findings: Finding[] = [];
      for (const v of pick(analysis)) {
        const result = v.result.toLowerCase();
        const severity = Object.hasOwn(severities, result) ? severities[result] : undefined;
        if (!severity) continue;
        const d = v.props['header.d'] ?? v.props['smtp.mailfrom'] ?? v.props['header.from'];
        findings.push({
          severity,
          detail: `The recipient's server recorded ${v.method}=${v.result}${d ? ` for ${d}` : ''}${v.reason ? ` (${v.reason})` : ''}.`,
          evidence: ev(v),
        });
      }
      return findings;
    },
  };
}

export const AUTHENTICATION_RULES: readonly FlagRule[] = [
  verdictRule('spf-fail', 'SPF failed', (a) => one(a.auth.spf), {
    fail: 'danger',
    softfail: 'warning',
    permerror: 'warning',
    temperror: 'info',
  }),
  verdictRule('dkim-fail', 'DKIM signature failed', (a) => a.auth.dkim ?? [], {
    fail: 'danger',
    permerror: 'warning',
    temperror: 'info',
    neutral: 'info',
  }),
  verdictRule('dmarc-fail', 'DMARC failed', (a) => one(a.auth.dmarc), {
    fail: 'danger',
    permerror: 'warning',
    temperror: 'info',
  }),
  verdictRule('arc-fail', 'ARC chain failed', (a) => one(a.auth.arc), { fail: 'warning' }),
  verdictRule('compauth-fail', 'Microsoft composite authentication failed', (a) => one(a.auth.compauth), {
    fail: 'danger',
    softpass: 'info',
  }),
  {
    id: 'from-not-aligned',
    severity: 'warning',
    title: 'No authenticated domain matches the From domain',
    check: ({ analysis: a }) => {
      const al = a.auth.alignment;
      if (!al.fromDomain || (al.spfAligned === undefined && al.dkimAligned === undefined)) return [];
      if (al.spfAligned || al.dkimAligned) return [];
      if (a.auth.dmarc && a.auth.dmarc.result.toLowerCase() === 'fail') return []; // dmarc-fail says it already
      const evidence: Evidence[] = [];
      if (a.auth.spf)
        evidence.push(
          ...ev(a.auth.spf, `spf=${a.auth.spf.result} smtp.mailfrom=${a.auth.spf.props['smtp.mailfrom'] ?? '?'}`),
        );
      for (const d of a.auth.dkim ?? [])
        evidence.push(...ev(d, `dkim=${d.result} header.d=${d.props['header.d'] ?? '?'}`));
      return [
        {
          detail: `Neither the SPF domain nor a passing DKIM signature belongs to ${al.fromDomain}: the From address is not vouched for.`,
          evidence,
        },
      ];
    },
  },
  {
    id: 'injected-auth-results',
    severity: 'danger',
    title: 'Authentication-Results forged into the message',
    check: ({ injected }) =>
      injected
        .filter((r) => r.results.some((x) => x.result.toLowerCase() === 'pass'))
        .map((r) => ({
          detail: `An Authentication-Results field claiming the recipient's own server (${r.authservId ?? 'Microsoft form'}) reports a pass, but it arrived with the message: receivers delete such fields (RFC 8601 §5).`,
          evidence: [{ header: r.header }],
        })),
  },
  {
    id: 'untrusted-auth-results',
    severity: 'info',
    title: 'Authentication results from a server other than the recipient',
    check: ({ analysis: a, injected }) =>
      a.auth.results
        .filter((r) => !r.trusted && r.kind === 'authentication-results' && !injected.includes(r))
        .slice(0, 3)
        .map((r) => ({
          detail: `${r.authservId ?? 'An unnamed server'} reports ${r.results.map((x) => `${x.method}=${x.result}`).join(', ') || 'nothing'}; shown as a claim, not as the verdict.`,
          evidence: [{ header: r.header }],
        })),
  },
  {
    id: 'dkim-body-length',
    severity: 'warning',
    title: 'DKIM signature covers only part of the body (l=)',
    check: ({ analysis: a }) =>
      a.auth.dkimSignatures
        .filter((s) => s.bodyLength !== undefined)
        .map((s) => ({
          detail: `The signature by ${s.domain ?? '?'} signs only the first ${s.bodyLength} bytes of the body; anything appended is unsigned.`,
          evidence: [{ header: s.header, text: `l=${s.bodyLength}` }],
        })),
  },
  {
    id: 'dkim-weak-algorithm',
    severity: 'warning',
    title: 'DKIM signature uses rsa-sha1',
    check: ({ analysis: a }) =>
      a.auth.dkimSignatures
        .filter((s) => s.algorithm?.toLowerCase() === 'rsa-sha1')
        .map((s) => ({
          detail: `The signature by ${s.domain ?? '?'} uses rsa-sha1, which RFC 8301 forbids for signing and verifiers treat as failed.`,
          evidence: [{ header: s.header, text: 'a=rsa-sha1' }],
        })),
  },
  {
    id: 'dmarc-aligned-pass',
    severity: 'good',
    title: 'DMARC passed with an aligned domain',
    check: ({ analysis: a }) => {
      const d = a.auth.dmarc;
      const al = a.auth.alignment;
      if (d?.result.toLowerCase() !== 'pass' || !(al.spfAligned || al.dkimAligned)) return [];
      return [
        {
          detail: `The recipient's server verified that ${al.fromDomain ?? 'the From domain'} sent this (${[al.dkimAligned ? 'DKIM' : '', al.spfAligned ? 'SPF' : ''].filter(Boolean).join(' and ')} aligned).`,
          evidence: ev(d),
        },
      ];
    },
  },
];
