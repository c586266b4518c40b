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

export function ipTargets(analysis: Analysis): IpTarget[] {
  const byIp = new Map<string, IpTarget>();
  const add = (text: string | null | undefined, role: IpRole, hop: number | undefined, onlyPublic: boolean) => {
    if (!text) return;
    const parsed = parseIp(text);
    if (!parsed) return;
    const scope = ipScope(parsed.ip);
    if (onlyPublic && scope !== 'public') return;
    let target = byIp.get(parsed.ip);
    if (!target) {
      target = { ip: parsed.ip, version: parsed.version, scope, roles: [], hops: [] };
      byIp.set(parsed.ip, target);
    }
    if (!target.roles.includes(role)) target.roles.push(role);
    if (hop !== undefined && !target.hops.includes(hop)) target.hops.push(hop);
  };
  // Handoff and origin are kept even when private, so the report can say "not applicable" about them.
  add(analysis.handoff?.ip ?? analysis.summary.handoffIp, 'handoff', analysis.handoff?.hop, false);
  add(analysis.origin?.ip ?? analysis.summary.originIp, 'origin', analysis.origin?.hop, false);
  for (const hop of analysis.hops) add(hop.from.ip, 'hop', hop.index, true);
  return [...byIp.values()];
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
  for (const sig of analysis.auth.dkimSignatures) add(sig.domain, 'dkim');
  for (const r of s.replyTo ?? []) add(domainOf(r.address), 'reply-to');
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
