import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHeaderBlock } from '../../../src/core/headers/read';

const codes = (text: string, maxBytes?: number) => readHeaderBlock(text, maxBytes).diagnostics.map((d) => d.code);
const pairs = (text: string) => readHeaderBlock(text).headers.map((h) => [h.name, h.value]);

describe('readHeaderBlock: fields', () => {
  it('splits fields, keeps raw exactly and unfolds value (RFC 5322 §2.2.3)', () => {
    const text =
      'Received: from a.example\r\n\tby b.example;  Thu, 1 Feb 2024 10:00:00 +0000  \r\nSubject:  Hi\r\n\r\nbody\r\n';
    const block = readHeaderBlock(text);
    expect(block.headers).toEqual([
      {
        index: 0,
        name: 'Received',
        raw: 'Received: from a.example\r\n\tby b.example;  Thu, 1 Feb 2024 10:00:00 +0000  ',
        value: 'from a.example\tby b.example;  Thu, 1 Feb 2024 10:00:00 +0000',
      },
      { index: 1, name: 'Subject', raw: 'Subject:  Hi', value: 'Hi' },
    ]);
    expect(block.input).toEqual({ bytes: text.length, kind: 'message', eol: 'crlf', truncated: false });
    expect(block.bodyOffset).toBe(text.indexOf('body'));
    expect(block.diagnostics).toEqual([]);
  });

  it('adds an RFC 2047 decoded copy only when it differs', () => {
    const [subject, plain] = readHeaderBlock('Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\nX-Plain: a =? b\n').headers;
    expect(subject).toMatchObject({ value: '=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=', decoded: 'Grüße' });
    expect(plain).not.toHaveProperty('decoded');
  });

  it('decodes the encoded words of each field, not a "=?" made by a fold, a field boundary or the body', () => {
    const text =
      'Subject: a =\r\n ?b\r\nX-A: x=\r\nX-B: ?y\r\n=?UTF-8?Q?=C3=A9?=\r\nX-C: =?UTF-8?Q?=C3=A9?=\r\n\r\n=?UTF-8?Q?b?=\r\n';
    const headers = readHeaderBlock(text).headers;
    expect(headers.map((h) => [h.name, h.value, h.decoded])).toEqual([
      ['Subject', 'a = ?b', undefined],
      ['X-A', 'x=', undefined],
      ['X-B', '?y', undefined],
      ['', '=?UTF-8?Q?=C3=A9?=', 'é'],
      ['X-C', '=?UTF-8?Q?=C3=A9?=', 'é'],
    ]);
    const quoted = readHeaderBlock('> Subject: =?UTF-8?Q?=C3=A9?=\n>  =?UTF-8?Q?=C3=A9?=\n> X: y\n').headers;
    expect(quoted.map((h) => h.decoded)).toEqual(['éé', undefined]);
  });

  it("does not decode Microsoft's opaque antispam blobs split into encoded-words", () => {
    const [f] = readHeaderBlock(
      'X-Microsoft-Antispam-Message-Info:\n\t=?utf-8?B?SGVsbG8=?=\n =?utf-8?B?V29ybGQ=?=\n',
    ).headers;
    expect(f).toEqual({
      index: 0,
      name: 'X-Microsoft-Antispam-Message-Info',
      raw: 'X-Microsoft-Antispam-Message-Info:\n\t=?utf-8?B?SGVsbG8=?=\n =?utf-8?B?V29ybGQ=?=',
      value: '=?utf-8?B?SGVsbG8=?= =?utf-8?B?V29ybGQ=?=',
    });
  });

  it('accepts white space before the colon (RFC 5322 §4.5 obsolete syntax)', () => {
    const block = readHeaderBlock('Subject : x\nFrom\t: a@b.test\n');
    expect(block.headers.map((h) => [h.name, h.value, h.raw])).toEqual([
      ['Subject', 'x', 'Subject : x'],
      ['From', 'a@b.test', 'From\t: a@b.test'],
    ]);
    expect(block.diagnostics).toEqual([]);
  });

  it('keeps a line without a colon as a field named "" with a diagnostic', () => {
    const block = readHeaderBlock('Subject: x\nthis is junk\n continued\nFrom: y\n');
    expect(block.headers.map((h) => [h.name, h.raw, h.value])).toEqual([
      ['Subject', 'Subject: x', 'x'],
      ['', 'this is junk\n continued', 'this is junk continued'],
      ['From', 'From: y', 'y'],
    ]);
    expect(block.diagnostics).toEqual([expect.objectContaining({ code: 'no-colon', header: 1, offset: 11 })]);
  });

  it('caps repeated no-colon diagnostics', () => {
    const block = readHeaderBlock('junk line\n'.repeat(1000));
    expect(block.headers).toHaveLength(1000);
    expect(block.diagnostics).toHaveLength(21);
    expect(block.diagnostics[20]!.message).toMatch(/^980 more/);
  });

  it('never crashes on NUL bytes and invalid characters', () => {
    const block = readHeaderBlock('Sub\u0000ject: a\u0000b\nX-\uFFFD\uD800: \u0001\nÄ: ü\n\n');
    expect(block.headers.map((h) => [h.name, h.value])).toEqual([
      ['Sub\u0000ject', 'a\u0000b'],
      ['X-\uFFFD\uD800', '\u0001'],
      ['Ä', 'ü'],
    ]);
    expect(block.diagnostics.map((d) => [d.code, d.header])).toEqual([
      ['invalid-field-name', 0],
      ['invalid-field-name', 1],
      ['invalid-field-name', 2],
    ]);
  });

  it('keeps 8-bit text (mojibake included) as given', () => {
    expect(pairs('Subject: caf\u00c3\u00a9\n')).toEqual([['Subject', 'caf\u00c3\u00a9']]);
  });

  it('treats a white-space-only line in plain text as folding (obs-FWS), like mailparser', () => {
    expect(pairs('A: 1\n \nB: 2\n')).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
  });
});

