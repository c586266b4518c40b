import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache, createStorageCache } from '../../src/lookup/cache';
import { enrich, streamEnrichment } from '../../src/lookup/enrich';
import { SERVICES } from '../../src/lookup/services';
import type { EnrichmentUpdate, LookupSettings } from '../../src/lookup/types';
import { GOOGLE_HOP, HANDOFF, ORIGIN, SPAMHAUS_KEY, V6_HOP, V6_NIBBLES } from '../fixtures/lookup/zone';
import type { DohTestServer } from './doh-server';
import { ABUSEIPDB_KEY, endpoints, makeAnalysis, NOW, startFixtureServer } from './fixture-server';

let server: DohTestServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const settings = (extra: Partial<LookupSettings> = {}): LookupSettings => ({
  enabled: true,
  resolvers: [server.url],
  timeoutMs: 1500,
  endpoints: endpoints(server),
  ...extra,
});
const run = (extra: Partial<LookupSettings> = {}) =>
  enrich(makeAnalysis(), settings(extra), { fetch: globalThis.fetch, cache: createMemoryCache(), now: NOW });

describe('privacy', () => {
  it('sends nothing and returns at once when lookups are off', async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return new Response('');
    };
    const e = await enrich(makeAnalysis(), { ...settings(), enabled: false }, { fetch });
    expect(calls).toBe(0);
    expect(e).toEqual({ schema: 1, complete: true, ips: {}, domains: {}, selfTests: {}, flags: [] });
  });

  it('SERVICES describes what is sent where, with terms', () => {
    for (const s of SERVICES) expect(s.sends.length).toBeGreaterThan(10);
    expect(SERVICES.find((s) => s.id === 'dnsbl:spamcop')?.terms).toMatch(/^https:\/\/www\.spamcop\.net/);
    expect(SERVICES.find((s) => s.id === 'abuseipdb')?.optIn).toBe(true);
  });
});

describe('blocklist statuses, each from the matching server behaviour', () => {
  it('listed / not-listed / refused / unreliable / timeout / error / not-applicable', async () => {
    const e = await run({
      blocklists: [
        'bl.spamcop.net',
        'psbl.surriel.com',
        'zen.spamhaus.org',
        'broken.dnsbl.test',
        'hang.dnsbl.test',
        'servfail.dnsbl.test',
      ],
    });
    const at = (ip: string, list: string) => e.ips[ip]!.blocklists.find((b) => b.list === list)!;
    // SpamCop answers 127.0.0.2 for the handoff: listed, with the code's meaning.
    expect(at(HANDOFF, 'spamcop')).toMatchObject({
      status: 'listed',
      codes: ['127.0.0.2'],
      meaning: expect.stringContaining('SpamCop'),
    });
    // NXDOMAIN from a list whose self-test passed.
    expect(at(HANDOFF, 'psbl')).toMatchObject({ status: 'not-listed', codes: [] });
    expect(at(ORIGIN, 'spamcop').status).toBe('not-listed');
    // Spamhaus public mirror answers 127.255.255.254: refused, not listed.
    expect(at(HANDOFF, 'spamhaus-zen-public')).toMatchObject({ status: 'refused', codes: ['127.255.255.254'] });
    expect(at(HANDOFF, 'spamhaus-zen-public').detail).toMatch(/public\/open resolver/);
    expect(e.selfTests['spamhaus-zen-public']!.status).toBe('refused');
    // A list that lists 127.0.0.1 fails RFC 5782 §5: even its "listed" answer for the handoff does not count.
    expect(e.selfTests['broken.dnsbl.test']!.status).toBe('unreliable');
    expect(at(HANDOFF, 'broken.dnsbl.test')).toMatchObject({
      status: 'unreliable',
      detail: expect.stringContaining('127.0.0.1 is listed'),
    });
    // A list that never answers: timeout after the configured 1.5 s (+ one retry).
    expect(at(HANDOFF, 'hang.dnsbl.test')).toMatchObject({ status: 'timeout' });
    expect(at(HANDOFF, 'servfail.dnsbl.test')).toMatchObject({
      status: 'error',
      detail: expect.stringContaining('SERVFAIL'),
    });
    // IPv6 to an IPv4-only list is not sent at all.
    expect(at(V6_HOP, 'spamcop')).toMatchObject({ status: 'not-applicable' });
    expect(server.queries.some((q) => q.name.endsWith(`${V6_NIBBLES}.bl.spamcop.net`))).toBe(false);
    // The handoff flag counts only real listings (SpamCop), not the refused or unreliable answers.
    const flag = e.flags.find((f) => f.id === 'lookup-handoff-listed')!;
    expect(flag.severity).toBe('danger');
    expect(flag.detail).toContain('bl.spamcop.net');
    expect(flag.detail).not.toContain('broken');
    expect(flag.evidence[0]).toMatchObject({ hop: 1 });
  });

  it('IPv6 is queried with reversed nibbles where the list supports it', async () => {
    const e = await run({ blocklists: ['s5h'] });
    expect(e.ips[V6_HOP]!.blocklists[0]).toMatchObject({ status: 'listed', zone: 'all.s5h.net' });
    expect(server.queries.some((q) => q.name === `${V6_NIBBLES}.all.s5h.net`)).toBe(true);
  });

  it('a keyed list: over-quota from its code, the key never in the output', async () => {
    const e = await run({ blocklists: ['spamhaus-zen'], keys: { spamhaus: SPAMHAUS_KEY } });
    expect(e.ips[HANDOFF]!.blocklists[0]).toMatchObject({
      status: 'listed',
      zone: 'zen.dq.spamhaus.net',
      meaning: expect.stringContaining('SBL'),
    });
    expect(e.ips[ORIGIN]!.blocklists[0]).toMatchObject({ status: 'over-quota', codes: ['127.255.255.255'] });
    expect(JSON.stringify(e)).not.toContain(SPAMHAUS_KEY);
  });

  it('a keyed list without its key is not-applicable and nothing is sent to it', async () => {
    const before = server.queries.length;
    const e = await run({ blocklists: ['spamhaus-zen'] });
    expect(e.ips[HANDOFF]!.blocklists[0]).toMatchObject({
      status: 'not-applicable',
      detail: expect.stringContaining('key'),
    });
    expect(server.queries.slice(before).some((q) => q.name.includes('spamhaus'))).toBe(false);
  });

  it('private addresses are not-applicable and never queried', async () => {
    const before = server.queries.length;
    const e = await enrich(makeAnalysis({ origin: '10.1.2.3', ips: ['10.1.2.3', HANDOFF] }), settings(), {
      fetch: globalThis.fetch,
      cache: createMemoryCache(),
      now: NOW,
    });
    const ip = e.ips['10.1.2.3']!;
    expect(ip.scope).toBe('private');
    expect(ip.status.ptr.status).toBe('not-applicable');
    expect(ip.blocklists.every((b) => b.status === 'not-applicable')).toBe(true);
    expect(server.queries.slice(before).some((q) => q.name.includes('3.2.1.10'))).toBe(false);
  });
});

