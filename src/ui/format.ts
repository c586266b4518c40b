// Words and numbers as the report shows them. Every colour in the report has one of these labels beside it,
// so nothing is said by colour alone.

import type { Analysis, Flag, Severity, Zone } from '../core/types';

export const SEVERITY_ORDER: readonly Severity[] = ['danger', 'warning', 'info', 'good'];

export const SEVERITY_LABEL: Record<Severity, string> = {
  danger: 'Danger',
  warning: 'Warning',
  info: 'Info',
  good: 'Good',
};

export const VERDICT_LABEL: Record<Analysis['summary']['verdict'], string> = {
  danger: 'Dangerous',
  warning: 'Suspicious',
  ok: 'No problems found',
  unknown: 'No verdict',
};

export const ZONE_LABEL: Record<Zone, string> = {
  recipient: 'Recipient',
  handoff: 'Handoff',
  sender: 'Sender',
  unverified: 'Unverified',
};

export const ZONE_HINT: Record<Zone, string> = {
  recipient: "Written by the recipient's own servers: reliable",
  handoff: "Where the message entered the recipient's servers",
  sender: "Written by the sender's side: plausible, not verifiable",
  unverified: 'Below a break in the chain: may be forged',
};

/**
 * Within one severity, which findings say most about the message. A verdict the recipient's own filter wrote
 * (a phishing category) or an Authentication-Results header forged into the message outranks a failed
 * signature, which also happens to honest mail (mailing lists, forwarding). Unlisted ids come after these,
 * in the core's order.
 */
export const FLAG_IMPORTANCE: readonly string[] = [
  'recipient-filter-verdict',
  'injected-auth-results',
  'lookup-handoff-listed',
  'from-domain-lookalike',
  'lookup-young-domain',
  'lookup-domain-listed',
  'dmarc-fail',
  'compauth-fail',
  'display-name-address',
  'from-no-address',
  'hidden-characters',
  'from-not-aligned',
  'spf-fail',
  'dkim-fail',
  'handoff-claim-disagrees',
  'chain-broken',
  'impossible-client-address',
  'reply-to-differs',
];

function importance(flag: Flag): number {
  const rank = FLAG_IMPORTANCE.indexOf(flag.id);
  return rank === -1 ? FLAG_IMPORTANCE.length : rank;
}

/** Flags, worst first: by severity, then by importance; otherwise the core's order (the sort is stable). */
export function flagsBySeverity(flags: readonly Flag[]): Flag[] {
  return [...flags].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || importance(a) - importance(b),
  );
}

/** "0 s", "42 s", "3 min 5 s", "2 h 4 min", "1 d 3 h"; negative delays keep their sign. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '−' : '';
  let s = Math.round(Math.abs(seconds));
  if (s < 60) return `${sign}${s} s`;
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d > 0) return `${sign}${d} d${h ? ` ${h} h` : ''}`;
  if (h > 0) return `${sign}${h} h${m ? ` ${m} min` : ''}`;
  return `${sign}${m} min${s ? ` ${s} s` : ''}`;
}

/**
 * A hop's date as written by that server (ISO 8601 with its own offset), made readable without moving it
 * to the viewer's zone: "2025-03-04 09:15:02 +01:00". Zone shifts between hops are evidence, not noise.
 */
export function formatHopDate(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!match) return iso;
  const zone = match[3] === 'Z' ? 'UTC' : (match[3] ?? '');
  return `${match[1]} ${match[2]}${zone ? ` ${zone}` : ''}`;
}

/** The result word a user reads for an authentication verdict, and how it should look. */
export function authTone(result: string): 'good' | 'danger' | 'warning' | 'neutral' {
  switch (result.toLowerCase()) {
    case 'pass':
      return 'good';
    case 'fail':
    case 'hardfail':
    case 'permerror':
      return 'danger';
    case 'softfail':
    case 'temperror':
    case 'policy':
      return 'warning';
    default:
      return 'neutral';
  }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The verdict line's headline: the worst finding, or what the absence of findings means. */
export function headlineOf(analysis: Analysis, extraFlags: readonly Flag[] = []): string {
  const worst = flagsBySeverity([...analysis.flags, ...extraFlags]).find(
    (flag) => flag.severity === 'danger' || flag.severity === 'warning',
  );
  if (worst) return worst.title;
  if (analysis.summary.verdict === 'ok') {
    const dmarc = analysis.auth.dmarc;
    const domain = dmarc?.props['header.from'] ?? analysis.auth.alignment.fromDomain;
    return dmarc?.result === 'pass' && domain
      ? `DMARC passed for ${domain}; no warning signs.`
      : 'No warning signs were found.';
  }
  if (analysis.hops.length === 0) return 'No Received headers were found: paste the full headers to see the path.';
  return 'No findings either way.';
}

/** The verdict shown: the core's, made worse (never better) by findings from lookups. */
export function verdictOf(analysis: Analysis, extraFlags: readonly Flag[] = []): Analysis['summary']['verdict'] {
  const core = analysis.summary.verdict;
  if (extraFlags.some((f) => f.severity === 'danger')) return 'danger';
  if (extraFlags.some((f) => f.severity === 'warning') && core !== 'danger') return 'warning';
  return core;
}