describe('readHeaderBlock: input shape', () => {
  it.each([
    ['LF', 'A: 1\nB: 2\n', 'lf'],
    ['CRLF', 'A: 1\r\nB: 2\r\n', 'crlf'],
    ['CR only (old Mac text)', 'A: 1\r b\rB: 2\r', 'cr'],
    ['CRLF and LF mixed', 'A: 1\r\nB: 2\nC: 3\n', 'mixed'],
    ['one line, no break', 'A: 1', 'lf'],
  ])('%s', (_label, text, eol) => {
    expect(readHeaderBlock(text).input.eol).toBe(eol);
  });

  it('reads CR-only text', () => {
    const text = 'Subject: a\r b\rFrom: x\r\rbody';
    const block = readHeaderBlock(text);
    expect(block.headers.map((h) => [h.name, h.raw, h.value])).toEqual([
      ['Subject', 'Subject: a\r b', 'a b'],
      ['From', 'From: x', 'x'],
    ]);
    expect(block.input.kind).toBe('message');
    expect(block.bodyOffset).toBe(text.indexOf('body'));
  });

  it('reads CR CR LF (a CRLF file converted once more) as one line break', () => {
    const text = 'A: 1\r\r\n 2\r\r\nB: 3\r\r\n\r\r\nbody\r\r\n';
    const block = readHeaderBlock(text);
    expect(block.headers.map((h) => [h.name, h.value])).toEqual([
      ['A', '1 2'],
      ['B', '3'],
    ]);
    expect(block.input.eol).toBe('crlf');
    expect(block.bodyOffset).toBe(text.indexOf('body'));
    expect(block.diagnostics).toEqual([]);
  });

  it('reads a double-spaced paste (a blank line after every line) as one block, and says so', () => {
    const text =
      'Received: from a.example\n\n by b.example; Tue, 4 Mar 2025 09:15:05 +0000\n\nSubject: x\n\nFrom: y@a.example\n\n\n\nbody\n';
    const block = readHeaderBlock(text);
    expect(block.headers.map((h) => [h.name, h.value])).toEqual([
      ['Received', 'from a.example by b.example; Tue, 4 Mar 2025 09:15:05 +0000'],
      ['Subject', 'x'],
      ['From', 'y@a.example'],
    ]);
    // Two blank lines in a row end the block; the body is after the first (the doubled break of the last line).
    expect(block.bodyOffset).toBe(text.indexOf('\n\n\n\nbody') + 2);
    expect(block.input.kind).toBe('message');
    expect(block.diagnostics.map((d) => [d.code, d.offset])).toEqual([['double-spaced', text.indexOf('\n\n') + 1]]);
    const crlf = readHeaderBlock('A: 1\r\n\r\nB: 2\r\n\r\nC: 3\r\n');
    expect(crlf.headers.map((h) => h.name)).toEqual(['A', 'B', 'C']);
    expect(crlf.input.kind).toBe('headers');
  });

  it('reads a blank line as the end of the block unless every line so far had one after it', () => {
    const notDoubled = [
      'Subject: x\n\nHello there\n\nRegards', // the body's lines are no fields
      'A: 1\nB: 2\n\nC: 3\n\nD: 4\n', // two lines before the first blank line
      'A: 1\n\nB: 2\n', // one line after it is not enough to tell
      'A: 1\n\nB: 2\nC: 3\n', // no blank line after the next
    ];
    for (const text of notDoubled) {
      const block = readHeaderBlock(text);
      expect(block.diagnostics.map((d) => d.code)).not.toContain('double-spaced');
      expect(block.bodyOffset).toBe(text.indexOf('\n\n') + 2);
    }
  });

  it('reads a paste whose folded lines lost their indentation, and says so', () => {
    const text =
      'Received: from a.example (a.example [192.0.2.1])\r\nby b.example with ESMTP id X;\r\nTue, 4 Mar 2025 09:15:05 +0000\r\n' +
      'X-Forefront-Antispam-Report: CIP:192.0.2.1;CTRY:;\r\nSFV:SPM;\r\nX-Spam-Level:\r\nSubject: x\r\n\r\nbody\r\n';
    const block = readHeaderBlock(text);
    expect(block.headers.map((h) => [h.name, h.value])).toEqual([
      [
        'Received',
        'from a.example (a.example [192.0.2.1]) by b.example with ESMTP id X; Tue, 4 Mar 2025 09:15:05 +0000',
      ],
      ['X-Forefront-Antispam-Report', 'CIP:192.0.2.1;CTRY:; SFV:SPM;'],
      ['X-Spam-Level', ''],
      ['Subject', 'x'],
    ]);
    expect(block.bodyOffset).toBe(text.indexOf('body'));
    expect(block.input.bytes).toBe(text.length);
    expect(block.diagnostics.map((d) => [d.code, d.offset])).toEqual([['unindented-input', text.indexOf('by b.')]]);
    const cut = readHeaderBlock(text, 60);
    expect(cut.input).toMatchObject({ bytes: text.length, truncated: true });
    expect(cut.diagnostics.map((d) => d.code)).toEqual(['input-truncated', 'unindented-input']);
    expect(cut.headers[0]?.value).toBe('from a.example (a.example [192.0.2.1]) by b.examp');
  });

  it('reads folded lines indented with no-break spaces (as a page copies them) as folded, and says so', () => {
    const plain = 'Received: from a.example\n by b.example; Tue, 4 Mar 2025 09:15:05 +0000\nSubject: a  b\n\nbody\n';
    const expected = readHeaderBlock(plain);
    for (const text of [plain.replace(/^ /m, '\u00a0'), plain.replaceAll(' ', '\u00a0')]) {
      const block = readHeaderBlock(text);
      expect(block.headers.map((h) => [h.name, h.value])).toEqual(expected.headers.map((h) => [h.name, h.value]));
      expect(block.bodyOffset).toBe(expected.bodyOffset);
      expect(block.diagnostics).toEqual([
        expect.objectContaining({ code: 'nbsp-input', offset: text.indexOf('\u00a0by') }),
      ]);
    }
  });

  it('keeps a line without a field as its own field when the block has folded lines or does not start with a field', () => {
    for (const text of ['A: 1\nno colon here\nB: 2\n 3\n', 'no field\nA: 1\nagain no field\n']) {
      const block = readHeaderBlock(text);
      expect(block.headers.map((h) => h.name)).toContain('');
      expect(block.diagnostics.map((d) => d.code)).not.toContain('unindented-input');
    }
    // Asked once however many such lines come before the folded one (each ask reads the block).
    const many = `A: 1\n${'no colon\n'.repeat(20_000)} folded\n`;
    expect(readHeaderBlock(many).headers).toHaveLength(20_001);
  });

  it('skips a byte-order mark or zero-width space before the text', () => {
    for (const mark of ['\ufeff', '\u200b', '\ufeff\u200b']) {
      const block = readHeaderBlock(`${mark}Received: from a by b; Tue, 4 Mar 2025 09:15:05 +0000\nSubject: x\n`);
      expect(block.headers.map((h) => h.name)).toEqual(['Received', 'Subject']);
      expect(block.diagnostics).toEqual([]);
    }
  });

  it('reads a header block whose line breaks were lost (one line) by its field names, and says so', () => {
    const text =
      'Received: from a.example (a.example [192.0.2.1]) by b.example with ESMTP id X; Tue, 4 Mar 2025 09:15:05 +0000 ' +
      'Authentication-Results: b.example; spf=pass (b.example: domain of x@a.example designates 192.0.2.1) ' +
      'X-Forefront-Antispam-Report: CIP:192.0.2.1;SFV:SPM; Subject: Re: Your Apple-ID: locked From: x@a.example';
    const block = readHeaderBlock(text);
    expect(block.headers.map((h) => h.name)).toEqual([
      'Received',
      'Authentication-Results',
      'X-Forefront-Antispam-Report',
      'Subject',
      'Apple-ID',
      'From',
    ]);
    expect(block.headers[0]?.value).toBe(
      'from a.example (a.example [192.0.2.1]) by b.example with ESMTP id X; Tue, 4 Mar 2025 09:15:05 +0000',
    );
    expect(block.input.bytes).toBe(text.length);
    expect(block.diagnostics.map((d) => d.code)).toEqual(['one-line-input']);
    // After blank lines, or cut at the input cap, the same.
    expect(readHeaderBlock(`\n\n${text}`).headers).toHaveLength(6);
    const cut = readHeaderBlock(`${text} ${'x'.repeat(50)}`, text.length);
    expect(cut.headers).toHaveLength(6);
    expect(cut.diagnostics.map((d) => d.code)).toEqual(['input-truncated', 'one-line-input']);
    // Fewer than three fields told apart: the line is left as it is.
    for (const line of [
      'Subject: Re: Your Apple-ID: locked',
      'Received: from a by b; Tue, 4 Mar 2025 09:15:05 +0000',
    ]) {
      expect(readHeaderBlock(line).headers).toHaveLength(1);
    }
  });

  it('keeps a bare CR inside LF text as content (as mailparser does)', () => {
    expect(pairs('A: 1\r2\nB: 3\n')).toEqual([
      ['A', '1\r2'],
      ['B', '3'],
    ]);
  });

  it("is 'headers' when nothing but white space follows the blank line", () => {
    const block = readHeaderBlock('A: 1\n\n \n\n');
    expect(block.input.kind).toBe('headers');
    expect(block.bodyOffset).toBeNull();
  });

  it("is 'headers' without a blank line", () => {
    expect(readHeaderBlock('A: 1\nB: 2').input.kind).toBe('headers');
  });

  it('stops at the first empty line and never reads the body', () => {
    const text = 'A: 1\n\nB: not a header\n';
    const block = readHeaderBlock(text);
    expect(pairs(text)).toEqual([['A', '1']]);
    expect(block.bodyOffset).toBe(6);
  });

  it('skips leading blank lines', () => {
    expect(pairs('\n\r\n  \n\tSubject: x\n')).toEqual([['Subject', 'x']]);
    expect(pairs('\n\n\nSubject: x\nFrom: y\n')).toEqual([
      ['Subject', 'x'],
      ['From', 'y'],
    ]);
  });

  it('truncates at maxBytes with a diagnostic', () => {
    const text = `A: ${'x'.repeat(200)}\nB: 2\n`;
    const block = readHeaderBlock(text, 100);
    expect(block.input).toMatchObject({ bytes: text.length, truncated: true });
    expect(block.headers).toHaveLength(1);
    expect(block.headers[0]!.raw).toHaveLength(100);
    expect(block.diagnostics[0]).toMatchObject({ code: 'input-truncated', offset: 100 });
  });

  it('does not split a surrogate pair when truncating', () => {
    expect(readHeaderBlock('A: 🏈🏈', 4).headers[0]!.value).toBe('');
    expect(readHeaderBlock('A: 🏈🏈', 5).headers[0]!.value).toBe('🏈');
  });
});

