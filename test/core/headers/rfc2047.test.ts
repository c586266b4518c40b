import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeEncodedWords } from '../../../src/core/headers/rfc2047';

interface MhaCase {
  name: string;
  kind: 'clean2047Encoding' | 'decodeQuoted' | 'decodeBase64' | 'decodeHex' | 'decodeHexCodepage';
  input: string | [string, string] | [string, number[]];
  expected: string;
}

const mha: MhaCase[] = JSON.parse(
  readFileSync(new URL('../../fixtures/headers/mha-rfc2047.json', import.meta.url), 'utf8'),
);

/** MHA tests its Decoder's helpers on (charset, text); we feed the same text as one encoded-word. */
function asValue(c: MhaCase): string {
  if (c.kind === 'clean2047Encoding') return c.input as string;
  const [charset, text] = c.input as [string, string | number[]];
  if (c.kind === 'decodeBase64') return `=?${charset}?B?${text}?=`;
  if (c.kind === 'decodeHexCodepage') {
    const hex = (text as number[]).map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    return `=?${charset}?Q?${hex}?=`;
  }
  return `=?${charset}?Q?${text}?=`;
}

// RFC 2047 §5: an encoded-word is delimited by white space (or the start/end, "(", ")", '"'). MHA decodes
// words glued to following text and words inside an addr-spec (the Mailsploit vectors); we keep those raw,
// which is what shows the spoof. Indices into mha-rfc2047.json.
const RFC_DEPARTURES: Record<number, string> = {
  15: '=?utf-8?Q?=00=41?=test1',
  16: '=?utf-8?Q?=0A=41?=test2',
  17: '=?utf-8?Q?=00=0A=41?=test3',
  18: 'From: =?utf-8?Q?=00=0A=41?=test4',
};

describe('decodeEncodedWords: MHA Decoder vectors (MIT, microsoft/MHA@8531251)', () => {
  mha.forEach((c, i) => {
    const input = asValue(c);
    const glued = /\?=@mailsploit\.com|\?=@example\.com/.test(input);
    if (i in RFC_DEPARTURES || glued) {
      it(`#${i} ${c.kind}: word glued to text or in an addr-spec stays raw (RFC 2047 §5; MHA decodes)`, () => {
        const out = decodeEncodedWords(input);
        if (i in RFC_DEPARTURES) expect(out).toBe(RFC_DEPARTURES[i]);
        // The addr-spec part is never decoded.
        if (glued) expect(out).toContain('?=@');
        expect(out).not.toBe(c.expected);
      });
    } else {
      it(`#${i} ${c.kind}: ${JSON.stringify(input).slice(0, 60)}`, () => {
        expect(decodeEncodedWords(input)).toBe(c.expected);
      });
    }
  });

  it('#30: the quoted display name is decoded, the addr-spec is not', () => {
    expect(decodeEncodedWords(mha[30]!.input as string)).toBe(
      '"potus@whitehouse.gov\n\u0000"\r\n <=?utf-8?b?cG90dXNAd2hpdGVob3VzZS5nb3Y=?==?utf-8?Q?=0A=00?=@mailsploit.com>',
    );
  });
});

describe('decodeEncodedWords', () => {
  const cases: Array<[string, string, string]> = [
    ['no encoded word', 'Hello world', 'Hello world'],
    ['Q with underscore and hex', '=?ISO-8859-1?Q?Andr=E9_Pirard?=', 'André Pirard'],
    ['lower-case encoding letter', '=?utf-8?q?caf=C3=A9?=', 'café'],
    ['B encoding', '=?UTF-8?B?wqFIb2xhIQ==?=', '¡Hola!'],
    ['missing base64 padding accepted', '=?UTF-8?B?SGk?=', 'Hi'],
    ['excess padding kept raw', '=?UTF-8?B?SGk===?=', '=?UTF-8?B?SGk===?='],
    ['RFC 2047 §8: space between words dropped', '(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['RFC 2047 §8: folding white space between words dropped', '(=?ISO-8859-1?Q?a?=\r\n  =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['RFC 2047 §8: text between words kept', '(=?ISO-8859-1?Q?a?= b)', '(a b)'],
    ['RFC 2047 §8: encoded space', '(=?ISO-8859-1?Q?a_b?=)', '(a b)'],
    ['words in different charsets', '=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=', 'a b'],
    ['UTF-8 character split across two words', '=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=', 'café'],
    ['RFC 2231 language suffix', '=?US-ASCII*EN?Q?Keith_Moore?=', 'Keith Moore'],
    // sisimai set-of-emails lhost-mailru-01 (Mail.ru's bounce subject)
    ['a word before a full stop and a space', '=?UTF-8?B?0JLQsNGI0LU=?=. Mail failure.', 'Ваше. Mail failure.'],
    ['a word before a colon at the end', '=?UTF-8?Q?caf=C3=A9?=:', 'café:'],
    ['a word before a full stop inside a name stays raw', '=?UTF-8?Q?a?=.example.com', '=?UTF-8?Q?a?=.example.com'],
    ['unknown charset kept raw', '=?x-no-such-charset?Q?abc?=', '=?x-no-such-charset?Q?abc?='],
    ['charset with a space kept raw', '=?UTF 8?B?SGk=?=', '=?UTF 8?B?SGk=?='],
    ['unknown encoding kept raw', '=?UTF-8?X?abc?=', '=?UTF-8?X?abc?='],
    ['unterminated word kept raw', 'a =?UTF-8?Q?abc', 'a =?UTF-8?Q?abc'],
    ['word glued to a preceding letter kept raw', 'x=?UTF-8?Q?abc?=', 'x=?UTF-8?Q?abc?='],
    [
      'inside a quoted string (decoded, as mail clients show it)',
      '"=?UTF-8?Q?J=C3=B6rg?=" <j@example.com>',
      '"Jörg" <j@example.com>',
    ],
    ['before a comma', '=?UTF-8?Q?J=C3=B6rg?=, x', 'Jörg, x'],
    ['Q text with 8-bit characters kept raw', '=?UTF-8?Q?caf\u00e9?=', '=?UTF-8?Q?caf\u00e9?='],
    ['stray = kept', '=?UTF-8?Q?a=ZZb?=', 'a=ZZb'],
    ['empty encoded text', '=?UTF-8?Q??=', ''],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    expect(decodeEncodedWords(input)).toBe(expected);
  });

  it('decodes thousands of adjacent words in linear time', () => {
    const word = '=?UTF-8?B?w6k=?= ';
    const value = word.repeat(20_000);
    const t0 = performance.now();
    const out = decodeEncodedWords(value);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(out).toBe(`${'é'.repeat(20_000)} `);
  });

  it('stays linear on a 22 KB field of almost-words', () => {
    const value = '=?a?q?'.repeat(4_000);
    const t0 = performance.now();
    expect(decodeEncodedWords(value)).toBe(value);
    const bad = '=?'.repeat(11_000);
    expect(decodeEncodedWords(bad)).toBe(bad);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
