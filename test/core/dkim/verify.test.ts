import { describe, expect, it } from 'vitest';
import { verifyText } from './helpers';
import { makeKey, signMessage, testMessage } from './sign';

const rsa2048 = makeKey('rsa', 2048);
const rsa1024 = makeKey('rsa', 1024);
const ed = makeKey('ed25519');
const KEYS = {
  'sel._domainkey.example.com': rsa2048.record,
  'small._domainkey.example.com': rsa1024.record,
  'ed._domainkey.example.com': ed.record,
};

const headersOf = (message: string) => message.slice(0, message.indexOf('\r\n\r\n') + 2);

describe('DKIM header signatures verify from headers alone', () => {
  const cases = [
    { name: 'RSA 2048 relaxed', key: rsa2048, selector: 'sel', headerCanon: 'relaxed' as const },
    { name: 'RSA 2048 simple', key: rsa2048, selector: 'sel', headerCanon: 'simple' as const },
    { name: 'RSA 1024 relaxed', key: rsa1024, selector: 'small', headerCanon: 'relaxed' as const },
    { name: 'Ed25519 relaxed', key: ed, selector: 'ed', headerCanon: 'relaxed' as const },
    { name: 'Ed25519 simple', key: ed, selector: 'ed', headerCanon: 'simple' as const },
  ];
  for (const c of cases) {
    it(`${c.name}: pass, body unverified, fields listed`, async () => {
      const signed = signMessage(testMessage(), {
        key: c.key,
        selector: c.selector,
        headerCanon: c.headerCanon,
        fold: true,
      });
      const { signatures } = await verifyText(headersOf(signed), KEYS);
      expect(signatures).toHaveLength(1);
      const sig = signatures[0]!;
      expect(sig.status).toBe('pass');
      expect(sig.body).toBe('unverified');
      expect(sig.domain).toBe('example.com');
      expect(sig.signedFields).toEqual(['From', 'To', 'Subject', 'Date', 'Message-ID']);
      expect(sig.unsignedFields).toBeUndefined();
      expect(sig.reason).toContain('exactly as signed by example.com');
    });
  }

  it('the same messages with their bodies: body pass', async () => {
    for (const headerCanon of ['simple', 'relaxed'] as const) {
      for (const bodyCanon of ['simple', 'relaxed'] as const) {
        const signed = signMessage(testMessage({ body: 'Line  with   spaces \t\r\n\r\n\r\n' }), {
          key: rsa2048,
          headerCanon,
          bodyCanon,
        });
        const { signatures } = await verifyText(signed, KEYS);
        expect([signatures[0]!.status, signatures[0]!.body]).toEqual(['pass', 'pass']);
      }
    }
  });

  it('folded and non-ASCII (UTF-8) header fields', async () => {
    const message = testMessage({
      subject: 'Qu\u00e9 tal \u2014 r\u00e9sum\u00e9\r\n  of the   week \u{1F600}',
      from: '"J\u00fcrgen M\u00fcller" <juergen@example.com>',
    });
    for (const headerCanon of ['simple', 'relaxed'] as const) {
      const signed = signMessage(message, { key: rsa2048, headerCanon, fold: true });
      const { signatures } = await verifyText(signed, KEYS);
      expect([signatures[0]!.status, signatures[0]!.body]).toEqual(['pass', 'pass']);
    }
  });

  it('LF line endings (a pasted .eml) verify like CRLF', async () => {
    const signed = signMessage(testMessage(), { key: rsa2048, headerCanon: 'simple', bodyCanon: 'simple', fold: true });
    const { signatures } = await verifyText(signed.replace(/\r\n/g, '\n'), KEYS);
    expect([signatures[0]!.status, signatures[0]!.body]).toEqual(['pass', 'pass']);
  });
});

