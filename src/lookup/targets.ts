// What an Analysis asks the network about: the handoff IP, the origin IP and every public hop IP; the
// From, Return-Path, DKIM d= and Reply-To domains.

import { isIpAddress, parseIp } from '../core/ip';
import { ipScope } from '../core/ip-scope';
import { registrableDomain } from '../core/psl';
import type { Analysis, IpScope } from '../core/types';
import type { DomainRole, IpRole } from './types';

export interface IpTarget {
  ip: string;
  version: 4 | 6;
  scope: IpScope;
  roles: IpRole[];
  hops: number[];
}

export interface DomainTarget {
  domain: string;
  registrableDomain: string | null;
  roles: DomainRole[];
}

/**
 * Distinct IPs looked up at most, the handoff and origin included: a forged path can name thousands, and each
 * costs a PTR, an ASN and a query per blocklist. Beyond it the hops nearest the handoff are kept.
 */
export const MAX_IP_TARGETS = 30;
/** DKIM signing domains, and Reply-To domains, looked up at most: a message can carry thousands of either. */
export const MAX_LISTED_DOMAINS = 10;

/** The IPs to look up, and how many public hop IPs were left out (MAX_IP_TARGETS). */
export function ipTargets(analysis: Analysis): { targets: IpTarget[]; skipped: number } {
  const byIp = new Map<string, IpTarget>();
  const add = (ip: string, version: 4 | 6, scope: IpScope, role: IpRole, hop: number | undefined) => {
    let target = byIp.get(ip);
    if (!target) {
      target = { ip, version, scope, roles: [], hops: [] };
      byIp.set(ip, target);
    }
    if (!target.roles.includes(role)) target.roles.push(role);
    if (hop !== undefined && !target.hops.includes(hop)) target.hops.push(hop);
  };
  const read = (text: string | null | undefined) => {
    const parsed = text ? parseIp(text) : undefined;
    return parsed ? { ...parsed, scope: ipScope(parsed.ip) } : undefined;
  };
  // Handoff and origin are kept even when private, so the report can say "not applicable" about them.
  for (const [text, role, hop] of [
    [analysis.handoff?.ip ?? analysis.summary.handoffIp, 'handoff', analysis.handoff?.hop],
    [analysis.origin?.ip ?? analysis.summary.originIp, 'origin', analysis.origin?.hop],
  ] as const) {
    const ip = read(text);
    if (ip) add(ip.ip, ip.version, ip.scope, role, hop);
  }
  const hopIps = analysis.hops.map((hop) => {
    const ip = read(hop.from.ip);
    return ip?.scope === 'public' ? ip : undefined;
  });
  // Over the cap, the hops nearest the handoff (newest first) are the ones kept.
  const kept = new Set(byIp.keys());
  const skipped = new Set<string>();
  for (let k = hopIps.length - 1; k >= 0; k--) {
    const ip = hopIps[k];
    if (ip === undefined || kept.has(ip.ip)) continue;
    if (kept.size < MAX_IP_TARGETS) kept.add(ip.ip);
    else skipped.add(ip.ip);
  }
  analysis.hops.forEach((hop, k) => {
    const ip = hopIps[k];
    if (ip !== undefined && kept.has(ip.ip)) add(ip.ip, ip.version, ip.scope, 'hop', hop.index);
  });
  return { targets: [...byIp.values()], skipped: skipped.size };
}

export function domainTargets(analysis: Analysis): DomainTarget[] {
  const byDomain = new Map<string, DomainTarget>();
  const add = (text: string | undefined, role: DomainRole) => {
    const domain = normaliseDomain(text);
    if (!domain) return;
    let target = byDomain.get(domain);
    if (!target) {
      // The core's Public Suffix List lookup, so that the lookups and the alignment agree on a domain.
      // normaliseDomain lets an all-digit name like 192.0.2.1 through (its labels are LDH): it has none.
      target = { domain, registrableDomain: isIpAddress(domain) ? null : registrableDomain(domain), roles: [] };
      byDomain.set(domain, target);
    }
    if (!target.roles.includes(role)) target.roles.push(role);
  };
  const s = analysis.summary;
  add(domainOf(s.from?.address), 'from');
  add(domainOf(s.returnPath), 'return-path');
  for (const sig of analysis.auth.dkimSignatures.slice(0, MAX_LISTED_DOMAINS)) add(sig.domain, 'dkim');
  for (const r of (s.replyTo ?? []).slice(0, MAX_LISTED_DOMAINS)) add(domainOf(r.address), 'reply-to');
  return [...byDomain.values()];
}

function domainOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const at = address.lastIndexOf('@');
  return at === -1 ? undefined : address.slice(at + 1);
}

/** A lower-case host name of LDH labels (RFC 1123 §2.1), or undefined: we never send junk to a resolver. */
export function normaliseDomain(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let d = text.trim().toLowerCase().replace(/^<|>$/g, '');
  if (d.endsWith('.')) d = d.slice(0, -1);
  if (d.length === 0 || d.length > 253 || !d.includes('.')) return undefined;
  for (const label of d.split('.')) {
    if (!/^[a-z0-9_](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) return undefined;
  }
  return d;
}
