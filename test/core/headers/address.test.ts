import { describe, expect, it } from 'vitest';
import { extractDomain, parseAddress, parseAddressList } from '../../../src/core/headers/address';
import type { Address } from '../../../src/core/types';

describe('parseAddressList', () => {
  const cases: Array<[string, string, Address[]]> = [
    ['bare addr-spec', 'john@example.com', [{ address: 'john@example.com', raw: 'john@example.com' }]],
    [
      'name-addr with an atom phrase',
      'John Smith <john@example.com>',
      [{ name: 'John Smith', address: 'john@example.com', raw: 'John Smith <john@example.com>' }],
    ],
    [
      'quoted display name with a comma and a quoted-pair',
      '"Smith, John \\"JJ\\"" <john@example.com>',
      [{ name: 'Smith, John "JJ"', address: 'john@example.com', raw: '"Smith, John \\"JJ\\"" <john@example.com>' }],
    ],
    [
      'RFC 5322 A.1.2: list with a group-less mix',
      'Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>',
      [
        { name: 'Mary Smith', address: 'mary@x.test', raw: 'Mary Smith <mary@x.test>' },
        { address: 'jdoe@example.org', raw: 'jdoe@example.org' },
        { name: 'Who?', address: 'one@y.test', raw: 'Who? <one@y.test>' },
      ],
    ],
    [
      'RFC 5322 A.1.3: group members, group name dropped',
      'A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;',
      [
        { name: 'Ed Jones', address: 'c@a.test', raw: 'Ed Jones <c@a.test>' },
        { address: 'joe@where.test', raw: 'joe@where.test' },
        { name: 'John', address: 'jdoe@one.test', raw: 'John <jdoe@one.test>' },
      ],
    ],
    ['RFC 5322 A.1.3: empty group', 'Undisclosed recipients:;', []],
    [
      'RFC 5322 A.5: comments everywhere',
      'Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>',
      [
        {
          name: 'Pete',
          address: 'pete@silly.test',
          raw: 'Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>',
        },
      ],
    ],
    [
      'obsolete "(Name)" comment form',
      'john@example.com (John Smith)',
      [{ name: 'John Smith', address: 'john@example.com', raw: 'john@example.com (John Smith)' }],
    ],
    [
      'RFC 2047 name decoded',
      '=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <jm@example.de>',
      [{ name: 'Jörg Müller', address: 'jm@example.de', raw: '=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <jm@example.de>' }],
    ],
    [
      'RFC 2047 inside a quoted name decoded (as mail clients show it)',
      '"=?utf-8?B?UGF5UGFs?=" <service@phish.example>',
      [{ name: 'PayPal', address: 'service@phish.example', raw: '"=?utf-8?B?UGF5UGFs?=" <service@phish.example>' }],
    ],
    [
      'Mailsploit: an encoded-word in the addr-spec is never decoded',
      '<=?utf-8?b?cG90dXNAd2hpdGVob3VzZS5nb3Y=?==?utf-8?Q?=00?=@mailsploit.com>',
      [
        {
          address: '=?utf-8?b?cG90dXNAd2hpdGVob3VzZS5nb3Y=?==?utf-8?Q?=00?=@mailsploit.com',
          raw: '<=?utf-8?b?cG90dXNAd2hpdGVob3VzZS5nb3Y=?==?utf-8?Q?=00?=@mailsploit.com>',
        },
      ],
    ],
    [
      'obsolete route dropped',
      'Joe <@relay.test,@other.test:joe@example.com>',
      [{ name: 'Joe', address: 'joe@example.com', raw: 'Joe <@relay.test,@other.test:joe@example.com>' }],
    ],
    [
      'quoted local part kept as written',
      '"john doe"@example.com',
      [{ address: '"john doe"@example.com', raw: '"john doe"@example.com' }],
    ],
    [
      'missing angle brackets: the word with "@" is the address',
      'John Smith john@example.com',
      [{ name: 'John Smith', address: 'john@example.com', raw: 'John Smith john@example.com' }],
    ],
    [
      'spaces around "@" and "." (obsolete CFWS in addr-spec)',
      'john . smith @ example.com',
      [{ address: 'john.smith@example.com', raw: 'john . smith @ example.com' }],
    ],
    [
      'unquoted comma in a name: the lone word is dropped',
      'Smith, John <john@example.com>',
      [{ name: 'John', address: 'john@example.com', raw: 'John <john@example.com>' }],
    ],
    [
      'white space in a name (tabs, runs, a fold) collapsed to one space',
      'John \t Smith  <j@x.test>, Jo\r\n Doe <d@x.test>',
      [
        { name: 'John Smith', address: 'j@x.test', raw: 'John \t Smith  <j@x.test>' },
        { name: 'Jo Doe', address: 'd@x.test', raw: 'Jo\r\n Doe <d@x.test>' },
      ],
    ],
    ['a lone word without "@" is not a mailbox', 'joe', []],
    ['null path', '<>', []],
    ['display name only', 'Just A Name', []],
    ['empty', '', []],
    ['empty list members skipped', ', ,a@b.test,,', [{ address: 'a@b.test', raw: 'a@b.test' }]],
    [
      // The quoted string never closes, so everything after '"' is inside it: one quoted word with an "@".
      'unterminated quote runs to the end',
      '"Eve <eve@example.com',
      [{ address: '"Eve <eve@example.com', raw: '"Eve <eve@example.com' }],
    ],
    [
      'unterminated angle',
      'Eve <eve@example.com',
      [{ name: 'Eve', address: 'eve@example.com', raw: 'Eve <eve@example.com' }],
    ],
    [
      'folded value (CRLF and white space inside)',
      '"Doe, Jane"\r\n <jane@example.com>,\r\n\tjoe@example.com',
      [
        { name: 'Doe, Jane', address: 'jane@example.com', raw: '"Doe, Jane"\r\n <jane@example.com>' },
        { address: 'joe@example.com', raw: 'joe@example.com' },
      ],
    ],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    expect(parseAddressList(input)).toEqual(expected);
  });

  it('is linear on a long list', () => {
    const value = Array.from({ length: 20_000 }, (_, i) => `"User ${i}" <u${i}@example.com>`).join(', ');
    const t0 = performance.now();
    const list = parseAddressList(value);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(list).toHaveLength(20_000);
    expect(list[19_999]).toEqual({
      name: 'User 19999',
      address: 'u19999@example.com',
      raw: '"User 19999" <u19999@example.com>',
    });
  });

  it('never throws on junk', () => {
    for (const junk of ['<<<>>>', '(((', '"""', '\\', ':;:;,,', '@', '<@>', '\u0000\u0001<a@b>', '(a@b)']) {
      expect(() => parseAddressList(junk)).not.toThrow();
    }
    expect(parseAddressList('\u0000\u0001<a@b>')).toEqual([
      { name: '\u0000\u0001', address: 'a@b', raw: '\u0000\u0001<a@b>' },
    ]);
  });
});

describe('parseAddress', () => {
  it('returns the first mailbox', () => {
    expect(parseAddress('a@x.test, b@y.test')).toEqual({ address: 'a@x.test', raw: 'a@x.test' });
  });
  it('returns undefined when there is none', () => {
    expect(parseAddress('<>')).toBeUndefined();
    expect(parseAddress('')).toBeUndefined();
  });
});

describe('extractDomain', () => {
  const cases: Array<[string, string | undefined]> = [
    ['john@Example.COM', 'example.com'],
    ['john@example.com.', 'example.com'],
    ['<john@example.com>', 'example.com'],
    ['"a@b"@example.org', 'example.org'],
    ['bounce+x=y@mail.example.net>.', 'mail.example.net'],
    ['no-at-sign', undefined],
    ['john@', undefined],
    ['john@>', undefined],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(extractDomain(input)).toBe(expected);
  });
});
