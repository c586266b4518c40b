import { describe, expect, it } from 'vitest';
import {
  collapseSpace,
  leadingNumber,
  scanPairs,
  splitPairs,
  splitSpacedPairs,
  wholeNumber,
} from '../../../src/core/antispam/scan';

describe('splitPairs (key:value;)', () => {
  const cases: Array<[string, string, Array<[string, string]>]> = [
    [
      'empty values and trailing ;',
      'CTRY:;LANG:hr;SCL:1;SRV:;',
      [
        ['CTRY', ''],
        ['LANG', 'hr'],
        ['SCL', '1'],
        ['SRV', ''],
      ],
    ],
    [
      'no trailing ;',
      'SCL:5;DIR:INB',
      [
        ['SCL', '5'],
        ['DIR', 'INB'],
      ],
    ],
    [
      'parenthesised lists stay whole',
      'SFS:(13230022)(4636009);DIR:INB;',
      [
        ['SFS', '(13230022)(4636009)'],
        ['DIR', 'INB'],
      ],
    ],
    [
      'a ; inside parentheses does not split',
      'ENG:(1;2)(3);RF:JunkEmail;',
      [
        ['ENG', '(1;2)(3)'],
        ['RF', 'JunkEmail'],
      ],
    ],
    [
      'values with spaces and colons',
      'X-CustomSpam: Image links to remote sites;H:a:b;',
      [
        ['X-CustomSpam', 'Image links to remote sites'],
        ['H', 'a:b'],
      ],
    ],
    [
      'folding white space is trimmed',
      '\tCIP:40.92.65.37;\n CTRY:FI ;',
      [
        ['CIP', '40.92.65.37'],
        ['CTRY', 'FI'],
      ],
    ],
    [
      'a part without a colon',
      'abc;;SCL:1',
      [
        ['abc', ''],
        ['SCL', '1'],
      ],
    ],
    ['unbalanced parenthesis runs to the end', 'SFS:(1(2;DIR:INB', [['SFS', '(1(2;DIR:INB']]],
    ['nothing', '', []],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    expect(splitPairs(input, ':').map((p) => [p.key, p.value])).toEqual(expected);
  });
});

describe('scanPairs cost', () => {
  // Parts without parentheses are cut with indexOf. Searching for the separator afresh from each part would
  // read the rest of a separator-free value once per part: 1,000,000 parts of `a;` then take ~20 s here
  // (memchr is fast, so only a value this long tells quadratic from linear); linear, well under a second.
  it('stays linear on a 2 MB value of parts without a separator', () => {
    const value = 'a;'.repeat(1_000_000);
    let parts = 0;
    const t0 = performance.now();
    scanPairs(value, ':', () => {
      parts++;
    });
    const ms = performance.now() - t0;
    expect(parts).toBe(1_000_000);
    expect(ms, `${ms.toFixed(0)} ms`).toBeLessThan(5000);
  }, 30_000);
});

describe('splitSpacedPairs (key=value key=value)', () => {
  it('keeps a comma-separated list folded over lines together', () => {
    const pairs = splitSpacedPairs('score=3.342 tests=[BAYES_00=-1.9,\n\tHTML_MESSAGE=0.001] autolearn=no');
    expect(pairs).toEqual([
      { key: 'score', value: '3.342' },
      { key: 'tests', value: 'BAYES_00=-1.9, HTML_MESSAGE=0.001' },
      { key: 'autolearn', value: 'no' },
    ]);
  });
  it('continues an unbracketed list after a trailing comma', () => {
    expect(splitSpacedPairs('tests=A,B,\n C autolearn=ham')).toEqual([
      { key: 'tests', value: 'A,B, C' },
      { key: 'autolearn', value: 'ham' },
    ]);
  });
  it('reads empty and quoted values and bare words', () => {
    expect(splitSpacedPairs('authcc= route="out bound" using')).toEqual([
      { key: 'authcc', value: '' },
      { key: 'route', value: 'out bound' },
      { key: 'using', value: '' },
    ]);
  });
});

describe('small scanners', () => {
  it.each([
    ['5', 5],
    ['-1', -1],
    [' 3.342 ', 3.342],
    ['+3', 3],
    ['3.1 (+++)', undefined],
    ['', undefined],
    ['-', undefined],
    ['1e5', undefined],
    // Zero, never minus zero (toBe tells them apart): JSON writes -0 as 0, and the Analysis must survive it.
    ['-0', 0],
    ['-0.0', 0],
  ])('wholeNumber(%j) = %j', (input, expected) => {
    expect(wholeNumber(input)).toBe(expected);
  });
  it.each([
    ['5 (+++)', 5],
    [' -0.0 spam', 0],
    ['-0', 0],
  ])('leadingNumber(%j) = %j', (input, expected) => {
    expect(leadingNumber(input)).toBe(expected);
  });
  it('collapses unfolded white space and returns clean text unchanged', () => {
    expect(collapseSpace(' a\r\n\t b  c ')).toBe('a b c');
    const clean = 'AOJu0Yx to/uT0';
    expect(collapseSpace(clean)).toBe(clean);
  });
});
