// PTR and forward-confirmed reverse DNS (FCrDNS, RFC 8601 §3 "iprev"): the PTR names of the address,
// then each name's A/AAAA records; the address must come back. Receivers weigh a missing or unconfirmed
// PTR heavily, so a sending server without one is unusual.

import { parseIp } from '../core/ip';
import { reversedIp } from './dnsbl';
import type { Resolver } from './resolver';
import type { Fcrdns, ItemState } from './types';

export interface ReverseDns {
  ptrNames: string[];
  fcrdns: Fcrdns;
  ptr: ItemState;
  forward: ItemState;
}

/** At most this many PTR names are forward-checked (RFC 8601 §3 leaves the limit to the checker). */
const MAX_PTR_NAMES = 5;

export async function reverseDns(ip: string, resolver: Resolver): Promise<ReverseDns> {
  const parsed = parseIp(ip);
  const reversed = reversedIp(ip);
  if (parsed === undefined || reversed === undefined) {
    const na: ItemState = { status: 'not-applicable', detail: 'not an IP address' };
    return { ptrNames: [], fcrdns: 'unknown', ptr: na, forward: na };
  }
  const arpa = parsed.version === 4 ? `${reversed}.in-addr.arpa` : `${reversed}.ip6.arpa`;
  const ptr = await resolver.query(arpa, 'PTR');
  if (ptr.status === 'timeout' || ptr.status === 'error') {
    const state: ItemState = { status: ptr.status, detail: ptr.detail };
    return {
      ptrNames: [],
      fcrdns: 'unknown',
      ptr: state,
      forward: { status: 'not-applicable', detail: 'no PTR answer' },
    };
  }
  const names = ptr.status === 'ok' ? [...new Set(ptr.records.map((r) => stripDot(r.data)))] : [];
  if (names.length === 0) {
    return {
      ptrNames: [],
      fcrdns: 'no-ptr',
      ptr: { status: 'none', detail: `no PTR record for ${ip}` },
      forward: { status: 'not-applicable', detail: 'no PTR name to confirm' },
    };
  }
  const type = parsed.version === 4 ? 'A' : 'AAAA';
  const forwards = await Promise.all(names.slice(0, MAX_PTR_NAMES).map((n) => resolver.query(n, type)));
  if (forwards.some((f) => f.status === 'ok' && f.records.some((r) => parseIp(r.data)?.ip === parsed.ip))) {
    return { ptrNames: names, fcrdns: 'pass', ptr: { status: 'ok' }, forward: { status: 'ok' } };
  }
  const failed = forwards.find((f) => f.status === 'timeout' || f.status === 'error');
  if (failed && (failed.status === 'timeout' || failed.status === 'error')) {
    return {
      ptrNames: names,
      fcrdns: 'unknown',
      ptr: { status: 'ok' },
      forward: { status: failed.status, detail: failed.detail },
    };
  }
  return {
    ptrNames: names,
    fcrdns: 'fail',
    ptr: { status: 'ok' },
    forward: { status: 'ok', detail: `${names.join(', ')} does not resolve back to ${ip}` },
  };
}

function stripDot(name: string): string {
  return (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
}
