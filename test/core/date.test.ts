import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/core/date';

interface MhaDate {
  name: string;
  input: string;
  headerValue?: string;
  expected: { dateNum: number };
}

const fixture = (name: string): MhaDate[] =>
  JSON.parse(readFileSync(new URL(`../fixtures/headers/${name}`, import.meta.url), 'utf8'));

type Ok = { epochMs: number; offsetMinutes: number; iso: string; zoneKnown: boolean };

describe('parseDate: RFC 5322 §3.3 and §4.3', () => {
  const cases: Array<[string, string, Ok]> = [
    [
      'RFC 5322 A.1.1',
      'Fri, 21 Nov 1997 09:55:06 -0600',
      {
        epochMs: Date.UTC(1997, 10, 21, 15, 55, 6),
        offsetMinutes: -360,
        iso: '1997-11-21T09:55:06-06:00',
        zoneKnown: true,
      },
    ],
    [
      'positive offset with minutes',
      'Tue, 1 Jul 2003 10:52:37 +0530',
      {
        epochMs: Date.UTC(2003, 6, 1, 5, 22, 37),
        offsetMinutes: 330,
        iso: '2003-07-01T10:52:37+05:30',
        zoneKnown: true,
      },
    ],
    [
      'no day name, missing seconds',
      '1 May 2024 10:02 -0700',
      { epochMs: Date.UTC(2024, 4, 1, 17, 2), offsetMinutes: -420, iso: '2024-05-01T10:02:00-07:00', zoneKnown: true },
    ],
    [
      'RFC 5322 A.6.2: two-digit year < 50 is 20xx, named zone, extra white space',
      'Thu,\r\n      13\r\n        Feb\r\n          49\r\n      23:31:01 EST',
      {
        epochMs: Date.UTC(2049, 1, 14, 4, 31, 1),
        offsetMinutes: -300,
        iso: '2049-02-13T23:31:01-05:00',
        zoneKnown: true,
      },
    ],
    [
      'two-digit year ≥ 50 is 19xx',
      '13 Feb 69 23:32 -0330 (Newfoundland Time)',
      { epochMs: Date.UTC(1969, 1, 14, 3, 2), offsetMinutes: -210, iso: '1969-02-13T23:32:00-03:30', zoneKnown: true },
    ],
    [
      'three-digit year adds 1900 (RFC 5322 §4.3)',
      '1 Jan 103 00:00:00 +0000',
      { epochMs: Date.UTC(2003, 0, 1), offsetMinutes: 0, iso: '2003-01-01T00:00:00+00:00', zoneKnown: true },
    ],
    [
      'full day name, zone comment',
      'Saturday, 21 Apr 2018 03:01:02 -0700 (PDT)',
      {
        epochMs: Date.UTC(2018, 3, 21, 10, 1, 2),
        offsetMinutes: -420,
        iso: '2018-04-21T03:01:02-07:00',
        zoneKnown: true,
      },
    ],
    [
      'PDT named zone',
      'Mon, 1 Apr 2024 10:00:00 PDT',
      { epochMs: Date.UTC(2024, 3, 1, 17), offsetMinutes: -420, iso: '2024-04-01T10:00:00-07:00', zoneKnown: true },
    ],
    [
      'GMT',
      'Mon, 1 Apr 2024 10:00:00 GMT',
      { epochMs: Date.UTC(2024, 3, 1, 10), offsetMinutes: 0, iso: '2024-04-01T10:00:00+00:00', zoneKnown: true },
    ],
    [
      '-0000: local zone unknown (RFC 5322 §3.3)',
      'Mon, 1 Apr 2024 10:00:00 -0000',
      { epochMs: Date.UTC(2024, 3, 1, 10), offsetMinutes: 0, iso: '2024-04-01T10:00:00-00:00', zoneKnown: false },
    ],
    [
      'military zone letter: treated as -0000 (RFC 5322 §4.3)',
      'Mon, 1 Apr 2024 10:00:00 A',
      { epochMs: Date.UTC(2024, 3, 1, 10), offsetMinutes: 0, iso: '2024-04-01T10:00:00-00:00', zoneKnown: false },
    ],
    [
      'a common zone name with one meaning (SpamAssassin corpus)',
      'Sun, 08 Sep 2002 15:29:20 CEST',
      {
        epochMs: Date.UTC(2002, 8, 8, 13, 29, 20),
        offsetMinutes: 120,
        iso: '2002-09-08T15:29:20+02:00',
        zoneKnown: true,
      },
    ],
    [
      'JST (sisimai set-of-emails is-not-bounce-01)',
      'Tue, 16 Jul 2013 05:16:35 JST',
      {
        epochMs: Date.UTC(2013, 6, 15, 20, 16, 35),
        offsetMinutes: 540,
        iso: '2013-07-16T05:16:35+09:00',
        zoneKnown: true,
      },
    ],
    [
      'a name used for several zones stays unknown',
      'Mon, 1 Apr 2024 10:00:00 IST',
      { epochMs: Date.UTC(2024, 3, 1, 10), offsetMinutes: 0, iso: '2024-04-01T10:00:00-00:00', zoneKnown: false },
    ],
    [
      'an offset without the hour’s leading zero (SpamAssassin corpus)',
      'Sun, 29 Jul 2001 23:30:41    -400 (EDT)',
      {
        epochMs: Date.UTC(2001, 6, 30, 3, 30, 41),
        offsetMinutes: -240,
        iso: '2001-07-29T23:30:41-04:00',
        zoneKnown: true,
      },
    ],
    [
      '"p.m." before the zone (SpamAssassin corpus)',
      'Jun, 06 2002 12:07:31 p.m. -0800',
      {
        epochMs: Date.UTC(2002, 5, 6, 20, 7, 31),
        offsetMinutes: -480,
        iso: '2002-06-06T12:07:31-08:00',
        zoneKnown: true,
      },
    ],
    [
      '"a.m." with one-digit hour',
      'Jun, 06 2002 9:17:38    a.m. +0300',
      {
        epochMs: Date.UTC(2002, 5, 6, 6, 17, 38),
        offsetMinutes: 180,
        iso: '2002-06-06T09:17:38+03:00',
        zoneKnown: true,
      },
    ],
    [
      'missing zone: parsed, zoneKnown false, for the caller to report',
      'Mon, 1 Apr 2024 10:00:00',
      { epochMs: Date.UTC(2024, 3, 1, 10), offsetMinutes: 0, iso: '2024-04-01T10:00:00-00:00', zoneKnown: false },
    ],
    [
      'common junk: +0000 (UTC) and a trailing comment',
      'Thu, 30 Jan 2025 19:35:37 +0000 (UTC) (envelope-from <a@b>)',
      {
        epochMs: Date.UTC(2025, 0, 30, 19, 35, 37),
        offsetMinutes: 0,
        iso: '2025-01-30T19:35:37+00:00',
        zoneKnown: true,
      },
    ],
    [
      'leap second kept in iso',
      'Sat, 31 Dec 2016 23:59:60 +0000',
      { epochMs: Date.UTC(2017, 0, 1), offsetMinutes: 0, iso: '2016-12-31T23:59:60+00:00', zoneKnown: true },
    ],
    [
      'GMT+2',
      'Mon, 1 Apr 2024 10:00:00 GMT+2',
      { epochMs: Date.UTC(2024, 3, 1, 8), offsetMinutes: 120, iso: '2024-04-01T10:00:00+02:00', zoneKnown: true },
    ],
    [
      'Go style with nanoseconds and "+0000 UTC"',
      '2018-04-22 02:54:17.028704749 +0000 UTC',
      {
        epochMs: Date.UTC(2018, 3, 22, 2, 54, 17, 28),
        offsetMinutes: 0,
        iso: '2018-04-22T02:54:17.028+00:00',
        zoneKnown: true,
      },
    ],
    [
      'ISO 8601 with Z',
      '2018-04-22T02:54:17Z',
      {
        epochMs: Date.UTC(2018, 3, 22, 2, 54, 17),
        offsetMinutes: 0,
        iso: '2018-04-22T02:54:17+00:00',
        zoneKnown: true,
      },
    ],
    [
      'asctime',
      'Thu Apr 19 03:01:04 2018',
      { epochMs: Date.UTC(2018, 3, 19, 3, 1, 4), offsetMinutes: 0, iso: '2018-04-19T03:01:04-00:00', zoneKnown: false },
    ],
    [
      'zone split by a space',
      'Fri, 26 Jan 2018 15:54:11 - 0600',
      {
        epochMs: Date.UTC(2018, 0, 26, 21, 54, 11),
        offsetMinutes: -360,
        iso: '2018-01-26T15:54:11-06:00',
        zoneKnown: true,
      },
    ],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, ...expected });
  });

  const bad: Array<[string, string]> = [
    ['empty', ''],
    ['garbage', 'not a date at all'],
    ['month out of range', '2018-13-01 10:00:00 +0000'],
    ['30 February', '30 Feb 2024 10:00:00 +0000'],
    ['29 February of a non-leap year', '29 Feb 2023 10:00:00 +0000'],
    ['hour 24', '1 Jan 2024 24:00:00 +0000'],
    ['minute 60', '1 Jan 2024 10:60:00 +0000'],
    ['second 61', '1 Jan 2024 10:00:61 +0000'],
    ['no time of day (RFC 5322 requires one)', '1 Jan 2024'],
    ['unknown month', '1 Foo 2024 10:00:00 +0000'],
    ['five-digit year', '1 Jan 20245 10:00:00 +0000'],
  ];
  it.each(bad)('refuses %s', (_label, input) => {
    const r = parseDate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).not.toBe('');
  });

  it('reads a numeric date day first when the first number cannot be a month, and gives both readings when both can', () => {
    expect(parseDate('20/4/2018 10:00:00 +0000')).toMatchObject({ ok: true, iso: '2018-04-20T10:00:00+00:00' });
    // qmail-scanner's local date (SpamAssassin corpus easy_ham/01148): 2 October, or 10 February.
    expect(parseDate('02/10/2002 08:56:31')).toEqual({
      ok: true,
      epochMs: Date.UTC(2002, 1, 10, 8, 56, 31),
      offsetMinutes: 0,
      iso: '2002-02-10T08:56:31-00:00',
      zoneKnown: false,
      dayFirst: { epochMs: Date.UTC(2002, 9, 2, 8, 56, 31), iso: '2002-10-02T08:56:31-00:00' },
    });
    expect(parseDate('4/4/2018 10:00:00 +0000')).not.toHaveProperty('dayFirst');
    // 2/31: no 31 February, and 31 cannot be a month: refused.
    expect(parseDate('2/31/2018 10:00:00 +0000').ok).toBe(false);
  });

  it('accepts 29 February of a leap year', () => {
    expect(parseDate('29 Feb 2024 10:00:00 +0000').ok).toBe(true);
  });

  it('never throws, and is bounded on long junk', () => {
    for (const junk of [
      '(',
      '(((((',
      '\\',
      '+',
      '1:',
      '::::',
      '\u0000',
      'Mon,',
      '9'.repeat(100_000),
      '('.repeat(100_000),
    ]) {
      expect(() => parseDate(junk)).not.toThrow();
    }
  });
});

