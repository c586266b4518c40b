// The sender policies a domain publishes: SPF (RFC 7208 §4.5: the one TXT record starting "v=spf1") and
// DMARC (RFC 7489 §6.1: TXT at _dmarc.<domain> starting "v=DMARC1").

import type { Resolver } from './resolver';
import type { ItemState } from './types';

export interface PolicyRecord {
  record: string | null;
  state: ItemState;
}

export async function lookupSpf(domain: string, resolver: Resolver): Promise<PolicyRecord> {
  return readPolicy(await resolver.query(domain, 'TXT'), /^v=spf1(\s|$)/i, 'SPF', domain);
}

export async function lookupDmarc(domain: string, resolver: Resolver): Promise<PolicyRecord> {
  return readPolicy(await resolver.query(`_dmarc.${domain}`, 'TXT'), /^v=DMARC1\s*(;|$)/i, 'DMARC', domain);
}

function readPolicy(
  result: Awaited<ReturnType<Resolver['query']>>,
  marker: RegExp,
  kind: string,
  domain: string,
): PolicyRecord {
  if (result.status === 'timeout' || result.status === 'error') {
    return { record: null, state: { status: result.status, detail: result.detail } };
  }
  const records = result.status === 'ok' ? result.records.map((r) => r.data).filter((t) => marker.test(t)) : [];
  if (records.length === 0)
    return { record: null, state: { status: 'none', detail: `${domain} publishes no ${kind} record` } };
  if (records.length > 1) {
    // RFC 7208 §4.5 / RFC 7489 §6.6.3: more than one record is an error (SPF permerror, DMARC none).
    return {
      record: records[0]!,
      state: { status: 'error', detail: `${domain} publishes ${records.length} ${kind} records` },
    };
  }
  return { record: records[0]!, state: { status: 'ok' } };
}
