// Domain registration date over RDAP (RFC 9083), the registry found through IANA's bootstrap file
// (RFC 9224: services = [[["com", "net"], ["https://rdap.verisign.com/com/v1/"]], …]).

import type { JsonClient } from './http-json';
import type { ItemState } from './types';

export const IANA_RDAP_BOOTSTRAP = 'https://data.iana.org/rdap/dns.json';
/** IANA updates the bootstrap file rarely; a day is plenty. */
const BOOTSTRAP_TTL_SECONDS = 86_400;
/** Registration dates do not change; registrars rate-limit, so keep answers a day. */
const DOMAIN_TTL_SECONDS = 86_400;
const DAY_MS = 86_400_000;

export interface Registration {
  registered: string | null;
  ageDays: number | null;
  state: ItemState;
}

export async function lookupRegistration(
  domain: string,
  json: JsonClient,
  bootstrapUrl: string,
  now: number,
): Promise<Registration> {
  const boot = await json.get({
    url: bootstrapUrl,
    cacheKey: `rdap-bootstrap:${bootstrapUrl}`,
    ttlSeconds: BOOTSTRAP_TTL_SECONDS,
  });
  if (boot.status !== 'ok') return unknown(boot.status, `RDAP bootstrap: ${boot.detail}`);
  const base = rdapBaseFor(domain, boot.body);
  if (!base)
    return unknown('none', `no RDAP service for .${domain.slice(domain.lastIndexOf('.') + 1)} in the IANA bootstrap`);
  const url = `${base.endsWith('/') ? base : `${base}/`}domain/${encodeURIComponent(domain)}`;
  const answer = await json.get({ url, cacheKey: `rdap:${domain}`, ttlSeconds: DOMAIN_TTL_SECONDS });
  if (answer.status !== 'ok') return unknown(answer.status, `RDAP: ${answer.detail}`);
  const registered = registrationDate(answer.body);
  if (!registered) return unknown('none', 'the registry gives no registration date');
  return { registered, ageDays: Math.floor((now - Date.parse(registered)) / DAY_MS), state: { status: 'ok' } };
}

function unknown(status: ItemState['status'], detail: string): Registration {
  return { registered: null, ageDays: null, state: { status, detail } };
}

/** The first RDAP base URL whose TLD list matches the longest suffix of `domain` (RFC 9224 §4). */
export function rdapBaseFor(domain: string, bootstrap: unknown): string | undefined {
  const services = (bootstrap as { services?: unknown })?.services;
  if (!Array.isArray(services)) return undefined;
  const labels = domain.toLowerCase().split('.');
  for (let i = 0; i < labels.length; i++) {
    const suffix = labels.slice(i).join('.');
    for (const service of services) {
      if (!Array.isArray(service) || !Array.isArray(service[0]) || !Array.isArray(service[1])) continue;
      if (!service[0].includes(suffix)) continue;
      const urls = service[1].filter((u): u is string => typeof u === 'string');
      return urls.find((u) => u.startsWith('https:')) ?? urls[0];
    }
  }
  return undefined;
}

function registrationDate(body: unknown): string | undefined {
  const events = (body as { events?: Array<{ eventAction?: unknown; eventDate?: unknown }> })?.events;
  if (!Array.isArray(events)) return undefined;
  const event = events.find((e) => e?.eventAction === 'registration' && typeof e.eventDate === 'string');
  const date = event?.eventDate as string | undefined;
  return date !== undefined && !Number.isNaN(Date.parse(date)) ? new Date(Date.parse(date)).toISOString() : undefined;
}
