import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { capAttached, messageFromBytes } from '../../src/mime/message-file';
import { isCompoundFile, readOutlookMsg } from '../../src/mime/outlook-msg';
import { type CfbNode, msgNodes, utf16, writeCfb } from './cfb-writer';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/msg', name)));

const HEADERS = [
  'Received: from mail.sender.example (mail.sender.example [198.51.100.7])',
  '\tby mx.recipient.example with ESMTPS id abc123',
  '\tfor <victim@recipient.example>; Tue, 2 Jan 2024 10:00:00 +0000',
  'From: "Bank" <alerts@sender.example>',
  'Subject: Verify your account',
  'Date: Tue, 2 Jan 2024 09:59:58 +0000',
  '',
  '',
].join('\r\n');

describe('Outlook .msg files (real samples from MsgReader)', () => {
  it('reads Internet headers kept as UTF-16 in the mini stream', () => {
    const read = readOutlookMsg(fixture('TxtSampleEmail.msg'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.message.subject).toBe('TxtSampleEmail');
    expect(read.message.headers).toMatch(/^Received: from PIFMBX04\.Leeds\.gov\.uk \(\[169\.254\.4\.250\]\) by\r\n/);
    const analysis = analyze(read.message.headers!);
    expect(analysis.summary.subject).toBe('TxtSampleEmail');
    expect(analysis.hops).toHaveLength(1);
  });

  it('reads Internet headers kept as 8-bit text in regular sectors', () => {
    const read = readOutlookMsg(fixture('EmailWithSpecialCharsInSubject_2.msg'));
    expect(read.ok && read.message.headers?.length).toBeGreaterThan(4096);
    if (!read.ok) return;
    expect(read.message.subject).toBe('Un sujet très bien défini');
    const analysis = analyze(read.message.headers!);
    expect(analysis.hops.length).toBe(3);
    expect(analysis.summary.subject).toBe('Un sujet très bien défini'); // RFC 2047 in the headers Outlook kept
  });

  it('reads the message attached to a forward, with its own headers', () => {
    const file = messageFromBytes(fixture('EmailWithMsgAttachment.msg'));
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(analyze(file.text).summary.subject).toBe('FW: Msg Attachment Test');
    expect(file.attached).toHaveLength(1);
    const [inner] = file.attached!;
    expect(inner!.number).toBe(1);
    expect(inner!.filename).toBe('Msg Attachment Test');
    expect(analyze(inner!.text).summary.subject).toBe('Msg Attachment Test');
    expect(file.note).toBeUndefined();
  });

  it('says why a message without Internet headers cannot be analyzed', () => {
    const file = messageFromBytes(fixture('RtfWithShortRussianString.msg'));
    expect(file).toMatchObject({ ok: false, code: 'msg-no-headers' });
    expect(!file.ok && file.reason).toMatch(/Outlook keeps them only for mail it received/);
  });
});

describe('Outlook .msg files (built)', () => {
  const embedded = (headers: string | undefined, subject: string): CfbNode[] => [
    { name: '__substg1.0_3001001F', data: utf16(`${subject}.msg`) },
    { name: '__substg1.0_3701000D', children: msgNodes({ headers, subject }) },
  ];

  it('reads a large header stream (regular sectors) and a small one (mini stream), with either sector size', () => {
    const long = `${HEADERS.slice(0, -4)}\r\nX-Padding: ${'p'.repeat(5000)}\r\n\r\n`;
    for (const version of [3, 4] as const) {
      for (const headers of [HEADERS, long]) {
        const read = readOutlookMsg(writeCfb(msgNodes({ headers, subject: 'x' }), version).bytes);
        expect(read).toEqual({ ok: true, message: { headers, subject: 'x', attached: [] } });
      }
    }
  });

  it('reads a file whose FAT is listed beyond the header (a DIFAT sector: files over 7 MB)', () => {
    // An 8 MB scan, then an .eml whose sectors come after it: their FAT entries are in FAT sectors the DIFAT lists.
    const eml = `${HEADERS.slice(0, -4)}\r\nX-Padding: ${'p'.repeat(5000)}\r\n\r\n`;
    const attachments = [
      [
        { name: '__substg1.0_3707001F', data: utf16('scan.pdf') },
        { name: '__substg1.0_37010102', data: new Uint8Array(8 * 1024 * 1024) },
      ],
      [
        { name: '__substg1.0_3707001F', data: utf16('report.eml') },
        { name: '__substg1.0_37010102', data: new TextEncoder().encode(eml) },
      ],
    ];
    const built = writeCfb(msgNodes({ headers: HEADERS, attachments }));
    expect(new DataView(built.bytes.buffer).getUint32(0x48, true)).toBeGreaterThan(0); // DIFAT sectors in use
    expect(readOutlookMsg(built.bytes)).toEqual({
      ok: true,
      message: { headers: HEADERS, attached: [{ headers: eml, filename: 'report.eml', attached: [] }] },
    });
  });

  it('opens the attached message when the .msg has no headers of its own (a forward saved from Sent Items)', () => {
    const bytes = writeCfb(
      msgNodes({
        subject: 'FW: suspicious',
        attachments: [
          embedded(undefined, 'draft'),
          embedded(HEADERS, 'Verify your account'),
          embedded(HEADERS, 'second'),
        ],
      }),
    ).bytes;
    const file = messageFromBytes(bytes);
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.text).toBe(HEADERS);
    expect(file.note).toMatch(/no Internet headers of its own/);
    expect(file.note).toContain('("Verify your account.msg"), the first of the 2 it holds.');
    expect(analyze(file.text).handoff?.ip).toBe('198.51.100.7');
  });

  it('tells an Office document (a Compound File without Outlook properties) from a message', () => {
    const doc = writeCfb([{ name: 'WordDocument', data: new Uint8Array(5000) }]).bytes;
    expect(readOutlookMsg(doc)).toMatchObject({ ok: false, office: true });
    expect(messageFromBytes(doc)).toMatchObject({
      ok: false,
      code: 'binary',
      reason: expect.stringMatching(/Office document/),
    });
  });

  it('reads an .eml file attached to a .msg as an attached message', () => {
    const eml = new TextEncoder().encode(HEADERS);
    const bytes = writeCfb(
      msgNodes({
        headers: HEADERS,
        attachments: [
          [
            { name: '__substg1.0_3707001F', data: utf16('report.eml') },
            { name: '__substg1.0_37010102', data: eml },
          ],
          [
            { name: '__substg1.0_3707001F', data: utf16('invoice.pdf') },
            { name: '__substg1.0_37010102', data: eml },
          ],
        ],
      }),
    ).bytes;
    const file = messageFromBytes(bytes);
    expect(file.ok && file.attached).toEqual([{ number: 1, filename: 'report.eml', text: HEADERS }]);
  });

  it('refuses a FAT chain that loops, and never hangs on it', () => {
    const built = writeCfb(msgNodes({ headers: `${HEADERS}${'x'.repeat(6000)}`, subject: 's' }));
    const view = new DataView(built.bytes.buffer);
    // The large header stream's chain: point its second sector back at its first.
    const id = built.ids.get('__substg1.0_007D001F')!;
    const start = view.getUint32(built.dirEntryOffset(id) + 0x74, true);
    view.setUint32(built.fatEntryOffset(start + 1), start, true);
    const read = readOutlookMsg(built.bytes);
    expect(read.ok).toBe(true); // the stream needs 25 sectors; the loop repeats data but ends at its size
    const dirStart = view.getUint32(0x30, true);
    view.setUint32(built.fatEntryOffset(dirStart), dirStart, true); // the directory chain loops
    expect(readOutlookMsg(built.bytes)).toEqual({
      ok: false,
      reason: 'the .msg file cannot be read: a sector chain loops',
    });
  });

  it('refuses streams that overlap so that they hold more than the file', () => {
    // Ten attachments whose file names are one 6,000-byte stream: each read is sound, together they are not.
    const attachments = Array.from({ length: 10 }, (_, i) => [
      { name: '__substg1.0_3707001F', data: i === 0 ? utf16('y'.repeat(3000)) : utf16(`f${i}`) },
    ]);
    const built = writeCfb(msgNodes({ headers: HEADERS, attachments }));
    const view = new DataView(built.bytes.buffer);
    const entry = (i: number) =>
      built.dirEntryOffset(built.ids.get(`__attach_version1.0_#0000000${i}/__substg1.0_3707001F`)!);
    for (let i = 1; i < 10; i++) {
      view.setUint32(entry(i) + 0x74, view.getUint32(entry(0) + 0x74, true), true);
      view.setUint32(entry(i) + 0x78, 6000, true);
    }
    expect(10 * 6000).toBeGreaterThan(built.bytes.length);
    expect(readOutlookMsg(built.bytes)).toEqual({
      ok: false,
      reason: 'the .msg file cannot be read: its streams hold more data than the file (they overlap)',
    });
  });

  it('reads a storage named from two places once, and an embedded message that names its ancestor', () => {
    const attachments = Array.from({ length: 20 }, (_, i) => embedded(HEADERS, `m${i}`));
    const built = writeCfb(msgNodes({ headers: HEADERS, attachments }));
    const view = new DataView(built.bytes.buffer);
    const child = (path: string) => built.dirEntryOffset(built.ids.get(path)!) + 0x4c;
    const attachment = (i: number) => `__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`;
    // Attachments 1..19 name attachment 0's parts as their own, so all twenty hold the same embedded message.
    for (let i = 1; i < 20; i++) view.setUint32(child(attachment(i)), view.getUint32(child(attachment(0)), true), true);
    let read = readOutlookMsg(built.bytes);
    expect(read.ok && read.message.attached.map((m) => m.subject)).toEqual(['m0']);
    // The embedded message's storage names the root's children as its own: its attachments are its ancestors.
    view.setUint32(
      child(`${attachment(0)}/__substg1.0_3701000D`),
      view.getUint32(built.dirEntryOffset(0) + 0x4c, true),
      true,
    );
    const t0 = performance.now();
    read = readOutlookMsg(built.bytes);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(read.ok && read.message.attached).toHaveLength(1);
  });
});

