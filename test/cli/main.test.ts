import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { msgNodes, utf16, writeCfb } from '../mime/cfb-writer';

const example = resolve(import.meta.dirname, '../../examples/phishing-example.eml');
const dir = mkdtempSync(join(tmpdir(), 'hopscope-cli-'));
const empty = join(dir, 'empty.eml');
const binary = join(dir, 'image.png');
const prose = join(dir, 'notes.txt');
writeFileSync(empty, '');
writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, ...new Array(64).fill(0), 1, 2, 3]));
writeFileSync(prose, 'just some words\nwithout any header\n');
const msgFixture = (name: string) => resolve(import.meta.dirname, '../fixtures/msg', name);
const noHeadersMsg = msgFixture('RtfWithShortRussianString.msg');
const forwardedMsg = join(dir, 'forward.msg');
/** An attachment holding an embedded message with these headers, under this display name. */
const embeddedMessage = (name: string, ip: string) => [
  { name: '__substg1.0_3001001F', data: utf16(name) },
  {
    name: '__substg1.0_3701000D',
    children: msgNodes({
      headers: `Received: from relay.sender.example (relay.sender.example [${ip}])\r\n\tby mx.example.org with ESMTP id 1; Tue, 2 Jan 2024 10:00:00 +0000\r\nFrom: a@sender.example\r\nSubject: ${name}\r\n\r\n`,
    }),
  },
];
// A forward saved from Sent Items: no headers of its own, the suspicious messages attached with theirs.
writeFileSync(
  forwardedMsg,
  writeCfb(
    msgNodes({
      subject: 'FW: check these',
      attachments: [embeddedMessage('Your parcel', '198.51.100.9'), embeddedMessage('Your invoice', '198.51.100.10')],
    }),
  ).bytes,
);

async function run(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    stdin: Readable.from([stdin]),
  });
  return { code, out, err, lines: out.split('\n').filter(Boolean) };
}