describe('tampering gives fail with the reason', () => {
  const signed = signMessage(testMessage(), { key: rsa2048, fold: true });

  it('one changed byte in a signed field', async () => {
    const { signatures } = await verifyText(signed.replace('Quarterly figures', 'Quarterly figurez'), KEYS);
    expect(signatures[0]!.status).toBe('fail');
    expect(signatures[0]!.failure).toBe('signature');
    expect(signatures[0]!.reason).toContain('changed after signing');
    // The body is untouched, and that is still proven.
    expect(signatures[0]!.body).toBe('pass');
  });

  it('relaxed canonicalisation tolerates re-folding and case of names; simple does not', async () => {
    const refolded = signed.replace('Subject: Quarterly figures', 'SUBJECT:   Quarterly\r\n   figures  ');
    expect((await verifyText(refolded, KEYS)).signatures[0]!.status).toBe('pass');
    const simple = signMessage(testMessage(), { key: rsa2048, headerCanon: 'simple' });
    const refoldedSimple = simple.replace('Subject: Quarterly figures', 'Subject: Quarterly\r\n figures');
    expect((await verifyText(refoldedSimple, KEYS)).signatures[0]!.status).toBe('fail');
  });

  it('a second From added above the signed one: still passes (RFC 6376 §8.15), the extra From is reported unsigned', async () => {
    const forged = signed.replace('From: Alice', 'From: CEO <ceo@evil.example>\r\nFrom: Alice');
    const sig = (await verifyText(forged, KEYS)).signatures[0]!;
    expect(sig.status).toBe('pass');
    expect(sig.unsignedFields?.some((f) => f.startsWith('From (extra instance'))).toBe(true);
  });

  it('a second From added below the signed one: fail, and the reason says there is an extra From', async () => {
    const forged = signed.replace(
      'Message-ID: <1234@mail.example.com>',
      'Message-ID: <1234@mail.example.com>\r\nFrom: CEO <ceo@evil.example>',
    );
    const sig = (await verifyText(forged, KEYS)).signatures[0]!;
    expect(sig.status).toBe('fail');
    expect(sig.reason).toContain('2 from fields and h= covers 1');
  });

  it('over-signed From: a second From anywhere fails', async () => {
    const over = signMessage(testMessage(), { key: rsa2048, fields: ['from', 'from', 'to', 'subject', 'date'] });
    const ok = (await verifyText(over, KEYS)).signatures[0]!;
    expect(ok.status).toBe('pass');
    expect(ok.oversignedFields).toEqual(['from']);
    const forged = over.replace('From: Alice', 'From: CEO <ceo@evil.example>\r\nFrom: Alice');
    expect((await verifyText(forged, KEYS)).signatures[0]!.status).toBe('fail');
  });

  it('reordering fields of different names keeps the signature; swapping two signed instances of one name breaks it', async () => {
    const reordered = signed.replace(
      'To: Bob <bob@example.net>\r\nSubject: Quarterly figures',
      'Subject: Quarterly figures\r\nTo: Bob <bob@example.net>',
    );
    expect((await verifyText(reordered, KEYS)).signatures[0]!.status).toBe('pass');
    const twoReceived = testMessage({
      headers: [
        'Received: from a by b; Mon, 2 Jun 2025 10:00:01 +0000',
        'Received: from c by d; Mon, 2 Jun 2025 10:00:00 +0000',
      ],
    });
    const withReceived = signMessage(twoReceived, { key: rsa2048, fields: ['from', 'received', 'received'] });
    expect((await verifyText(withReceived, KEYS)).signatures[0]!.status).toBe('pass');
    const swapped = withReceived.replace(
      'Received: from a by b; Mon, 2 Jun 2025 10:00:01 +0000\r\nReceived: from c by d; Mon, 2 Jun 2025 10:00:00 +0000',
      'Received: from c by d; Mon, 2 Jun 2025 10:00:00 +0000\r\nReceived: from a by b; Mon, 2 Jun 2025 10:00:01 +0000',
    );
    expect((await verifyText(swapped, KEYS)).signatures[0]!.status).toBe('fail');
  });

  it('a dropped signed field: fail, and the reason names it', async () => {
    const dropped = signed.replace('Subject: Quarterly figures\r\n', '');
    const sig = (await verifyText(dropped, KEYS)).signatures[0]!;
    expect(sig.status).toBe('fail');
    expect(sig.reason).toContain('h= signs subject but the message has none');
  });

  it('a changed body: headers pass, body fail', async () => {
    const sig = (await verifyText(signed.replace('attached', 'attached, and wire the money'), KEYS)).signatures[0]!;
    expect([sig.status, sig.body, sig.failure]).toEqual(['pass', 'fail', 'body-hash']);
  });

  it('an h= without Subject passes and reports Subject as unsigned', async () => {
    const partial = signMessage(testMessage(), { key: rsa2048, fields: ['from', 'to', 'date'] });
    const sig = (await verifyText(partial.replace('Quarterly figures', 'URGENT: wire transfer'), KEYS)).signatures[0]!;
    expect(sig.status).toBe('pass');
    expect(sig.signedFields).toEqual(['From', 'To', 'Date']);
    expect(sig.unsignedFields).toEqual(['Subject', 'Message-ID']);
  });
});