describe('parseDate: MHA vectors (MIT, microsoft/MHA@8531251)', () => {
  // Received.time.test.ts: the date is the text after the last ";". MHA's dateNum is the authority.
  for (const c of fixture('mha-received-dates.json')) {
    const text = c.headerValue!.slice(c.headerValue!.lastIndexOf(';') + 1);
    const zoneless = !/\s[+-]\d{4}\b/.test(text);
    it(`${c.name}: ${text.trim()}`, () => {
      const r = parseDate(text);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.epochMs).toBe(c.expected.dateNum);
      // MHA reads a zone-less date as UTC; we give the same instant but say the zone is unknown
      // (RFC 5322 §3.3 requires a zone), so that the caller reports it.
      expect(r.zoneKnown).toBe(!zoneless);
    });
  }

  // MHADates.test.ts
  const dates = fixture('mha-dates.json');
  for (const c of dates.filter((d) => d.input.includes(':'))) {
    it(`${c.name}: zone-less, same instant as MHA but zoneKnown false`, () => {
      const r = parseDate(c.input);
      expect(r).toMatchObject({ ok: true, epochMs: c.expected.dateNum, zoneKnown: false });
    });
  }
  for (const c of dates.filter((d) => !d.input.includes(':'))) {
    it(`${c.name}: date without time is refused (RFC 5322 §3.3; MHA takes midnight UTC)`, () => {
      expect(parseDate(c.input)).toEqual({ ok: false, reason: 'no time of day' });
    });
  }
});
