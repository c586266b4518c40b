// Bench: one message with 8 public IPs and 4 domains against a DoH/JSON server that delays every answer by
// a fixed delay (250 ms by default). If the lookups run in parallel, the whole enrichment takes about as long as the slowest
// single lookup (a chain of two requests: PTR → A, Cymru origin → AS name, IANA bootstrap → RDAP); serially it would take
// ~100 requests × 100 ms. The second run must come from the cache. Prints the figures.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { lookupAsn } from '../../src/lookup/asn';
import { BLOCKLISTS } from '../../src/lookup/blocklists';
import { createMemoryCache } from '../../src/lookup/cache';
import { createLimiter } from '../../src/lookup/concurrency';
import { queryName, readAnswer, selfTest } from '../../src/lookup/dnsbl';
import { enrich } from '../../src/lookup/enrich';
import { createJsonClient } from '../../src/lookup/http-json';
import { lookupDmarc, lookupSpf } from '../../src/lookup/policy-records';
import { lookupRegistration } from '../../src/lookup/rdap';
import { createResolver } from '../../src/lookup/resolver';
import { reverseDns } from '../../src/lookup/reverse-dns';
import { GOOGLE_HOP, HANDOFF, V6_HOP } from '../fixtures/lookup/zone';
import type { DohTestServer } from './doh-server';
import { endpoints, makeAnalysis, NOW, startFixtureServer } from './fixture-server';

// The server shares the test's event loop, so each request also costs ~1–2 ms of CPU on one thread (undici
// + node:http): about 100–150 ms for the ~70 requests here. A 250 ms delay keeps that overhead from
// dominating the figure; BENCH_DELAY_MS overrides it.
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 250);
// All eight are known to Team Cymru (as nearly every routed IP is), so none needs the RIPEstat fallback.
const BENCH_ORIGIN = '3.5.140.2';
const IPS = [BENCH_ORIGIN, HANDOFF, GOOGLE_HOP, V6_HOP, '91.198.174.192', '151.101.1.69', '104.16.132.229', '8.8.4.4'];

let server: DohTestServer;
beforeAll(async () => {
  server = await startFixtureServer(DELAY_MS);
});
afterAll(() => server.close());

async function time<T>(f: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

it('enrichment of 8 IPs + 4 domains takes ≤ 1.5× the slowest single lookup; the second run is cached', async () => {
  const fresh = () => {
    const cache = createMemoryCache();
    const resolver = createResolver(
      { resolvers: [server.url], fetch: globalThis.fetch, timeoutMs: 4000 },
      cache,
      createLimiter(64),
    );
    const json = createJsonClient(globalThis.fetch, 4000, cache, createLimiter(4));
    return { resolver, json };
  };
  const spamcop = BLOCKLISTS.find((b) => b.id === 'spamcop')!;
  const ep = endpoints(server);
  await fetch(`${server.origin}/warm-up`); // connection set-up is not a lookup
  // Each single lookup of the run alone, cold cache.
  const singles: Record<string, number> = {
    'ptr+fcrdns': await time(() => reverseDns(GOOGLE_HOP, fresh().resolver)),
    'asn (cymru origin→AS name)': await time(() => {
      const f = fresh();
      return lookupAsn(HANDOFF, f.resolver, f.json, ep.ripestat);
    }),
    'dnsbl (self-test ∥ query)': await time(() => {
      const { resolver } = fresh();
      return Promise.all([
        selfTest(spamcop, spamcop.zone, resolver),
        resolver
          .query(queryName({ kind: 'ipv4', value: HANDOFF }, spamcop.zone)!, 'A')
          .then((r) => readAnswer(spamcop, r)),
      ]);
    }),
    'rdap (bootstrap→domain)': await time(() =>
      lookupRegistration('fresh-phish.com', fresh().json, ep.rdapBootstrap, NOW),
    ),
    spf: await time(() => lookupSpf('fresh-phish.com', fresh().resolver)),
    dmarc: await time(() => lookupDmarc('fresh-phish.com', fresh().resolver)),
  };
  const slowest = Math.max(...Object.values(singles));

  const analysis = makeAnalysis({ ips: IPS, origin: BENCH_ORIGIN });
  const cache = createMemoryCache();
  let requests = 0;
  const counting: typeof globalThis.fetch = (i, init) => {
    requests++;
    return globalThis.fetch(i, init);
  };
  const settings = { enabled: true, resolvers: [server.url], endpoints: ep };
  let cold = 0;
  const e = await (async () => {
    const t0 = performance.now();
    const r = await enrich(analysis, settings, { fetch: counting, cache, now: NOW });
    cold = performance.now() - t0;
    return r;
  })();
  const coldRequests = requests;
  requests = 0;
  const warm = await time(() => enrich(analysis, settings, { fetch: counting, cache, now: NOW }));
  const warmRequests = requests;

  const fmt = (n: number) => `${n.toFixed(0)} ms`;
  console.log(
    [
      `bench: fixed server delay ${DELAY_MS} ms per request; ${Object.keys(e.ips).length} IPs, ${Object.keys(e.domains).length} domains, ${Object.keys(e.selfTests).length} lists`,
      ...Object.entries(singles).map(([k, v]) => `  single ${k.padEnd(28)} ${fmt(v)}`),
      `  slowest single lookup              ${fmt(slowest)}`,
      `  full enrichment (cold cache)       ${fmt(cold)}  (${coldRequests} requests; ratio ${(cold / slowest).toFixed(2)}×; serial would be ≈ ${fmt(coldRequests * DELAY_MS)})`,
      `  full enrichment (warm cache)       ${fmt(warm)}  (${warmRequests} requests)`,
    ].join('\n'),
  );
  expect(Object.keys(e.ips)).toHaveLength(8);
  expect(Object.keys(e.domains)).toHaveLength(4);
  expect(cold).toBeLessThanOrEqual(1.5 * slowest);
  expect(warmRequests).toBe(0);
  expect(warm).toBeLessThan(slowest);
}, 30_000);
