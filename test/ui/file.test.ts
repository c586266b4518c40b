import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS } from '../../src/messaging';
import { inputOfFile, readMessageFile } from '../../src/ui/file';
import { msgNodes, utf16, writeCfb } from '../mime/cfb-writer';

const msg = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/msg', name));

describe('readMessageFile (a dropped or chosen file)', () => {
  it('reads an Outlook .msg: its headers, and the message attached to it', async () => {
    const read = await readMessageFile(new File([msg('EmailWithMsgAttachment.msg')], 'report.msg'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.text).toMatch(/^Received: from PR3P193MB0505\.EURP193\.PROD\.OUTLOOK\.COM/);
    const input = inputOfFile(read);
    expect(input).toMatchObject({ origin: 'The file report.msg', file: 'report.msg' });
    expect(input.attached?.map((m) => m.filename)).toEqual(['Msg Attachment Test']);
  });

  it('tells by the content, not the name: a .msg without headers is explained, a text file named .msg is read', async () => {
    const none = await readMessageFile(new File([msg('RtfWithShortRussianString.msg')], 'x.msg'));
    expect(none).toMatchObject({ ok: false, name: 'x.msg' });
    expect(!none.ok && none.reason).toMatch(/no Internet headers/);
    const text = await readMessageFile(new File(['Subject: hello\r\n\r\n'], 'saved-as.msg'));
    expect(text).toMatchObject({ ok: true, text: 'Subject: hello\r\n\r\n' });
  });

  it('shows the first message of an mbox file, says how many it holds, and lists them all', async () => {
    const mbox = 'From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\nFrom b@x Mon Jan  1 00:00:01 2024\nSubject: two\n';
    const read = await readMessageFile(new File([mbox], 'Inbox.mbox'));
    expect(read).toMatchObject({ ok: true, text: 'Subject: one\n\n' });
    expect(read.ok && read.note).toBe(
      'This mbox file holds 2 messages; this is the first. The command line (hopscope analyze) reads each of them.',
    );
    // Labelled as the command line labels them.
    expect(read.ok && read.series).toEqual([
      { text: 'Subject: one\n\n', file: 'Inbox.mbox#message-1' },
      { text: 'Subject: two\n', file: 'Inbox.mbox#message-2' },
    ]);
  });

  it('says of an mbox file larger than the input cap that its last message listed may be cut short', async () => {
    const one = 'From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\n';
    const big = `${one}From b@x Mon Jan  1 00:00:01 2024\nSubject: two\n\n${'x'.repeat(MAX_INPUT_CHARS)}`;
    const read = await readMessageFile(new File([big], 'Big.mbox'));
    if (!read.ok) throw new Error(read.reason);
    expect(read.series?.map((m) => m.note)).toEqual([
      undefined,
      'Only the first 4 MB of this mbox file were read: this message may be cut short, and the messages after it are not listed.',
    ]);
  });

  it('lists every message of a .msg without headers of its own that holds several, the first with its note', async () => {
    const embedded = (subject: string) => [
      { name: '__substg1.0_3001001F', data: utf16(subject) },
      { name: '__substg1.0_3701000D', children: msgNodes({ headers: `Subject: ${subject}\r\n\r\n` }) },
    ];
    const bytes = writeCfb(msgNodes({ subject: 'FW: two', attachments: [embedded('Parcel'), embedded('Invoice')] }));
    const read = await readMessageFile(new File([new Uint8Array(bytes.bytes)], 'forward.msg'));
    if (!read.ok) throw new Error(read.reason);
    expect(read.text).toBe('Subject: Parcel\r\n\r\n');
    expect(read.series?.map((m) => [m.file, m.text])).toEqual([
      ['forward.msg', 'Subject: Parcel\r\n\r\n'],
      ['forward.msg#attached-2', 'Subject: Invoice\r\n\r\n'],
    ]);
    expect(read.series?.[0]?.note).toMatch(/the first of the 2 it holds/);
    expect(read.series?.[1]?.note).toBeUndefined();
  });

  it('reads headers saved as UTF-16 with a byte-order mark (Notepad’s “Unicode”), not as a binary file', async () => {
    const text = 'Subject: Überweisung\r\nFrom: a@example.org\r\n\r\n';
    const le = new Uint8Array([
      0xff,
      0xfe,
      ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
    ]);
    const be = new Uint8Array([
      0xfe,
      0xff,
      ...[...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]),
    ]);
    for (const bytes of [le, be])
      expect(await readMessageFile(new File([bytes], 'headers.txt'))).toMatchObject({ ok: true, text });
  });

  it('says that an image is not a message', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...new Array(64).fill(0)]);
    const read = await readMessageFile(new File([png], 'photo.eml'));
    expect(read).toMatchObject({ ok: false });
    expect(!read.ok && read.reason).toMatch(/binary file/);
  });

  it('keeps 8-bit headers byte for byte, and UTF-8 cut at the input cap as UTF-8', async () => {
    const latin = await readMessageFile(new File([new Uint8Array([0x53, 0x3a, 0x20, 0xe9])], 'a.eml'));
    expect(latin).toMatchObject({ ok: true, text: 'S: é' });
    const long = `Subject: ${'é'.repeat(MAX_INPUT_CHARS)}`; // two bytes a character: cut inside one
    const cut = await readMessageFile(new File([long], 'b.eml'));
    expect(cut.ok && cut.text.startsWith('Subject: éé')).toBe(true);
  });
});
