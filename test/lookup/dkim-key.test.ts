// The key fetch end to end: keys generated at test time, served by the local DoH test server, fetched
// through src/lookup/dkim-key.ts and the real DoH client, verified by the pure core.

import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DkimSubtle, keyQueries, verifyHeaderSignatures } from '../../src/core/dkim';
import { readHeaderBlock } from '../../src/core/headers/read';
import { createMemoryCache } from '../../src/lookup/cache';
import { createLimiter } from '../../src/lookup/concurrency';
import { fetchDkimKeys } from '../../src/lookup/dkim-key';
import { createResolver } from '../../src/lookup/resolver';
import { makeKey, signMessage, testMessage } from '../core/dkim/sign';
import { type DohTestServer, startDohServer } from './doh-server';

const subtle = webcrypto.subtle as unknown as DkimSubtle;
const rsa = makeKey('rsa', 2048);
const ed = makeKey('ed25519');
let server: DohTestServer;

beforeAll(async () => {
  server = await startDohServer({
    records: [
      { name: 'rsa._domainkey.example.com', type: 'TXT', data: rsa.record },
      { name: 'ed._domainkey.example.com', type: 'TXT', data: ed.record },
    ],
    behaviours: [{ suffix: 'slow._domainkey.example.com', behaviour: 'hang' }],
  });
});
afterAll(() => server.close());

async function verifyOverDoh(message: string) {
  const block = readHeaderBlock(message);
  const resolver = createResolver(
    { resolvers: [server.url], fetch, timeoutMs: 1500 },
    createMemoryCache(),
    createLimiter(4),
  );
  const keys = await fetchDkimKeys(keyQueries(block.headers), resolver);
  return verifyHeaderSignatures(block.headers, { subtle, keys });
}

describe('DKIM keys over DoH', () => {
  it('RSA (a 2048-bit record, longer than one 255-byte string) and Ed25519 keys: pass', async () => {
    const signed = signMessage(signMessage(testMessage(), { key: rsa, selector: 'rsa' }), { key: ed, selector: 'ed' });
    const { signatures } = await verifyOverDoh(signed.slice(0, signed.indexOf('\r\n\r\n') + 2));
    expect(signatures.map((s) => [s.selector, s.status, s.body])).toEqual([
      ['ed', 'pass', 'unverified'],
      ['rsa', 'pass', 'unverified'],
    ]);
    expect(server.queries.map((q) => `${q.type} ${q.name}`)).toEqual(
      expect.arrayContaining(['TXT ed._domainkey.example.com', 'TXT rsa._domainkey.example.com']),
    );
  });

  it('NXDOMAIN is a permerror (no key); a resolver that never answers is a temperror', async () => {
    const missing = signMessage(testMessage(), { key: rsa, selector: 'gone' });
    expect((await verifyOverDoh(missing)).signatures[0]).toMatchObject({ status: 'permerror', failure: 'key-missing' });
    const slow = signMessage(testMessage(), { key: rsa, selector: 'slow' });
    expect((await verifyOverDoh(slow)).signatures[0]).toMatchObject({ status: 'temperror', failure: 'key-lookup' });
  });
});
