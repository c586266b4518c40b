import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { signatureFlags } from '../../../src/core/dkim';
import { relaxedBody, relaxedHeader, simpleBody, withoutSignatureValue } from '../../../src/core/dkim/canonicalize';
import { verifyText } from './helpers';
import { makeKey, signMessage, testMessage } from './sign';

const key = makeKey('rsa', 2048);
const KEYS = { 'sel._domainkey.example.com': key.record };

describe('canonicalisation vectors (RFC 6376 §3.4.5 example)', () => {
  it('relaxed header and body', () => {
    expect(relaxedHeader('A: X')).toBe('a:X');
    expect(relaxedHeader('B : Y\t\r\n\tZ  ')).toBe('b:Y Z');
    expect(relaxedBody(' C \r\nD \t E\r\n\r\n\r\n')).toBe(' C\r\nD E\r\n');
    expect(simpleBody(' C \r\nD \t E\r\n\r\n\r\n')).toBe(' C \r\nD \t E\r\n');
    expect(simpleBody('')).toBe('\r\n');
    expect(relaxedBody('')).toBe('');
  });
  it('b= is emptied, bh= is not', () => {
    expect(withoutSignatureValue('dkim-signature:a=1; bh=xyz; b=abc\r\n def; c=d')).toBe(
      'dkim-signature:a=1; bh=xyz; b=; c=d',
    );
  });
});

describe('signatureFlags', () => {
  it('good: From domain signature passes, naming the proven fields', async () => {
    const signed = signMessage(testMessage(), { key });
    const analysis = analyze(signed, { now: Date.UTC(2025, 5, 3) });
    const { signatures } = await verifyText(signed, KEYS);
    const flags = signatureFlags(analysis, signatures);
    expect(flags.map((f) => [f.id, f.severity])).toEqual([['dkim-from-domain-signature-verified', 'good']]);
    expect(flags[0]!.title).toBe('From, Subject, Date, To and Message-ID are as signed by example.com');
  });

  it('danger: a signature that fails although the trusted A-R said dkim=pass', async () => {
    const signed = signMessage(testMessage(), { key });
    const b = /b=([A-Za-z0-9+/]{8})/.exec(signed.slice(signed.indexOf(' b=')))![1]!;
    const delivered = [
      'Received: from mail.example.com (mail.example.com [192.0.2.10]) by mx.google.com with ESMTPS id x1; Mon, 2 Jun 2025 10:00:05 +0000',
      `Authentication-Results: mx.google.com; dkim=pass header.i=@example.com header.s=sel header.b=${b}`,
      signed.replace('Quarterly figures', 'Updated bank details'),
    ].join('\r\n');
    const analysis = analyze(delivered, { now: Date.UTC(2025, 5, 3) });
    const { signatures } = await verifyText(delivered, KEYS);
    expect(signatures[0]!.status).toBe('fail');
    // The trust walk decides which A-R is the recipient's; here we state it, to test the rule alone.
    const ar = analysis.auth.results.find((r) => r.kind === 'authentication-results')!;
    ar.trusted = true;
    const danger = signatureFlags(analysis, signatures).find((f) => f.id === 'dkim-signature-broken-after-pass');
    expect(danger?.severity).toBe('danger');
    expect(danger!.evidence.map((e) => e.header)).toEqual([signatures[0]!.header, ar.header]);
    // An untrusted A-R (a claim that came with the message) does not raise it.
    ar.trusted = false;
    expect(signatureFlags(analysis, signatures).some((f) => f.id === 'dkim-signature-broken-after-pass')).toBe(false);
  });

  it('warnings: rsa-sha1, and l= shorter than the body', async () => {
    const sha1 = signMessage(testMessage(), { key, algorithm: 'rsa-sha1' });
    const limited = signMessage(testMessage(), { key, bodyLength: 8 });
    for (const [text, id] of [
      [sha1, 'dkim-weak-signature'],
      [limited, 'dkim-body-length-limit'],
    ] as const) {
      const flags = signatureFlags(analyze(text), (await verifyText(text, KEYS)).signatures);
      expect(flags.find((f) => f.id === id)?.severity).toBe('warning');
    }
  });
});
