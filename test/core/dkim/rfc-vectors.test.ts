// The examples the RFCs print with their keys (test/fixtures/dkim/README.md says where each came from).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyText } from './helpers';

const FIXTURES = join(__dirname, '../../fixtures/dkim');
const keys = JSON.parse(readFileSync(join(FIXTURES, 'keys.json'), 'utf8')) as Record<string, string>;
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('RFC examples', () => {
  it('RFC 8463 Appendix A: the Ed25519 and the RSA signature both pass, headers and body', async () => {
    const { signatures } = await verifyText(read('rfc8463-a3.eml'), keys);
    expect(signatures.map((s) => [s.algorithm, s.selector, s.status, s.body])).toEqual([
      ['ed25519-sha256', 'brisbane', 'pass', 'pass'],
      ['rsa-sha256', 'test', 'pass', 'pass'],
    ]);
    // h= over-signs From, Subject and Date: a second one of any of them would break both signatures.
    expect(signatures[0]!.oversignedFields).toEqual(['from', 'subject', 'date']);
    expect(signatures[1]!.keyBits).toBe(1024);
  });

  it('RFC 8463 Appendix A from headers alone: both pass, body unverified', async () => {
    const text = read('rfc8463-a3.eml');
    const { signatures } = await verifyText(text.slice(0, text.indexOf('\r\n\r\n') + 2), keys);
    expect(signatures.map((s) => [s.status, s.body])).toEqual([
      ['pass', 'unverified'],
      ['pass', 'unverified'],
    ]);
  });

  it('RFC 6376 Appendix A.2 with the Appendix C key: passes as reconstructed (see the fixtures README)', async () => {
    const { signatures } = await verifyText(read('rfc6376-a2.eml'), keys);
    expect(signatures).toHaveLength(1);
    expect([signatures[0]!.status, signatures[0]!.body]).toEqual(['pass', 'pass']);
    expect(signatures[0]!.signedFields).toEqual(['Received', 'From', 'To', 'Subject', 'Date', 'Message-ID']);
  });
});