describe('hopscope analyze', () => {
  it('prints a human report with the handoff and the flags', async () => {
    const r = await run(['analyze', example]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Handoff:  203.0.113.45');
    expect(r.out).toContain('Hops (oldest first):');
    expect(r.out).toMatch(/DANGER\s+The recipient's spam filter flagged it/);
  });

  it('prints one JSON object per input with the Analysis fields', async () => {
    const r = await run(['analyze', '--json', example, example]);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(2);
    const a = JSON.parse(r.lines[0]!);
    expect(a.file).toBe(example);
    expect(a.schema).toBe(1);
    expect(a.handoff.ip).toBe('203.0.113.45');
    expect(a.hops.length).toBe(a.summary.hopCount);
  });

  it('reads standard input with -', async () => {
    const r = await run(
      ['analyze', '--json', '-'],
      'Received: from a (a [192.0.2.1]) by b.example; Mon, 6 May 2024 10:00:00 +0000\nSubject: hi\n',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.lines[0]!)).toMatchObject({ file: '<stdin>', summary: { subject: 'hi', hopCount: 1 } });
  });

  it.each([
    ['/no/such/file.eml', 'not-found'],
    [dir, 'is-directory'],
    [empty, 'empty'],
    [binary, 'binary'],
    [prose, 'no-headers'],
    [noHeadersMsg, 'msg-no-headers'],
  ])('reports %s as error %s, exit 1, and goes on with the rest', async (file, code) => {
    const r = await run(['analyze', '--json', file, example]);
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(2);
    expect(JSON.parse(r.lines[0]!)).toMatchObject({ file, error: { code } });
    expect(JSON.parse(r.lines[1]!).handoff.ip).toBe('203.0.113.45');
    expect(r.err).toContain('hopscope:');
  });

  it.each([[[]], [['analyze']], [['analyze', '--bogus', example]], [['frobnicate']], [['analyze', '-', '-']]])(
    'exits 2 on usage error %j',
    async (argv) => {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err.length).toBeGreaterThan(0);
    },
  );

  it('analyzes an attached message on its own with --attached', async () => {
    const report = resolve(import.meta.dirname, '../fixtures/ui/forwarded-report.eml');
    const plain = await run(['analyze', '--json', report]);
    expect(plain.lines).toHaveLength(1);
    const r = await run(['analyze', '--json', '--attached', report]);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(2);
    const inner = JSON.parse(r.lines[1]!);
    expect(inner.file).toBe(`${report}#attached-1`);
    expect(inner.summary.subject).toBe('Invoice #4471 overdue');
  });

  it('reads the Internet headers of an Outlook .msg, and its attached message with --attached', async () => {
    let r = await run(['analyze', msgFixture('TxtSampleEmail.msg')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Subject:  TxtSampleEmail');
    expect(r.out).toContain('PIFMBX04.Leeds.gov.uk [169.254.4.250]');
    r = await run(['analyze', '--attached', msgFixture('EmailWithMsgAttachment.msg')]);
    expect(r.out.match(/^== .*$/gm)).toEqual([
      `== ${msgFixture('EmailWithMsgAttachment.msg')}`,
      `== ${msgFixture('EmailWithMsgAttachment.msg')}#attached-1`,
    ]);
    expect(r.out).toContain('Subject:  Msg Attachment Test');
  });

  it('analyzes the messages attached to a .msg without headers of its own, and says so', async () => {
    const r = await run(['analyze', '--json', forwardedMsg]);
    expect(r.code).toBe(0);
    const [first, second] = r.lines.map((l) => JSON.parse(l));
    expect(r.lines).toHaveLength(2);
    expect(first.file).toBe(forwardedMsg);
    expect(first.handoff.ip).toBe('198.51.100.9');
    expect(first.note).toMatch(/no Internet headers of its own.*\("Your parcel"\), the first of the 2 it holds\./);
    expect(second.file).toBe(`${forwardedMsg}#attached-2`);
    expect(second.handoff.ip).toBe('198.51.100.10');
    expect(r.err).toContain('no Internet headers of its own');
  });

  it('analyzes each message of an mbox file on its own', async () => {
    const mbox = join(dir, 'folder.mbox');
    const one = readFileSync(example, 'utf8').trimEnd();
    writeFileSync(mbox, `From a@x Mon Jan  1 00:00:00 2024\n${one}\n\nFrom b@x Mon Jan  1 00:00:01 2024\n${one}\n`);
    const r = await run(['analyze', '--json', mbox]);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => JSON.parse(l).file)).toEqual([`${mbox}#message-1`, `${mbox}#message-2`]);
    expect(r.lines.map((l) => JSON.parse(l).handoff.ip)).toEqual(['203.0.113.45', '203.0.113.45']);
    expect(r.err).toContain('an mbox file of 2 messages');
  });

  it('takes declared servers as the recipient’s own', async () => {
    const text = `Received: from relay.forwarder.example (relay.forwarder.example [198.51.100.1]) by mbox.home.example; Mon, 6 May 2024 10:00:02 +0000
Received: from sender.example (sender.example [203.0.113.5]) by relay.forwarder.example; Mon, 6 May 2024 10:00:01 +0000
From: a@sender.example
`;
    const plain = JSON.parse((await run(['analyze', '--json', '-'], text)).lines[0]!);
    const declared = JSON.parse(
      (await run(['analyze', '--json', '--trusted-host', 'relay.forwarder.example', '-'], text)).lines[0]!,
    );
    expect(plain.handoff.ip).toBe('198.51.100.1');
    expect(declared.handoff.ip).toBe('203.0.113.5');
  });

  // A header can carry ESC sequences (recolour, clear the screen, set the window title), CR and backspace
  // (overwrite the line) and bidi overrides (reorder it): none reaches the terminal raw.
  const hostile =
    'Received: from a (a [192.0.2.1]) by b.example; Mon, 6 May 2024 10:00:00 +0000\n' +
    'Subject: hi \u001b[2J\u001b]0;owned\u0007 back\rspace\u0008 \u009b31m \u202egpj.exe\n' +
    'From: x@b.example\n';

  it('prints no control or bidi character from the headers to the terminal', async () => {
    const r = await run(['analyze', '-'], hostile);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(r.out).toContain('Subject:  hi \\x1b[2J\\x1b]0;owned\\x07 back\\x0dspace\\x08 \\x9b31m \\u202egpj.exe');
  });

  it('writes the same characters as JSON escapes, and the JSON value is unchanged', async () => {
    const r = await run(['analyze', '--json', '-'], hostile);
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(r.lines[0]!).summary.subject).toBe(
      'hi \u001b[2J\u001b]0;owned\u0007 back\rspace\u0008 \u009b31m \u202egpj.exe',
    );
  });
});
