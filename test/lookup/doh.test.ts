import { encode } from '@leichtgewicht/dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/lookup/cache';
import { createLimiter } from '../../src/lookup/concurrency';
import { dohQuery } from '../../src/lookup/doh';
import { createResolver } from '../../src/lookup/resolver';
import { type DohTestServer, startDohServer } from './doh-server';

let server: DohTestServer;
beforeAll(async () => {
  server = await startDohServer({
    records: [
      { name: 'a.test', type: 'A', data: '192.0.2.1', ttl: 30 },
      { name: 'alias.test', type: 'CNAME', data: 'a.test' },
      { name: 'txt.test', type: 'TXT', data: `v=spf1 ${'x'.repeat(300)} -all` },
    ],
    behaviours: [
      { suffix: 'hang.test', behaviour: 'hang' },
      { suffix: 'fail.test', behaviour: 'servfail' },
      { suffix: 'liar.test', behaviour: 'wrong-question' },
      { suffix: 'portal.test', behaviour: 'not-dns' },
    ],
  });
});
afterAll(() => server.close());

const opts = (resolvers = [server.url], timeoutMs = 1500) => ({ resolvers, fetch: globalThis.fetch, timeoutMs });

describe('dohQuery (RFC 8484)', () => {
  it('sends GET ?dns=base64url with ID 0 and Accept: application/dns-message', async () => {
    const before = server.requests.length;
    const r = await dohQuery('a.test', 'A', opts());
    expect(r).toMatchObject({ status: 'ok', ttl: 30, records: [{ type: 'A', data: '192.0.2.1' }] });
    const req = server.requests[before]!;
    expect(req.method).toBe('GET');
    expect(req.headers.accept).toBe('application/dns-message');
    expect(req.path).toMatch(/^\/dns-query\?dns=[A-Za-z0-9_-]+$/); // base64url, no padding
    expect(server.queries.at(-1)).toMatchObject({ name: 'a.test', type: 'A', id: 0 });
  });

  it('the test server also answers RFC 8484 POST', async () => {
    const body = encode({ type: 'query', id: 0, questions: [{ type: 'A', name: 'a.test' }] });
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/dns-message' },
      body: new Blob([new Uint8Array(body)]),
    });
    expect(res.headers.get('content-type')).toBe('application/dns-message');
    expect(server.queries.at(-1)).toMatchObject({ method: 'POST', name: 'a.test' });
  });

  it('follows a CNAME, joins TXT strings, reports NXDOMAIN with the SOA negative TTL', async () => {
    expect(await dohQuery('alias.test', 'A', opts())).toMatchObject({ status: 'ok', records: [{ data: '192.0.2.1' }] });
    const txt = await dohQuery('txt.test', 'TXT', opts());
    expect(txt.status === 'ok' && txt.records[0]!.data).toBe(`v=spf1 ${'x'.repeat(300)} -all`);
    expect(await dohQuery('missing.test', 'A', opts())).toEqual({ status: 'nxdomain', ttl: 60 });
  });

  it('times out after the configured timeout, then retries once on the next resolver', async () => {
    const t0 = performance.now();
    const r = await dohQuery('x.hang.test', 'A', opts([server.url, server.url], 200));
    const elapsed = performance.now() - t0;
    expect(r.status).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(3000);
  });

  it('a failing first resolver is retried on the second', async () => {
    const dead = 'http://127.0.0.1:9/dns-query'; // discard port: connection refused
    expect(await dohQuery('a.test', 'A', opts([dead, server.url]))).toMatchObject({ status: 'ok' });
  });

  it('rejects SERVFAIL, an answer to another question, and a non-DNS body', async () => {
    expect(await dohQuery('fail.test', 'A', opts())).toMatchObject({
      status: 'error',
      detail: expect.stringContaining('SERVFAIL'),
    });
    expect(await dohQuery('liar.test', 'A', opts())).toMatchObject({
      status: 'error',
      detail: expect.stringContaining('different question'),
    });
    expect(await dohQuery('portal.test', 'A', opts())).toMatchObject({
      status: 'error',
      detail: expect.stringContaining('text/html'),
    });
  });
});

describe('resolver cache', () => {
  it('serves repeats from cache until the TTL runs out, and shares in-flight queries', async () => {
    let clock = 0;
    const cache = createMemoryCache(() => clock);
    const resolver = createResolver(opts(), cache, createLimiter(4));
    const before = server.queries.length;
    await Promise.all([resolver.query('a.test', 'A'), resolver.query('a.test', 'A')]);
    expect(server.queries.length - before).toBe(1);
    clock = 29_000;
    await resolver.query('a.test', 'A');
    expect(server.queries.length - before).toBe(1);
    clock = 31_000; // TTL 30 s passed
    await resolver.query('a.test', 'A');
    expect(server.queries.length - before).toBe(2);
  });

  it('does not cache timeouts', async () => {
    const cache = createMemoryCache();
    const resolver = createResolver(opts([server.url], 100), cache, createLimiter(4));
    await resolver.query('y.hang.test', 'A');
    expect(cache.size()).toBe(0);
  });
});