describe('PTR, ASN, domains', () => {
  it('PTR / FCrDNS / ASN / RIPEstat fallback / RDAP / SPF / DMARC and the flags they raise', async () => {
    const e = await run();
    const h = e.ips[HANDOFF]!;
    expect(h.ptr).toBe('li1234-156.members.linode.com');
    expect(h.fcrdns).toBe('fail');
    expect(h.asn).toMatchObject({
      number: 63949,
      prefix: '45.33.32.0/19',
      country: 'US',
      source: 'team-cymru',
      name: expect.stringContaining('LINODE'),
    });
    expect(e.ips[GOOGLE_HOP]).toMatchObject({ ptr: 'mail-sor-f41.google.com', fcrdns: 'pass', asn: { number: 15169 } });
    expect(e.ips[V6_HOP]).toMatchObject({ fcrdns: 'pass', asn: { number: 24940, country: 'DE' } });
    const o = e.ips[ORIGIN]!;
    expect(o).toMatchObject({ ptr: null, fcrdns: 'no-ptr', status: { ptr: { status: 'none' } } });
    expect(o.asn).toMatchObject({
      number: 60729,
      name: 'TORSERVERS-NET',
      prefix: '185.220.101.0/24',
      source: 'ripestat',
    });

    const from = e.domains['fresh-phish.com']!;
    expect(from).toMatchObject({
      ageDays: 5,
      spf: 'v=spf1 ip4:45.33.32.0/24 -all',
      dmarc: 'v=DMARC1; p=none',
      roles: ['from'],
    });
    expect(e.domains['bounce.example-esp.com']).toMatchObject({
      registrableDomain: 'example-esp.com',
      ageDays: 7750,
      spf: expect.stringContaining('include:'),
    });
    expect(e.domains['mailer.example-esp.com']!.status.spf.status).toBe('not-applicable');
    expect(e.domains['replies.net']!).toMatchObject({ registered: null, status: { rdap: { status: 'none' } } });

    const ids = e.flags.map((f) => `${f.id}:${f.severity}`);
    expect(ids).toContain('lookup-handoff-listed:danger');
    expect(ids).toContain('lookup-handoff-fcrdns-fail:warning');
    expect(ids).toContain('lookup-young-domain:danger');
    expect(ids).toContain('lookup-hosting-network:info');
    expect(e.complete).toBe(true);
  });

  it('a handoff with no PTR is a warning', async () => {
    const e = await enrich(makeAnalysis({ handoff: ORIGIN, origin: HANDOFF }), settings(), {
      fetch: globalThis.fetch,
      cache: createMemoryCache(),
      now: NOW,
    });
    expect(e.flags.find((f) => f.id === 'lookup-handoff-no-ptr')?.severity).toBe('warning');
  });

  it('ASN and PTR timeouts show as timeouts', async () => {
    const fetch: typeof globalThis.fetch = async () => new Promise<Response>(() => {});
    const e = await enrich(
      makeAnalysis({ ips: [HANDOFF], origin: HANDOFF }),
      settings({ timeoutMs: 50, blocklists: ['spamcop'] }),
      { fetch, cache: createMemoryCache(), now: NOW },
    );
    const h = e.ips[HANDOFF]!;
    expect(h.status.ptr.status).toBe('timeout');
    expect(h.status.asn.status).toBe('timeout');
    expect(h.blocklists[0]!.status).toBe('timeout');
    expect(e.domains['fresh-phish.com']!.status.rdap.status).toBe('timeout');
  });

  it('AbuseIPDB gets the key in the Key header only, for handoff and origin only', async () => {
    const before = server.requests.length;
    const e = await run({ keys: { abuseipdb: ABUSEIPDB_KEY } });
    const calls = server.requests.slice(before).filter((r) => r.path.startsWith('/abuseipdb'));
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => c.headers.key === ABUSEIPDB_KEY && !c.path.includes(ABUSEIPDB_KEY))).toBe(true);
    expect(e.ips[HANDOFF]!.abuseipdb).toMatchObject({ score: 87, reports: 12 });
    expect(e.ips[GOOGLE_HOP]!.status.abuseipdb.status).toBe('not-applicable');
    expect(JSON.stringify(e)).not.toContain(ABUSEIPDB_KEY);
  });
});

