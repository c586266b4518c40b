// The fixture zone on a local DoH server, with RDAP / IANA bootstrap / RIPEstat / AbuseIPDB JSON routes,
// and a minimal Analysis naming the fixture's IPs and domains.

import type { Analysis } from '../../src/core/types';
import { BEHAVIOURS, GOOGLE_HOP, HANDOFF, ORIGIN, RECORDS, V6_HOP } from '../fixtures/lookup/zone';
import { type DohTestServer, startDohServer } from './doh-server';

export const NOW = Date.parse('2026-06-20T12:00:00Z');
const DAY = 86_400_000;
export const ABUSEIPDB_KEY = 'abuseipdb-secret-key-0123456789';

export async function startFixtureServer(delayMs = 0): Promise<DohTestServer> {
  const routes: Record<string, unknown> = {};
  const server = await startDohServer({ records: RECORDS, behaviours: BEHAVIOURS, routes, delayMs });
  routes['/rdap/dns.json'] = { version: '1.0', services: [[['com', 'net', 'de'], [`${server.origin}/rdap/`]]] };
  routes['/rdap/domain/fresh-phish.com'] = {
    objectClassName: 'domain',
    ldhName: 'fresh-phish.com',
    events: [{ eventAction: 'registration', eventDate: new Date(NOW - 5 * DAY).toISOString() }],
  };
  routes['/rdap/domain/example-esp.com'] = {
    objectClassName: 'domain',
    events: [{ eventAction: 'registration', eventDate: '2005-04-01T00:00:00Z' }],
  };
  routes['/ripestat/data.json'] = (url: URL) =>
    url.searchParams.get('resource') === ORIGIN
      ? {
          status: 200,
          body: { data: { resource: '185.220.101.0/24', asns: [{ asn: 60729, holder: 'TORSERVERS-NET' }] } },
        }
      : { status: 200, body: { data: { asns: [] } } };
  routes['/abuseipdb/check'] = (url: URL) => ({
    status: 200,
    body: {
      data: { ipAddress: url.searchParams.get('ipAddress'), abuseConfidenceScore: 87, totalReports: 12, isp: 'Linode' },
    },
  });
  return server;
}

export function endpoints(server: DohTestServer) {
  return {
    rdapBootstrap: `${server.origin}/rdap/dns.json`,
    ripestat: `${server.origin}/ripestat/data.json`,
    abuseipdb: `${server.origin}/abuseipdb/check`,
  };
}

/** A minimal Analysis: handoff, origin and hop IPs, From / Return-Path / DKIM / Reply-To domains. */
export function makeAnalysis(
  overrides: { ips?: string[]; handoff?: string; origin?: string; from?: string } = {},
): Analysis {
  const handoff = overrides.handoff ?? HANDOFF;
  const origin = overrides.origin ?? ORIGIN;
  const hopIps = overrides.ips ?? [origin, handoff, GOOGLE_HOP, V6_HOP];
  const hops = hopIps.map((ip, index) => ({
    index,
    header: hopIps.length - index,
    parsed: true,
    from: { ip },
    by: { host: `mx${index}.example.net` },
    delaySeconds: null,
    ipScope: 'public' as const,
    zone: 'sender' as const,
    raw: `from x ([${ip}]) by mx${index}.example.net`,
  }));
  const fromDomain = overrides.from ?? 'fresh-phish.com';
  return {
    schema: 1,
    input: { bytes: 0, kind: 'headers', eol: 'lf', truncated: false },
    summary: {
      from: { address: `ceo@${fromDomain}`, raw: `ceo@${fromDomain}` },
      returnPath: '<bounces@bounce.example-esp.com>',
      replyTo: [{ address: 'win@replies.net', raw: 'win@replies.net' }],
      hopCount: hops.length,
      totalDelaySeconds: null,
      handoffIp: handoff,
      originIp: origin,
      verdict: 'unknown',
    },
    headers: [],
    hops,
    handoff: { hop: hopIps.indexOf(handoff), ip: handoff, confidence: 'high', reason: 'test', confirmedBy: [] },
    origin: { hop: hopIps.indexOf(origin), ip: origin, confidence: 'medium', reason: 'test' },
    auth: {
      results: [],
      receivedSpf: [],
      dkimSignatures: [{ header: 0, tags: {}, domain: 'mailer.example-esp.com', signedHeaders: [] }],
      arcSets: [],
      alignment: {},
    },
    antispam: [],
    flags: [],
    diagnostics: [],
  };
}