describe('Outlook .msg files: damaged and hostile input', () => {
  const sample = fixture('EmailWithMsgAttachment.msg');

  it('recognises a Compound File by its first eight bytes only', () => {
    expect(isCompoundFile(sample)).toBe(true);
    expect(isCompoundFile(sample.subarray(0, 7))).toBe(false);
    expect(isCompoundFile(new TextEncoder().encode('Received: from x'))).toBe(false);
  });

  it('never throws on the file cut at any sector, and says it is cut short', () => {
    for (let cut = 8; cut < sample.length; cut += 512) {
      const read = readOutlookMsg(sample.subarray(0, cut));
      if (!read.ok) expect(read.reason).toMatch(/^the \.msg file cannot be read: /);
    }
    expect(readOutlookMsg(sample.subarray(0, 300))).toEqual({
      ok: false,
      reason: 'the .msg file cannot be read: it is shorter than a Compound File header',
    });
  });
});

describe('capAttached', () => {
  it('keeps attached messages, depth first, within a budget of characters', () => {
    const list = [
      { number: 1, text: 'a'.repeat(10), attached: [{ number: 1, text: 'b'.repeat(10) }] },
      { number: 2, text: 'c'.repeat(10) },
    ];
    expect(capAttached(list, 100)).toEqual(list);
    expect(capAttached(list, 25)).toEqual([
      { number: 1, text: 'a'.repeat(10), attached: [{ number: 1, text: 'b'.repeat(10) }] },
      { number: 2, text: 'c'.repeat(5) },
    ]);
    expect(capAttached(list, 15)).toEqual([
      { number: 1, text: 'a'.repeat(10), attached: [{ number: 1, text: 'bbbbb' }] },
    ]);
  });
});
