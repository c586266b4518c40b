import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { makeKey, signMessage, testMessage } from '../core/dkim/sign';
import { type DohTestServer, startDohServer } from '../lookup/doh-server';

// `hopscope analyze --lookups --doh URL FILE` end to end: a message signed at test time, its key served by a
// DoH server on 127.0.0.1, and the CLI printing which header fields the signature proves.
const key = makeKey('rsa', 2048);
let server: DohTestServer;
const dir = mkdtempSync(join(tmpdir(), 'hopscope-sig-'));
const signed = join(dir, 'signed.eml');
const tampered = join(dir, 'tampered.eml');
const other = join(dir, 'other.eml');

beforeAll(async () => {
  server = await startDohServer({ records: [{ name: 'sel._domainkey.example.com', type: 'TXT', data: key.record }] });
  // Every other service the lookups reach goes to the same local server (404s), never the Internet.
  process.env.HOPSCOPE_RDAP_BOOTSTRAP = `${server.origin}/rdap/dns.json`;
  process.env.HOPSCOPE_RIPESTAT_URL = `${server.origin}/ripestat`;
  process.env.HOPSCOPE_ABUSEIPDB_URL = `${server.origin}/abuseipdb`;
  const message = signMessage(testMessage(), {
    key,
    domain: 'example.com',
    selector: 'sel',
    fields: ['from', 'to', 'subject', 'date'],
  });
  const received =
    'Received: from mail.example.com (mail.example.com [192.0.2.10]) by mx.example.net; Mon, 2 Jun 2025 10:00:01 +0000\r\n';
  writeFileSync(signed, received + message);
  writeFileSync(other, `${received}From: x@other.example\r\nSubject: new names, no cache\r\n\r\n`);
  writeFileSync(tampered, received + message.replace('Subject: Quarterly figures', 'Subject: Quarterly figures!'));
});
afterAll(() => {
  delete process.env.HOPSCOPE_RDAP_BOOTSTRAP;
  delete process.env.HOPSCOPE_RIPESTAT_URL;
  delete process.env.HOPSCOPE_ABUSEIPDB_URL;
  return server.close();
});

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), stdin: Readable.from(['']) });
  return { code, out, err };
}

describe('hopscope analyze --lookups: header signatures', () => {
  it('prints what a passing signature proves and what it does not cover', async () => {
    const r = await run(['analyze', '--lookups', '--doh', server.url, '--dnsbl', 'none.invalid', signed]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/DKIM\s+example\.com s=sel rsa-sha256: headers pass, body pass/);
    expect(r.out).toMatch(/proven: from, to, subject, date; not covered: .*Message-ID/i);
  });

  it('sends nothing outside 127.0.0.1', async () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      await run(['analyze', '--lookups', '--doh', server.url, '--dnsbl', 'none.invalid', signed]);
      await run(['analyze', '--lookups', '--doh', server.url, other]);
      const urls = spy.mock.calls.map((c) => String(c[0] instanceof Request ? c[0].url : c[0]));
      for (const u of urls) expect(u.startsWith(server.origin)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('carries enrichment.signatures in --json and fails a changed Subject', async () => {
    const r = await run(['analyze', '--json', '--lookups', '--doh', server.url, '--dnsbl', 'none.invalid', tampered]);
    const a = JSON.parse(r.out.trim());
    expect(a.enrichment.signatures).toHaveLength(1);
    expect(a.enrichment.signatures[0]).toMatchObject({ kind: 'dkim', domain: 'example.com', status: 'fail' });
  });
});