describe('keys and algorithms', () => {
  const message = testMessage();

  it('rsa-sha1 verifies but the reason flags it', async () => {
    const sig = (await verifyText(signMessage(message, { key: rsa2048, algorithm: 'rsa-sha1' }), KEYS)).signatures[0]!;
    expect(sig.status).toBe('pass');
    expect(sig.reason).toContain('rsa-sha1 is no longer secure');
  });

  it('a 512-bit key is a permerror (RFC 8301)', async () => {
    const tiny = makeKey('rsa', 512);
    const sig = (
      await verifyText(signMessage(message, { key: tiny, selector: 'tiny' }), {
        'tiny._domainkey.example.com': tiny.record,
      })
    ).signatures[0]!;
    expect([sig.status, sig.failure, sig.keyBits]).toEqual(['permerror', 'key-too-short', 512]);
  });

  it('revoked (p= empty), missing, wrong type, temperror', async () => {
    const signed = signMessage(message, { key: rsa2048 });
    const revoked = (await verifyText(signed, { 'sel._domainkey.example.com': 'v=DKIM1; k=rsa; p=' })).signatures[0]!;
    expect([revoked.status, revoked.failure]).toEqual(['permerror', 'key-revoked']);
    const missing = (await verifyText(signed, {})).signatures[0]!;
    expect([missing.status, missing.failure]).toEqual(['permerror', 'key-missing']);
    const wrongType = (await verifyText(signed, { 'sel._domainkey.example.com': ed.record })).signatures[0]!;
    expect([wrongType.status, wrongType.failure]).toEqual(['permerror', 'key-mismatch']);
    const timeout = (
      await verifyText(signed, {
        'sel._domainkey.example.com': { status: 'timeout', detail: 'no answer within 4000 ms' },
      })
    ).signatures[0]!;
    expect([timeout.status, timeout.failure]).toEqual(['temperror', 'key-lookup']);
    const otherKey = (await verifyText(signed, { 'sel._domainkey.example.com': makeKey('rsa', 2048).record }))
      .signatures[0]!;
    expect([otherKey.status, otherKey.failure]).toEqual(['fail', 'signature']);
  });

  it('key h=sha1 only rejects rsa-sha256; t=y is reported', async () => {
    const signed = signMessage(message, { key: rsa2048 });
    const sha1Only = (
      await verifyText(signed, { 'sel._domainkey.example.com': rsa2048.record.replace('k=rsa;', 'k=rsa; h=sha1;') })
    ).signatures[0]!;
    expect([sha1Only.status, sha1Only.failure]).toEqual(['permerror', 'key-mismatch']);
    const testing = (await verifyText(signed, { 'sel._domainkey.example.com': `${rsa2048.record}; t=y` }))
      .signatures[0]!;
    expect([testing.status, testing.testing]).toEqual(['pass', true]);
  });

  it('h= without From is a permerror (RFC 6376 §6.1.1)', async () => {
    const sig = (await verifyText(signMessage(message, { key: rsa2048, fields: ['subject', 'date'] }), KEYS))
      .signatures[0]!;
    expect([sig.status, sig.failure]).toEqual(['permerror', 'from-not-signed']);
  });

  it('l= shorter than the body: pass, with the signed and total lengths', async () => {
    const signed = signMessage(message, { key: rsa2048, bodyLength: 10 });
    const sig = (await verifyText(signed.replace('Alice\r\n', 'Alice\r\nP.S. click https://evil.example\r\n'), KEYS))
      .signatures[0]!;
    expect([sig.status, sig.body]).toEqual(['pass', 'pass']);
    expect(sig.bodyLength?.signed).toBe(10);
    expect(sig.bodyLength!.total!).toBeGreaterThan(10);
  });

  it('x= in the past is reported as expired, the verdict stays cryptographic', async () => {
    const signed = signMessage(message, { key: rsa2048, timestamp: 1_700_000_000, expiration: 1_700_086_400 });
    const sig = (await verifyText(signed, KEYS, { now: Date.UTC(2025, 0, 1) })).signatures[0]!;
    expect([sig.status, sig.expired]).toEqual(['pass', true]);
  });
});
