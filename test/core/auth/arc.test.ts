import { describe, expect, it } from 'vitest';
import { type GroupedArcSets, groupArcSets } from '../../../src/core/auth/arc';
import type { HeaderField } from '../../../src/core/types';

function fields(list: Array<[string, string]>): HeaderField[] {
  return list.map(([name, value], index) => ({ index, name, raw: `${name}: ${value}`, value }));
}

// phishing_pot sample-1141: Google sealed twice (i=1, i=2), then Microsoft (i=3). Values as in the
// message, top first; b= and bh= shortened.
const sample1141 = fields([
  ['ARC-Seal', 'i=3; a=rsa-sha256; s=arcselector9901; d=microsoft.com; cv=pass; b=Q3e09uCavrA1ef7E=='],
  [
    'ARC-Message-Signature',
    'i=3; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com; s=arcselector9901; h=From:Date:Subject:Message-ID:Content-Type:MIME-Version; bh=pJtFUoD0=; b=SqHlV6s8=',
  ],
  [
    'ARC-Authentication-Results',
    'i=3; mx.microsoft.com 1; spf=none (sender ip is 209.85.216.80) smtp.rcpttodomain=hotmail.com smtp.mailfrom=gethand.skin; dmarc=fail (p=none sp=quarantine pct=100) action=none header.from=gmail.com; arc=pass (0 oda=1 ltdi=1 spf=[1,2,smtp.mailfrom=jiji74759@gmail.com])',
  ],
  ['Received', 'from mail-pj1-f80.google.com (209.85.216.80) by …'],
  [
    'ARC-Seal',
    'i=2; a=rsa-sha256; t=1692710318; cv=pass;        d=google.com; s=arc-20160816;        b=tE55vlUP         d6rPjgV3==',
  ],
  [
    'ARC-Message-Signature',
    'i=2; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20160816;        h=list-unsubscribe:list-subscribe         :to:subject:message-id:date:from;        bh=pJtFUoD0=;        fh=fW5nq6m5=;        b=xW/kreyD=',
  ],
  [
    'ARC-Authentication-Results',
    'i=2; mx.google.com;       dkim=pass header.i=@gmail.com header.s=20221208 header.b=rX0eU8AC',
  ],
  ['Arc-Seal', 'i=1; a=rsa-sha256; t=1692707208; cv=none;        d=google.com; s=arc-20160816;        b=ozK2Dbum=='],
  [
    'arc-message-signature',
    'i=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20160816;        h=to:subject:message-id:date:from:mime-version:dkim-signature;        bh=pJtFUoD0=;        b=hKpaiyGE=',
  ],
  ['ARC-Authentication-Results', 'i=1; mx.google.com;       spf=pass smtp.mailfrom=jiji74759@gmail.com'],
]);

type Row = { name: string; input: HeaderField[]; expected: GroupedArcSets['sets']; diagnostics: string[] };

const rows: Row[] = [
  {
    name: 'Google ×2 then Microsoft (phishing_pot sample-1141)',
    input: sample1141,
    expected: [
      {
        instance: 1,
        seal: {
          header: 7,
          cv: 'none',
          domain: 'google.com',
          selector: 'arc-20160816',
          algorithm: 'rsa-sha256',
          tags: {
            i: '1',
            a: 'rsa-sha256',
            t: '1692707208',
            cv: 'none',
            d: 'google.com',
            s: 'arc-20160816',
            b: 'ozK2Dbum==',
          },
        },
        messageSignature: {
          header: 8,
          domain: 'google.com',
          selector: 'arc-20160816',
          algorithm: 'rsa-sha256',
          signedHeaders: ['to', 'subject', 'message-id', 'date', 'from', 'mime-version', 'dkim-signature'],
          tags: {
            i: '1',
            a: 'rsa-sha256',
            c: 'relaxed/relaxed',
            d: 'google.com',
            s: 'arc-20160816',
            h: 'to:subject:message-id:date:from:mime-version:dkim-signature',
            bh: 'pJtFUoD0=',
            b: 'hKpaiyGE=',
          },
        },
        authenticationResults: { header: 9 },
      },
      {
        instance: 2,
        seal: {
          header: 4,
          cv: 'pass',
          domain: 'google.com',
          selector: 'arc-20160816',
          algorithm: 'rsa-sha256',
          tags: {
            i: '2',
            a: 'rsa-sha256',
            t: '1692710318',
            cv: 'pass',
            d: 'google.com',
            s: 'arc-20160816',
            b: 'tE55vlUPd6rPjgV3==',
          },
        },
        messageSignature: {
          header: 5,
          domain: 'google.com',
          selector: 'arc-20160816',
          algorithm: 'rsa-sha256',
          signedHeaders: ['list-unsubscribe', 'list-subscribe', 'to', 'subject', 'message-id', 'date', 'from'],
          tags: {
            i: '2',
            a: 'rsa-sha256',
            c: 'relaxed/relaxed',
            d: 'google.com',
            s: 'arc-20160816',
            h: 'list-unsubscribe:list-subscribe:to:subject:message-id:date:from',
            bh: 'pJtFUoD0=',
            fh: 'fW5nq6m5=',
            b: 'xW/kreyD=',
          },
        },
        authenticationResults: { header: 6 },
      },
      {
        instance: 3,
        seal: {
          header: 0,
          cv: 'pass',
          domain: 'microsoft.com',
          selector: 'arcselector9901',
          algorithm: 'rsa-sha256',
          tags: {
            i: '3',
            a: 'rsa-sha256',
            s: 'arcselector9901',
            d: 'microsoft.com',
            cv: 'pass',
            b: 'Q3e09uCavrA1ef7E==',
          },
        },
        messageSignature: {
          header: 1,
          domain: 'microsoft.com',
          selector: 'arcselector9901',
          algorithm: 'rsa-sha256',
          signedHeaders: ['from', 'date', 'subject', 'message-id', 'content-type', 'mime-version'],
          tags: {
            i: '3',
            a: 'rsa-sha256',
            c: 'relaxed/relaxed',
            d: 'microsoft.com',
            s: 'arcselector9901',
            h: 'From:Date:Subject:Message-ID:Content-Type:MIME-Version',
            bh: 'pJtFUoD0=',
            b: 'SqHlV6s8=',
          },
        },
        authenticationResults: { header: 2 },
      },
    ],
    diagnostics: [],
  },
  {
    name: 'no ARC fields',
    input: fields([
      ['Received', 'from a by b'],
      ['Authentication-Results', 'mx.example.com; none'],
    ]),
    expected: [],
    diagnostics: [],
  },
];

