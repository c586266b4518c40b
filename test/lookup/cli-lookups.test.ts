import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFromEnv, parseLookupArg, runLookups } from '../../src/cli/lookups';
import { createMemoryCache } from '../../src/lookup/cache';
import { HANDOFF, SPAMHAUS_KEY } from '../fixtures/lookup/zone';
import type { DohTestServer } from './doh-server';
import { endpoints, makeAnalysis, NOW, startFixtureServer } from './fixture-server';

let server: DohTestServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

describe('CLI lookups', () => {
  it('parses --lookups, --doh URL and --dnsbl ZONE', () => {
    const into = { lookups: false, resolvers: [] as string[], blocklists: [] as string[] };
    const args = ['--lookups', '--doh', 'https://doh.example/dns-query', '--dnsbl', 'bl.spamcop.net', 'file.eml'];
    expect(parseLookupArg(args, 0, into)).toBe(1);
    expect(parseLookupArg(args, 1, into)).toBe(2);
    expect(parseLookupArg(args, 3, into)).toBe(2);
    expect(parseLookupArg(args, 5, into)).toBe(0);
    expect(into).toEqual({
      lookups: true,
      resolvers: ['https://doh.example/dns-query'],
      blocklists: ['bl.spamcop.net'],
    });
    expect(parseLookupArg(['--doh', 'not a url'], 0, into)).toMatch(/http\(s\) URL/);
    expect(parseLookupArg(['--dnsbl'], 0, into)).toMatch(/needs a zone/);
  });

  it('reads keys from the environment only', () => {
    expect(keysFromEnv({ HOPSCOPE_SPAMHAUS_KEY: 'k1', HOPSCOPE_ABUSEIPDB_KEY: 'k2', OTHER: 'x' })).toEqual({
      spamhaus: 'k1',
      abuseipdb: 'k2',
    });
  });

  it('returns the enrichment for the JSON and report lines for people, without the key', async () => {
    const { enrichment, lines } = await runLookups(makeAnalysis(), {
      resolvers: [server.url],
      blocklists: ['spamcop', 'spamhaus-zen', 'zen.spamhaus.org'],
      keys: { spamhaus: SPAMHAUS_KEY },
      timeoutMs: 1500,
      endpoints: endpoints(server),
      cache: createMemoryCache(),
      now: NOW,
    });
    expect(enrichment.ips[HANDOFF]!.blocklists.map((b) => b.status)).toEqual(['listed', 'listed', 'refused']);
    const text = lines.join('\n');
    expect(text).toContain('bl.spamcop.net         listed 127.0.0.2');
    expect(text).toContain('zen.spamhaus.org       refused — query via a public/open resolver');
    expect(text).toContain('FCrDNS fail');
    expect(text).toMatch(/DANGER {2}Handoff IP 45\.33\.32\.156 is on 2 blocklists/);
    expect(text).toMatch(/DANGER {2}fresh-phish\.com was registered 5 days ago/);
    expect(text + JSON.stringify(enrichment)).not.toContain(SPAMHAUS_KEY);
  });
});
