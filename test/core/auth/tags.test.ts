import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTagList } from '../../../src/core/auth/tags';

type Row = { name: string; input: string; tags: Record<string, string>; diagnostics?: string[] };

const rows: Row[] = [
  {
    name: 'RFC 6376 §3.2: simple list, trailing ;',
    input: 'v=1; a=rsa-sha256; d=example.net;',
    tags: { v: '1', a: 'rsa-sha256', d: 'example.net' },
  },
  {
    name: 'FWS around names, = and values; folded b= and h= compacted',
    input: ' v = 1 ;\r\n\th=from:to\r\n :subject ;\r\n b=AbC+/\r\n   dEf= ; bh= 9x y= ',
    tags: { v: '1', h: 'from:to:subject', b: 'AbC+/dEf=', bh: '9xy=' },
  },
  {
    name: 'unfolded Gmail layout keeps nothing of the white space',
    input: 'h=mime-version:date:message-id         :date:message-id;        b=gv3riZT5G5D1yPYs/d         Rt7gknLVQ==',
    tags: { h: 'mime-version:date:message-id:date:message-id', b: 'gv3riZT5G5D1yPYs/dRt7gknLVQ==' },
  },
  {
    name: 'empty values and empty specs',
    input: 'a=;; b= ;c=x',
    tags: { a: '', b: '', c: 'x' },
  },
  {
    name: 'tag names are case-sensitive',
    input: 'd=a.example; D=b.example',
    tags: { d: 'a.example', D: 'b.example' },
  },
  {
    name: 'duplicate tag keeps the first',
    input: 'd=a.example; d=b.example',
    tags: { d: 'a.example' },
    diagnostics: ['tag-duplicate-tag'],
  },
  {
    name: 'tag without =',
    input: 'v=1; broken; d=example.com',
    tags: { v: '1', d: 'example.com' },
    diagnostics: ['tag-malformed-tag'],
  },
  {
    name: 'invalid tag names (digit first, __proto__)',
    input: '1x=a; __proto__=b; ok_1=c',
    tags: { ok_1: 'c' },
    diagnostics: ['tag-bad-tag-name', 'tag-bad-tag-name'],
  },
  { name: 'empty value', input: '', tags: {} },
];

describe('parseTagList', () => {
  it.each(rows)('$name', (row) => {
    const parsed = parseTagList(row.input);
    expect(parsed.tags).toStrictEqual(row.tags);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(row.diagnostics ?? []);
  });

  it('prefixes diagnostic codes with the caller', () => {
    expect(parseTagList('x', 'dkim').diagnostics.map((d) => d.code)).toEqual(['dkim-malformed-tag']);
  });
});

describe('parseTagList: total', () => {
  it('never throws and never yields a value with white space', () => {
    const alphabet = fc.constantFrom(...'ab_1=; \t\r\n'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 60 }), (value) => {
        for (const v of Object.values(parseTagList(value).tags)) expect(v).not.toMatch(/\s/);
      }),
      { numRuns: 3000 },
    );
  });
});