describe('streaming and caching', () => {
  it('streams updates as answers arrive, before the whole enrichment completes', async () => {
    const updates: EnrichmentUpdate[] = [];
    const seenIncomplete: boolean[] = [];
    await enrich(makeAnalysis(), settings(), {
      fetch: globalThis.fetch,
      cache: createMemoryCache(),
      now: NOW,
      onUpdate: (u) => {
        updates.push(u);
        seenIncomplete.push(!u.enrichment.complete);
      },
    });
    expect(updates.length).toBeGreaterThan(20);
    expect(seenIncomplete.every(Boolean)).toBe(true);
    expect(new Set(updates.map((u) => u.what))).toEqual(
      new Set(['ptr', 'asn', 'blocklist', 'rdap', 'spf', 'dmarc', 'self-test']),
    );
  });

  it('streamEnrichment yields the same updates as an async iterator', async () => {
    const it = streamEnrichment(makeAnalysis(), settings({ blocklists: ['spamcop'] }), {
      fetch: globalThis.fetch,
      cache: createMemoryCache(),
      now: NOW,
    });
    let n = 0;
    let last = await it.next();
    while (!last.done) {
      n++;
      last = await it.next();
    }
    expect(n).toBeGreaterThan(5);
    expect((last.value as { complete: boolean }).complete).toBe(true);
  });

  it('a storage-backed cache (get/set pair) answers a second run without the network', async () => {
    const store = new Map<string, unknown>();
    const cache = createStorageCache({ get: async (k) => store.get(k), set: async (k, v) => void store.set(k, v) });
    // Without ORIGIN: Team Cymru SERVFAILs for it, and errors are (rightly) not cached.
    const analysis = () => makeAnalysis({ origin: GOOGLE_HOP, ips: [GOOGLE_HOP, HANDOFF, V6_HOP] });
    const first = await enrich(analysis(), settings({ blocklists: ['spamcop'] }), {
      fetch: globalThis.fetch,
      cache,
      now: NOW,
    });
    let calls = 0;
    const counting: typeof globalThis.fetch = (i, init) => {
      calls++;
      return globalThis.fetch(i, init);
    };
    const second = await enrich(analysis(), settings({ blocklists: ['spamcop'] }), {
      fetch: counting,
      cache,
      now: NOW,
    });
    expect(calls).toBe(0);
    expect(second.ips).toEqual(first.ips);
    expect([...store.keys()].every((k) => k.startsWith('hopscope-lookup:'))).toBe(true);
  });
});
