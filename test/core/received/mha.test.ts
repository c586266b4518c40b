// Microsoft MHA's single-header Received cases (test/fixtures/received/README.md). Where MHA follows the RFC we
// assert its values; where it keeps comments inside values, keeps `<>` on `for`, joins repeated clauses or
// puts a comment into `by`, we assert the RFC 5321/5322 reading, as each case's `rfc` note says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../../../src/core/received/parse';

interface MhaCase {
  name: string;
  kind: string;
  input: string | null;
  expected: Record<string, unknown>;
}

const cases = (
  JSON.parse(readFileSync(new URL('../../fixtures/received/mha-received.json', import.meta.url), 'utf8')) as MhaCase[]
).filter((c) => c.kind === 'parseHeader');

/** The field value as the header splitter hands it over: name removed, folding unfolded (RFC 5322 §2.2.3). */
function fieldValue(input: string | null): string {
  return (input ?? '').replace(/^Received:\s*/i, '').replace(/\r?\n(?=[ \t])/g, '');
}

type Expect = Partial<{
  from: object;
  by: object;
  with: string;
  id: string;
  for: string;
  via: string;
  dateText: string;
}>;

const RFC: Record<string, { expect: Expect; rfc?: string }> = {
  sendGrid: {
    expect: { by: { host: 'filter0383p1iad2.sendgrid.net' }, with: 'SMTP', id: 'filter0383p1iad2-15318-5AB8F728-C' },
    rfc: 'No `;` and a Go-style date: the date is not RFC 5322, so there is no dateText; the clauses agree with MHA.',
  },
  sendGrid2: {
    expect: {
      from: { helo: 'smtp.github.com', rdns: 'out-8.smtp.github.com', ip: '192.30.252.199' },
      by: { host: 'ismtpd0003p1iad2.sendgrid.net' },
      with: 'ESMTP',
      id: 'gDQRSEGgSqCsi9tFtF1Vtg',
      dateText: 'Mon, 26 Mar 2018 13:35:36.102 +0000 (UTC)',
    },
    rfc: 'MHA keeps `(out-8… [ip])` and `(SG)` inside from/by; they are comments (TCP-info), read into rdns/ip.',
  },
  dupe1: {
    expect: { by: { host: 'me' }, with: 'this' },
    rfc: 'RFC 5321 allows each clause once; the first is kept, MHA joins repeats with `; `.',
  },
  case1: {
    expect: {
      from: {
        helo: 'BN3NAM04HT205.eop-NAM04.prod.protection.outlook.com',
        rdns: 'BN3NAM04HT205.eop-NAM04.prod.protection.outlook.com',
        ip: '2a01:111:e400:c418::34',
      },
      by: { host: 'SN1PR16MB0494.namprd16.prod.outlook.com' },
      with: 'HTTPS',
      via: 'SN1PR15CA0024.NAMPRD15.PROD.OUTLOOK.COM',
      dateText: 'Sat, 21 Apr 2018 03:01:33 +0000',
    },
    rfc: 'Keywords are case-insensitive, as in MHA; the `(ip)` comment is read as the address, not kept in from.',
  },
  empty: { expect: { from: {}, by: {} } },
  otherEmpty: { expect: { from: {}, by: {} } },
  null: { expect: { from: {}, by: {} } },
  postfix: {
    expect: {
      from: {},
      by: { host: 'example.com' },
      id: '1234ABCD',
      dateText: 'Thu, 21 Aug 2014 12:12:48 +0200 (CEST)',
    },
    rfc: '`(Postfix, from userid 1001)` is a comment: it starts no from clause, and is not part of by.',
  },
  qmail: {
    expect: { from: {}, by: {}, dateText: '24 Aug 2014 16:13:38 -0000' },
    rfc: 'The only received-token is a comment; MHA puts its text in by, RFC 5322 reads no clause at all.',
  },
  broke1: { expect: { from: {}, by: {} } },
  broke2: { expect: { from: {}, by: {} } },
  broke3: { expect: { from: {}, by: {}, dateText: '22 Apr 2018' } },
  broke4: { expect: { from: {}, by: {} } },
};

describe('MHA Received parseHeader cases', () => {
  it('covers all 13 cases', () => {
    expect(cases).toHaveLength(13);
    for (const c of cases) expect(RFC[c.name.split(' / ')[1]!]).toBeDefined();
  });

  for (const c of cases) {
    const key = c.name.split(' / ')[1]!;
    const spec = RFC[key]!;
    it(`${key}${spec.rfc ? ` (RFC reading: ${spec.rfc})` : ''}`, () => {
      const r = parseReceived(fieldValue(c.input));
      expect(r).toMatchObject(spec.expect);
      // Fields MHA leaves empty stay empty here too.
      for (const field of ['with', 'id', 'for', 'via'] as const) {
        if (c.expected[field] === undefined) expect(r[field]).toBeUndefined();
      }
    });
  }

  it('the Postfix userid and qmail-invoked headers are local steps, not relays', () => {
    expect(
      parseReceived('by example.com (Postfix, from userid 1001) id 1234ABCD; Thu, 21 Aug 2014 12:12:48 +0200').kind,
    ).toBe('local');
    expect(parseReceived('(qmail 10876 invoked by uid 0); 24 Aug 2014 16:13:38 -0000').kind).toBe('local');
  });
});
