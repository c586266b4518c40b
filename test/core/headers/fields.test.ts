import { describe, expect, it } from 'vitest';
import { FieldIndex, sameName } from '../../../src/core/headers/fields';
import { PROVIDERS } from '../../../src/core/trust/providers';
import type { HeaderField } from '../../../src/core/types';

const field = (index: number, name: string, value: string): HeaderField => ({
  index,
  name,
  raw: `${name}: ${value}`,
  value,
});
const index = (pairs: Array<[string, string]>) => new FieldIndex(pairs.map(([n, v], i) => field(i, n, v)));

describe('FieldIndex', () => {
  it('lower-cases a name when asked', () => {
    const fields = index([
      ['Received', 'a'],
      ['X-MS-Exchange-Organization-SCL', '1'],
      ['SUBJECT', 's'],
    ]);
    expect([0, 1, 2].map((k) => fields.lower(k))).toEqual(['received', 'x-ms-exchange-organization-scl', 'subject']);
  });

  it('finds the fields read by name in any letter case: the first of single ones, every one of lists', () => {
    const { named } = index([
      ['RECEIVED', 'by mx2'],
      ['Received-SPF', 'pass'],
      ['received', 'by mx1'],
      ['DKIM-Signature', 'd=a.example'],
      ['Reply-To', 'first@example.com'],
      ['dkim-signature', 'd=b.example'],
      ['Date', 'Mon, 1 Jan 2024 00:00:00 +0000'],
      ['FROM', 'a@example.com'],
      ['From', 'second@example.com'],
      ['Reply-To', 'second@example.com'],
      ['TO', 'b@example.com'],
      ['Message-ID', '<1@example.com>'],
      ['Return-Path', '<r@example.com>'],
      ['Sender', 's@example.com'],
      ['Subject', 'hello'],
    ]);
    expect(named.received.map((h) => h.value)).toEqual(['by mx2', 'by mx1']);
    expect(named.receivedSpf.map((h) => h.index)).toEqual([1]);
    expect(named.dkimSignature.map((h) => h.value)).toEqual(['d=a.example', 'd=b.example']);
    expect(named.from?.value).toBe('a@example.com');
    expect(named.replyTo?.value).toBe('first@example.com');
    expect(named.date?.index).toBe(6);
    expect(named.to?.index).toBe(10);
    expect(named.messageId?.index).toBe(11);
    expect(named.returnPath?.index).toBe(12);
    expect(named.sender?.index).toBe(13);
    expect(named.subject?.value).toBe('hello');
  });

  it('gathers the A-R and ARC-A-R fields in one list, and the fields that state a connecting IP in another', () => {
    const { named } = index([
      ['ARC-Authentication-Results', 'i=1; a.example'],
      ['X-Sender-IP', '192.0.2.1'],
      ['authentication-results', 'b.example'],
      ['Return-Path', '<r@example.com>'],
      ['X-Forefront-Antispam-Report', 'CIP:192.0.2.2;'],
      ['X-MS-Exchange-Organization-OriginalClientIPAddress', '192.0.2.3'],
      ['AUTHENTICATION-RESULTS', 'c.example'],
    ]);
    expect(named.authResults.map((h) => h.index)).toEqual([0, 2, 6]);
    expect(named.connectingIp.map((h) => h.index)).toEqual([1, 4, 5]);
    expect(named.returnPath?.index).toBe(3);
  });

  it('gathers every field a provider states the connecting IP in (collectClaims reads only those)', () => {
    for (const p of PROVIDERS)
      for (const name of p.connectingIpHeaders ?? [])
        expect(index([[name.toUpperCase(), '192.0.2.1']]).named.connectingIp, name).toHaveLength(1);
  });

  it('does not take a name of the same length, or one that only starts alike, for another', () => {
    const { named } = index([
      ['X-To', 'x'],
      ['Form', 'typo'],
      ['Received-By', 'x'],
      ['Resent-From', 'x'],
      ['Subjects', 'x'],
      ['ARC-Seal', 'x'],
      ['X-Sender-IPv6', 'x'],
      ['Authentication-Results-Original', 'x'],
      ['X-Forefront-Antispam-Reports', 'x'],
      ['', 'a line without a colon'],
    ]);
    expect(named).toEqual({
      received: [],
      receivedSpf: [],
      dkimSignature: [],
      authResults: [],
      connectingIp: [],
      subject: undefined,
      from: undefined,
      sender: undefined,
      replyTo: undefined,
      returnPath: undefined,
      to: undefined,
      date: undefined,
      messageId: undefined,
    });
  });

  it('compares names with lower-case ones as String#toLowerCase would, without lower-casing them', () => {
    expect(sameName('Received-SPF', 'received-spf')).toBe(true);
    expect(sameName('DKIM-Signature', 'dkim-signature')).toBe(true);
    // U+212A KELVIN SIGN lower-cases to "k"; U+0130 to two characters.
    expect(sameName('D\u212AIM-Signature', 'dkim-signature')).toBe(true);
    expect('D\u212AIM-Signature'.toLowerCase()).toBe('dkim-signature');
    expect(sameName('\u0130', 'i')).toBe(false);
    expect(sameName('Received', 'receivex')).toBe(false);
    expect(sameName('Receive', 'received')).toBe(false);
    // Characters whose code differs from a letter's by 32 but are not letters are not folded.
    expect(sameName('\r', '-')).toBe(false);
    expect(sameName('@', '`')).toBe(false);
    const fields = index([
      ['X-MS-Exchange-Organization-SCL', '1'],
      ['Authentication-Results', 'x'],
    ]);
    expect(fields.lower(0)).toBe('x-ms-exchange-organization-scl');
    expect(fields.lower(0)).toBe(fields.lower(0));
    expect(fields.is(1, 'authentication-results')).toBe(true);
    expect(fields.is(0, 'authentication-results')).toBe(false);
  });
});
