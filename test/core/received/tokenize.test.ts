import { describe, expect, it } from 'vitest';
import { keywordAt, tokenize, wordIs, wordStartsWith } from '../../../src/core/received/tokenize';

const texts = (value: string, skipDate: boolean): string[] => tokenize(value, skipDate).tokens.map((t) => t.text);

describe('tokenize: the date after the last ";" is not built into tokens when asked', () => {
  const rows: Array<{ value: string; tokens: string[] }> = [
    {
      value: 'from a (b [192.0.2.1]) by c with ESMTP; Mon, 26 Aug 2002 07:59:36 -0400 (EDT)',
      tokens: ['from', 'a', 'b [192.0.2.1]', 'by', 'c', 'with', 'ESMTP', ';'],
    },
    // Clauses written after the date start again at their keyword.
    {
      value: 'from a by b; Thu, 10 Nov 2005 08:24:21 -0600 id 000000DB.4373',
      tokens: ['from', 'a', 'by', 'b', ';', 'id', '000000DB.4373'],
    },
    // Only the last ";" starts the date; a ";" inside a comment is not one.
    { value: 'from a (x; y) by b; date; 1 Jan 2020', tokens: ['from', 'a', 'x; y', 'by', 'b', ';', 'date', ';'] },
    { value: 'from a by b (c; d)', tokens: ['from', 'a', 'by', 'b', 'c; d'] },
  ];
  for (const row of rows) {
    it(row.value, () => {
      expect(texts(row.value, true)).toEqual(row.tokens);
    });
  }

  it('builds every token without the option', () => {
    expect(texts('from a by b; Mon, 1 Jan 2020', false)).toEqual([
      'from',
      'a',
      'by',
      'b',
      ';',
      'Mon',
      '1',
      'Jan',
      '2020',
    ]);
  });

  it('reads a date of the common form in place, where it starts after the ";"', () => {
    const value = 'from a by b;\t Thu, 10 Nov 2005 08:24:21 -0600 (CST)';
    const t = tokenize(value, true);
    expect(t.date).toMatchObject({ ok: true, iso: '2005-11-10T08:24:21-06:00' });
    expect(t.dateStart).toBe(value.indexOf('Thu'));
    expect(tokenize(value, false).date).toBeUndefined();
    expect(tokenize('from a by b; 10 Nov 2005', true).date).toBeUndefined();
  });

  it('passes over a date read in place without finding a keyword in an atom glued to its zone', () => {
    const value = 'from a by b; Thu, 10 Nov 2005 08:24:21 -0600for x';
    expect(texts(value, true)).toEqual(['from', 'a', 'by', 'b', ';']);
  });

  it('still reports what is malformed inside the date', () => {
    const value = 'from a by b; Mon, 1 Jan 2020 (PDT';
    expect(tokenize(value, true).problems).toEqual(tokenize(value, false).problems);
    expect(tokenize(value, true).problems).toEqual([{ offset: 29, message: 'comment not closed' }]);
  });
});

describe('keyword and word comparisons in place', () => {
  it('finds clause keywords in any letter case, and nothing else', () => {
    expect(keywordAt('x FROM y', 2, 6)).toBe('from');
    expect(keywordAt('By', 0, 2)).toBe('by');
    expect(keywordAt('wITh', 0, 4)).toBe('with');
    expect(keywordAt('fro', 0, 3)).toBeUndefined();
    expect(keywordAt('form', 0, 4)).toBeUndefined();
    expect(keywordAt('idx', 0, 3)).toBeUndefined();
  });

  it('compares words with lower-case keywords case-insensitively', () => {
    expect(wordIs('Authenticated', 'authenticated')).toBe(true);
    expect(wordIs('authenticated:', 'authenticated')).toBe(false);
    expect(wordIs(undefined, 'as')).toBe(false);
    expect(wordStartsWith('FetchMail-6.3', 'fetchmail')).toBe(true);
    expect(wordStartsWith('  from x', 'from', 2)).toBe(true);
    expect(wordStartsWith('fro', 'from')).toBe(false);
  });
});
