// Network owner of an IP: Team Cymru's IP-to-ASN DNS interface first, RIPEstat as the fallback.
// https://team-cymru.com/community-services/ip-asn-mapping/ (DNS: origin.asn.cymru.com TXT
//   "23028 | 216.90.108.0/24 | US | arin | 1998-09-25", then AS23028.asn.cymru.com TXT
//   "23028 | US | arin | 2002-01-04 | TEAMCYMRU - SAUNET, US")
// https://stat.ripe.net/docs/data_api#prefix-overview (data.asns[].{asn, holder}, data.resource)

import { parseIp } from '../core/ip';
import { reversedIp } from './dnsbl';
import type { JsonClient } from './http-json';
import type { Resolver } from './resolver';
import type { AsnInfo, ItemState } from './types';

export const RIPESTAT_URL = 'https://stat.ripe.net/data/prefix-overview/data.json';
/** RIPEstat answers are routing data refreshed every few hours. */
const RIPESTAT_TTL_SECONDS = 3600;

export async function lookupAsn(
  ip: string,
  resolver: Resolver,
  json: JsonClient,
  ripestatUrl: string,
): Promise<{ asn: AsnInfo | null; state: ItemState }> {
  const cymru = await cymruAsn(ip, resolver);
  if (cymru.asn) return cymru;
  const ripe = await ripestatAsn(ip, json, ripestatUrl);
  if (ripe.asn) return ripe;
  // Report Cymru's reason when RIPEstat has nothing better to say.
  return ripe.state.status === 'none' && cymru.state.status !== 'none' ? cymru : ripe;
}

export async function cymruAsn(ip: string, resolver: Resolver): Promise<{ asn: AsnInfo | null; state: ItemState }> {
  const parsed = parseIp(ip);
  const reversed = reversedIp(ip);
  if (!parsed || !reversed) return { asn: null, state: { status: 'not-applicable', detail: 'not an IP address' } };
  const zone = parsed.version === 4 ? 'origin.asn.cymru.com' : 'origin6.asn.cymru.com';
  const origin = await resolver.query(`${reversed}.${zone}`, 'TXT');
  if (origin.status === 'timeout' || origin.status === 'error') {
    return { asn: null, state: { status: origin.status, detail: `Team Cymru: ${origin.detail}` } };
  }
  const rows = origin.status === 'ok' ? origin.records.map((r) => splitFields(r.data)) : [];
  // Several origins are possible (MOAS, nested prefixes): the most specific prefix wins.
  const best = rows.filter((f) => /^\d+/.test(f[0] ?? '')).sort((a, b) => prefixLength(b[1]) - prefixLength(a[1]))[0];
  if (!best) return { asn: null, state: { status: 'none', detail: `Team Cymru has no route for ${ip}` } };
  const number = Number((best[0] ?? '').split(' ')[0]);
  const info: AsnInfo = {
    number,
    name: null,
    prefix: best[1] || null,
    country: best[2] || null,
    source: 'team-cymru',
  };
  if (best[3]) info.registry = best[3];
  const owner = await resolver.query(`AS${number}.asn.cymru.com`, 'TXT');
  if (owner.status === 'ok' && owner.records[0]) info.name = splitFields(owner.records[0].data)[4] || null;
  const state: ItemState =
    owner.status === 'timeout' || owner.status === 'error'
      ? { status: 'ok', detail: `AS name unavailable: ${owner.detail}` }
      : { status: 'ok' };
  return { asn: info, state };
}

export async function ripestatAsn(
  ip: string,
  json: JsonClient,
  baseUrl: string,
): Promise<{ asn: AsnInfo | null; state: ItemState }> {
  const url = `${baseUrl}?resource=${encodeURIComponent(ip)}`;
  const result = await json.get({ url, cacheKey: `ripestat:${ip}`, ttlSeconds: RIPESTAT_TTL_SECONDS });
  if (result.status !== 'ok')
    return { asn: null, state: { status: result.status, detail: `RIPEstat: ${result.detail}` } };
  const data = (result.body as { data?: { resource?: unknown; asns?: Array<{ asn?: unknown; holder?: unknown }> } })
    ?.data;
  const first = data?.asns?.[0];
  if (!first || typeof first.asn !== 'number') {
    return { asn: null, state: { status: 'none', detail: `RIPEstat has no route for ${ip}` } };
  }
  return {
    asn: {
      number: first.asn,
      name: typeof first.holder === 'string' ? first.holder : null,
      prefix: typeof data?.resource === 'string' && data.resource.includes('/') ? data.resource : null,
      country: null,
      source: 'ripestat',
    },
    state: { status: 'ok' },
  };
}

function splitFields(text: string): string[] {
  return text.split('|').map((f) => f.trim());
}

function prefixLength(prefix: string | undefined): number {
  const slash = prefix?.indexOf('/') ?? -1;
  return slash === -1 ? 0 : Number(prefix!.slice(slash + 1)) || 0;
}