describe('readHeaderBlock: pasted text clean-up', () => {
  it('skips a leading mbox "From " line', () => {
    const text = 'From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nReturn-Path: <a@b.test>\nSubject: x\n\nbody\n';
    const block = readHeaderBlock(text);
    expect(pairs(text)).toEqual([
      ['Return-Path', '<a@b.test>'],
      ['Subject', 'x'],
    ]);
    expect(block.diagnostics).toEqual([expect.objectContaining({ code: 'mbox-from-line', offset: 0 })]);
    expect(block.bodyOffset).toBe(text.indexOf('body'));
  });

  it('reads "From : x" (obsolete field syntax) as a field, not an mbox line', () => {
    expect(pairs('From : a@b.test\n')).toEqual([['From', 'a@b.test']]);
    expect(codes('From : a@b.test\n')).toEqual([]);
  });

  it('removes a common indentation', () => {
    const text = '\n    Received: from a\n    \tby b\n    Subject: hi\n    \n    body\n';
    const block = readHeaderBlock(text);
    expect(block.headers.map((h) => [h.name, h.raw, h.value])).toEqual([
      ['Received', 'Received: from a\n\tby b', 'from a\tby b'],
      ['Subject', 'Subject: hi', 'hi'],
    ]);
    expect(block.diagnostics).toEqual([expect.objectContaining({ code: 'indented-input', offset: 1 })]);
    expect(block.bodyOffset).toBe(text.indexOf('    body'));
  });

  it("reads Outlook's Internet headers box (leading white space on the first line only)", () => {
    const text =
      '   Received: from a.example (10.0.0.1) by b.example\r\n with SMTP; Thu, 1 Feb 2024 10:00:00 +0000\r\nSubject: x\r\n';
    const block = readHeaderBlock(text);
    expect(block.headers.map((h) => [h.name, h.value])).toEqual([
      ['Received', 'from a.example (10.0.0.1) by b.example with SMTP; Thu, 1 Feb 2024 10:00:00 +0000'],
      ['Subject', 'x'],
    ]);
    expect(block.headers[0]!.raw.startsWith('Received:')).toBe(true);
  });

  it("skips the label above Outlook's box", () => {
    const text = 'Internet headers\nReceived: from a by b; Thu, 1 Feb 2024 10:00:00 +0000\n';
    expect(pairs(text)).toEqual([['Received', 'from a by b; Thu, 1 Feb 2024 10:00:00 +0000']]);
    expect(codes(text)).toEqual(['outlook-headers-label']);
  });

  it.each([
    ['"> "', '> Received: from a\n>  by b\n> Subject: hi\n>\n> body\n'],
    ['">"', '>Received: from a\n> by b\n>Subject: hi\n>\n>body\n'],
    ['"> > " (nested)', '> > Received: from a\n> >  by b\n> > Subject: hi\n> >\n> > body\n'],
  ])('removes quote markers %s', (_label, text) => {
    const block = readHeaderBlock(text);
    expect(block.headers.map((h) => [h.name, h.raw, h.value])).toEqual([
      ['Received', 'Received: from a\n by b', 'from a by b'],
      ['Subject', 'Subject: hi', 'hi'],
    ]);
    expect(block.diagnostics.map((d) => d.code)).toEqual(['quoted-input']);
    expect(block.input.kind).toBe('message');
    expect(text.slice(block.bodyOffset!)).toMatch(/body\n$/);
  });

  const gmail = [
    'Original message',
    'Message ID\t<CAF=abc@mail.gmail.com>',
    'Created at:\tThu, Feb 1, 2024 at 10:00 AM (Delivered after 2 seconds)',
    'From:\tAlice <alice@example.com>',
    'To:\tbob@example.org',
    'Subject:\tHello',
    'SPF:\tPASS with IP 192.0.2.1 Learn more',
    "DKIM:\t'PASS' with domain example.com Learn more",
    "DMARC:\t'PASS' Learn more",
    'Download original',
    'Copy to clipboard\t',
    'Delivered-To: bob@example.org',
    'Received: by 2002:a05:6a10:1::1 with SMTP id x; Thu, 1 Feb 2024 02:00:02 -0800 (PST)',
    'From: Alice <alice@example.com>',
    'Subject: Hello',
    '',
    'Hi Bob',
  ];
  it('reads Gmail\'s "Show original" page text', () => {
    const text = gmail.join('\n');
    const block = readHeaderBlock(text);
    expect(block.headers.map((h) => h.name)).toEqual(['Delivered-To', 'Received', 'From', 'Subject']);
    expect(block.diagnostics).toEqual([
      expect.objectContaining({ code: 'gmail-original-page', offset: text.indexOf('Delivered-To') }),
    ]);
    expect(block.input.kind).toBe('message');
  });

  it('reads the Gmail page text copied without its last lines, and with CRLF', () => {
    const text = [...gmail.slice(0, 9), ...gmail.slice(11)].join('\r\n');
    expect(readHeaderBlock(text).headers.map((h) => h.name)).toEqual(['Delivered-To', 'Received', 'From', 'Subject']);
  });

  it('leaves an ordinary message starting with From: alone', () => {
    const text = 'From: a@b.test\nTo: c@d.test\nSubject: Original message\n\nDownload original\n';
    expect(pairs(text)).toEqual([
      ['From', 'a@b.test'],
      ['To', 'c@d.test'],
      ['Subject', 'Original message'],
    ]);
    expect(codes(text)).toEqual([]);
  });
});

