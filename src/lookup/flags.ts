// Flags derived from lookup answers (DESIGN.md §6 severities). Each cites its evidence: the hop the IP was
// read from and the answer that caused it.

import type { Analysis, Evidence, Flag } from '../core/types';
import { hostingNetwork } from './hosting';
import type { Enrichment, IpEnrichment } from './types';

/** A domain registered fewer days ago than this is a danger sign (phishing domains are used within days). */
export const YOUNG_DOMAIN_DAYS = 30;

export function lookupFlags(analysis: Analysis, e: Enrichment): Flag[] {
  const flags: Flag[] = [];
  for (const ip of Object.values(e.ips)) {
    const evidence = ipEvidence(analysis, ip);
    const listed = ip.blocklists.filter((b) => b.status === 'listed');
    if (listed.length > 0) {
      const handoff = ip.roles.includes('handoff');
      const what = listed.map((b) => `${b.zone} ${b.codes.join(',')}${b.meaning ? ` (${b.meaning})` : ''}`).join('; ');
      flags.push({
        id: handoff ? 'lookup-handoff-listed' : 'lookup-ip-listed',
        severity: handoff ? 'danger' : ip.roles.includes('origin') ? 'warning' : 'info',
        title: `${handoff ? 'Handoff' : ip.roles.includes('origin') ? 'Origin' : 'Hop'} IP ${ip.ip} is on ${listed.length} blocklist${listed.length > 1 ? 's' : ''}`,
        detail: what,
        evidence: [...evidence, ...listed.map((b) => ({ text: `${b.zone}: ${b.codes.join(', ')}` }))],
      });
    }
    if (ip.roles.includes('handoff') && ip.scope === 'public') {
      if (ip.fcrdns === 'no-ptr') {
        flags.push({
          id: 'lookup-handoff-no-ptr',
          severity: 'warning',
          title: `Handoff IP ${ip.ip} has no reverse DNS (PTR)`,
          detail: 'Legitimate mail servers almost always have a PTR record; receivers often reject mail without one.',
          evidence: [...evidence, { text: ip.status.ptr.detail ?? 'no PTR' }],
        });
      } else if (ip.fcrdns === 'fail') {
        flags.push({
          id: 'lookup-handoff-fcrdns-fail',
          severity: 'warning',
          title: `Reverse DNS of handoff IP ${ip.ip} is not forward-confirmed`,
          detail: `${ip.ptrNames.join(', ')} does not resolve back to ${ip.ip}.`,
          evidence: [...evidence, { text: `PTR ${ip.ptrNames.join(', ')}` }],
        });
      }
    }
    if ((ip.roles.includes('handoff') || ip.roles.includes('origin')) && ip.asn) {
      const hosting = hostingNetwork(ip.asn.number, ip.asn.name);
      if (hosting) {
        flags.push({
          id: 'lookup-hosting-network',
          severity: 'info',
          title: `${ip.roles.includes('handoff') ? 'Handoff' : 'Origin'} IP ${ip.ip} is in a hosting network`,
          detail: hosting.reason,
          evidence: [...evidence, { text: `AS${ip.asn.number}${ip.asn.name ? ` ${ip.asn.name}` : ''}` }],
        });
      }
    }
  }
  for (const d of Object.values(e.domains)) {
    if (d.ageDays !== null && d.ageDays < YOUNG_DOMAIN_DAYS) {
      flags.push({
        id: 'lookup-young-domain',
        severity: 'danger',
        title: `${d.registrableDomain ?? d.domain} was registered ${d.ageDays} day${d.ageDays === 1 ? '' : 's'} ago`,
        detail: `The ${d.roles.join(' / ')} domain is younger than ${YOUNG_DOMAIN_DAYS} days (RDAP registration ${d.registered}).`,
        evidence: [{ text: `${d.roles.join(', ')}: ${d.domain}` }],
      });
    }
    const listed = d.blocklists.filter((b) => b.status === 'listed');
    if (listed.length > 0) {
      flags.push({
        id: 'lookup-domain-listed',
        severity: 'danger',
        title: `${d.domain} is on ${listed.length} domain blocklist${listed.length > 1 ? 's' : ''}`,
        detail: listed.map((b) => `${b.zone} ${b.codes.join(',')} (${b.meaning ?? ''})`).join('; '),
        evidence: [{ text: `${d.roles.join(', ')}: ${d.domain}` }],
      });
    }
  }
  return flags;
}

function ipEvidence(analysis: Analysis, ip: IpEnrichment): Evidence[] {
  return ip.hops.map((hop) => {
    const header = analysis.hops[hop]?.header;
    return header === undefined ? { hop } : { hop, header };
  });
}