const seal = (i: number, cv: string) => `i=${i}; a=rsa-sha256; cv=${cv}; d=example.org; s=arc; b=AA==`;
const ams = (i: number) => `i=${i}; a=rsa-sha256; d=example.org; s=arc; h=from; bh=AA=; b=AA==`;
const aar = (i: number) => `i=${i}; example.org; spf=pass smtp.mailfrom=example.org`;

describe('groupArcSets', () => {
  it.each(rows)('$name', (row) => {
    const grouped = groupArcSets(row.input);
    expect(grouped.sets).toStrictEqual(row.expected);
    expect(grouped.diagnostics.map((d) => d.code)).toEqual(row.diagnostics);
  });

  it.each([
    {
      name: 'missing AMS in i=1',
      input: [
        ['ARC-Seal', seal(1, 'none')],
        ['ARC-Authentication-Results', aar(1)],
      ] as Array<[string, string]>,
      instances: [1],
      diagnostics: [{ code: 'arc-incomplete-set', header: 0 }],
    },
    {
      name: 'duplicate seal for i=1: the topmost is kept',
      input: [
        ['ARC-Seal', seal(1, 'none')],
        ['ARC-Seal', seal(1, 'none')],
        ['ARC-Message-Signature', ams(1)],
        ['ARC-Authentication-Results', aar(1)],
      ] as Array<[string, string]>,
      instances: [1],
      diagnostics: [{ code: 'arc-duplicate-member', header: 1 }],
    },
    {
      name: 'gap: i=1 and i=3',
      input: [
        ['ARC-Seal', seal(3, 'pass')],
        ['ARC-Message-Signature', ams(3)],
        ['ARC-Authentication-Results', aar(3)],
        ['ARC-Seal', seal(1, 'none')],
        ['ARC-Message-Signature', ams(1)],
        ['ARC-Authentication-Results', aar(1)],
      ] as Array<[string, string]>,
      instances: [1, 3],
      diagnostics: [{ code: 'arc-instance-gap', header: undefined }],
    },
    {
      name: 'cv contradicts the instance',
      input: [
        ['ARC-Seal', seal(2, 'none')],
        ['ARC-Message-Signature', ams(2)],
        ['ARC-Authentication-Results', aar(2)],
        ['ARC-Seal', seal(1, 'pass')],
        ['ARC-Message-Signature', ams(1)],
        ['ARC-Authentication-Results', aar(1)],
      ] as Array<[string, string]>,
      instances: [1, 2],
      diagnostics: [
        { code: 'arc-bad-cv', header: 3 },
        { code: 'arc-bad-cv', header: 0 },
      ],
    },
    {
      name: 'missing or out-of-range i=',
      input: [
        ['ARC-Seal', 'a=rsa-sha256; cv=none; d=x; s=y; b=z'],
        ['ARC-Message-Signature', ams(51)],
        ['ARC-Authentication-Results', 'example.org; none'],
      ] as Array<[string, string]>,
      instances: [],
      diagnostics: [
        { code: 'arc-bad-instance', header: 0 },
        { code: 'arc-bad-instance', header: 1 },
        { code: 'arc-bad-instance', header: 2 },
      ],
    },
  ])('$name', ({ input, instances, diagnostics }) => {
    const grouped = groupArcSets(fields(input));
    expect(grouped.sets.map((s) => s.instance)).toEqual(instances);
    expect(grouped.diagnostics.map((d) => ({ code: d.code, header: d.header }))).toEqual(diagnostics);
  });
});