describe('readHeaderBlock: MHA header-split vectors (MIT, microsoft/MHA@8531251)', () => {
  const cases: Array<{ name: string; input: string; expected: Array<{ header: string; value: string }> }> = JSON.parse(
    readFileSync(new URL('../../fixtures/headers/mha-header-split.json', import.meta.url), 'utf8'),
  );

  it('h1: decodes encoded-words over folds, but keeps the one with charset "UTF 8" (not an RFC 2047 token; MHA decodes it)', () => {
    const block = readHeaderBlock(cases[0]!.input);
    expect(block.headers.map((h) => h.name)).toEqual(['Subject', 'Date']);
    expect(block.headers[0]!.decoded).toBe(
      "🏈  2019's No.1 Recruit, The World's  =?UTF 8?B?VGFsbGVzdCBUZWVuYWdlciwgVG9wIFBsYXlzIG9mIHRoZSBXZWVrICYgbW9y?= e",
    );
    expect(block.headers[1]!.value).toBe(cases[0]!.expected[1]!.value);
  });

  it('h2: a value starting on the continuation line is trimmed', () => {
    const [h] = readHeaderBlock(cases[1]!.input).headers;
    expect([h!.name, h!.value]).toEqual([cases[1]!.expected[0]!.header, cases[1]!.expected[0]!.value]);
  });

  it('h3: unfolding keeps the TAB (RFC 5322 §2.2.3; MHA joins with one space)', () => {
    const [h] = readHeaderBlock(cases[2]!.input).headers;
    expect(h!.value).toBe('multipart/alternative;\tboundary="ErclWH56b6W5=_?:"');
    expect(h!.value.replace('\t', ' ')).toBe(cases[2]!.expected[0]!.value);
  });
});

