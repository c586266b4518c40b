import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';

// MHA's two chain cases (test/fixtures/received/mha-received.json, MIT, github.com/microsoft/MHA): the hops
// in order, their dates and delays, and the total transit time. RFC 5322 §3.6.7 puts `;` before a Received
// field's date, but SendGrid writes `… id X  2018-04-22 02:54:17.028704749 +0000 UTC` without one: like MHA,
// we read a date that starts the field's tail in ISO order with a time after it.
interface ChainCase {
  name: string;
  kind: string;
  input: string[];
  expected: { rows: Array<{ inputIndex: number; dateNum: number; id?: string }>; computeDeltas: string };
}
const cases = (
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../fixtures/received/mha-received.json'), 'utf8'),
  ) as ChainCase[]
).filter((c) => c.kind === 'chain');

describe('Received chains (MHA vectors)', () => {
  it('has both chain cases', () => expect(cases).toHaveLength(2));

  for (const c of cases) {
    describe(c.name, () => {
      const a = analyze(`${c.input.join('\n')}\nSubject: x\n`);
      const rows = c.expected.rows;

      it('orders hops oldest first, as MHA does', () => {
        // The Received fields are the first fields of the block, so a hop's header index is its input index.
        expect(a.hops.map((h) => h.header)).toEqual(rows.map((r) => r.inputIndex));
      });

      it('reads each date to the second, or reports why not', () => {
        rows.forEach((r, i) => {
          const hop = a.hops[i]!;
          expect(Math.floor(Date.parse(hop.date!) / 1000)).toBe(Math.floor(r.dateNum / 1000));
          expect(a.diagnostics.some((d) => d.header === hop.header && d.code === 'date-missing')).toBe(false);
          if (r.id) expect(hop.id).toBe(r.id);
        });
        // One of them is SendGrid's field without the `;`.
        expect(c.input.some((field) => !field.includes(';'))).toBe(c.name.includes('GitHub'));
      });

      it('computes the total transit time MHA shows', () => {
        const m = /(?:(\d+) minutes? )?(\d+) seconds?/.exec(c.expected.computeDeltas)!;
        const expected = Number(m[1] ?? 0) * 60 + Number(m[2]);
        expect(Math.abs(a.summary.totalDelaySeconds! - expected)).toBeLessThanOrEqual(1);
      });

      it('hands off at Exchange Online Protection’s edge', () => {
        expect(a.handoff?.ip).toBe(c.name.includes('GitHub') ? '167.89.101.2' : '199.204.166.217');
      });
    });
  }
});

describe('a numeric date that reads two ways', () => {
  // qmail-scanner's stage in the SpamAssassin corpus (easy_ham/01148): its "02/10/2002" is 2 October, as the
  // hops around it show, not 10 February.
  it('takes the reading nearer the hops around it', () => {
    const a = analyze(`Received: (qmail 15297 invoked by uid 104); 2 Oct 2002 13:56:32 -0000
Received: from cwg@example.com by localhost.localdomain with qmail-scanner-0.90 (uvscan: v4.1.60/v4226. . Clean. Processed in 0.34 secs); 02/10/2002 08:56:31
Received: (qmail 15286 invoked from network); 2 Oct 2002 13:56:31 -0000
From: a@example.com
`);
    expect(a.hops.map((h) => h.date)).toEqual([
      '2002-10-02T13:56:31-00:00',
      '2002-10-02T08:56:31-00:00',
      '2002-10-02T13:56:32-00:00',
    ]);
    expect(a.flags.map((f) => f.id)).not.toContain('hop-delay-negative');
  });
});

describe('delays in whole seconds', () => {
  it('are zero, never minus zero, for dates a fraction of a second apart (the Analysis survives JSON)', () => {
    // SendGrid's filter stage writes fractions of a second; the hop above it, whole seconds.
    const a =
      analyze(`Received: from b.example (b.example [192.0.2.2]) by c.example with ESMTP; Wed, 09 Nov 2016 20:10:27 +0000
Received: by a.example with SMTP id x 2016-11-09 20:10:27.400 +0000 UTC
From: x@example.com
`);
    expect(Object.is(a.hops[1]!.delaySeconds, 0)).toBe(true);
    expect(Object.is(a.summary.totalDelaySeconds, 0)).toBe(true);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