describe('readHeaderBlock: linear time', () => {
  it('reads 2 MB of headers within 1 s', () => {
    const line = `X-Filler: ${'a'.repeat(60)}\r\n`;
    const text = line.repeat(Math.ceil((2 * 1024 * 1024) / line.length));
    const t0 = performance.now();
    const block = readHeaderBlock(text);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(block.headers).toHaveLength(Math.ceil((2 * 1024 * 1024) / line.length));
  });

  it('reads a 200 KB single line', () => {
    const text = `X-Long: ${'=?'.repeat(50_000)}${'b'.repeat(100_000)}`;
    const t0 = performance.now();
    const block = readHeaderBlock(text);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(block.headers[0]!.value).toHaveLength(200_000);
  });

  it('reads a 200 KB line without a colon', () => {
    const t0 = performance.now();
    const block = readHeaderBlock(`A: 1\n${'x'.repeat(200_000)}\n`.repeat(5));
    expect(performance.now() - t0).toBeLessThan(1000);
    // No line is folded, so the lines without a field are read as folded lines that lost their indentation.
    expect(block.headers.map((h) => h.value.length)).toEqual(Array(5).fill(200_002));
    expect(readHeaderBlock(`A: 1\n 2\n${'x'.repeat(200_000)}\n`.repeat(5)).headers).toHaveLength(10);
  });

  it('looks for the Gmail page only a bounded way ahead', () => {
    const text = `Original message\nDownload original\n${`${'x'.repeat(100_000)}\n`.repeat(20)}`;
    const t0 = performance.now();
    const block = readHeaderBlock(text);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(block.headers).toHaveLength(22);
  });

  it('reads 10,000 folded lines', () => {
    const text = `X-Folded: start\r\n${' =?UTF-8?Q?a?=\r\n'.repeat(10_000)}Subject: end\r\n`;
    const t0 = performance.now();
    const block = readHeaderBlock(text);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(block.headers.map((h) => h.name)).toEqual(['X-Folded', 'Subject']);
    expect(block.headers[0]!.decoded).toBe(`start ${'a'.repeat(10_000)}`);
  });

  it('reads 10,000 folded lines of quoted and indented pastes', () => {
    for (const prefix of ['> ', '    ']) {
      const text = `${prefix}X-Folded: start\n${`${prefix} x\n`.repeat(10_000)}${prefix}Subject: end\n`;
      const t0 = performance.now();
      const block = readHeaderBlock(text);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(block.headers.map((h) => h.name)).toEqual(['X-Folded', 'Subject']);
      expect(block.headers[0]!.value).toHaveLength('start'.length + 2 * 10_000);
    }
  });
});
