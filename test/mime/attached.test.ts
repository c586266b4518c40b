import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findAttachedMessages } from '../../src/mime/attached';

describe('findAttachedMessages', () => {
  it('finds the message/rfc822 part of a forwarded report, with its own headers', async () => {
    const found = await findAttachedMessages(readFileSync('test/fixtures/ui/forwarded-report.eml', 'utf8'));
    expect(found).toHaveLength(1);
    expect(found[0]!.number).toBe(1);
    expect(found[0]!.filename).toBe('suspicious invoice.eml');
    expect(found[0]!.text).toMatch(/^Received: from mail\.bad-invoices\.example/);
    expect(found[0]!.text).toContain('Subject: Invoice #4471 overdue');
  });

  /** A report with a text part and the given base64 attachments (`content type`, `file name` or null, bytes). */
  const report = (...parts: Array<[string, string | null, Uint8Array | string]>) =>
    [
      'Subject: fwd',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="x"',
      '',
      '--x',
      'Content-Type: text/plain',
      '',
      'see attached',
      ...parts.flatMap(([type, name, bytes]) => [
        '--x',
        `Content-Type: ${type}${name ? `; name="${name}"` : ''}`,
        ...(name ? [`Content-Disposition: attachment; filename="${name}"`] : []),
        'Content-Transfer-Encoding: base64',
        '',
        ...(Buffer.from(bytes)
          .toString('base64')
          .match(/.{1,76}/g) ?? []),
      ]),
      '--x--',
      '',
    ].join('\r\n');

  it('finds an .eml sent as application/octet-stream, base64-encoded', async () => {
    const inner =
      'Received: from a.example by b.example; Tue, 4 Mar 2025 09:15:05 +0000\r\nSubject: inner\r\n\r\nhi\r\n';
    const found = await findAttachedMessages(
      report(['application/octet-stream', 'one.eml', inner], ['application/pdf', 'invoice.pdf', '%PDF-1.4']),
    );
    expect(found.map((m) => m.filename)).toEqual(['one.eml']);
    expect(found[0]!.text).toContain('Subject: inner');
  });

  it('finds an Outlook .msg attached to a report: its Internet headers, and the message inside it', async () => {
    const msg = readFileSync('test/fixtures/msg/EmailWithMsgAttachment.msg');
    const found = await findAttachedMessages(
      report(
        ['application/vnd.ms-outlook', 'FW Msg Attachment Test.msg', msg],
        ['application/octet-stream', 'broken.msg', 'not a compound file'],
      ),
    );
    expect(found.map((m) => m.filename)).toEqual(['FW Msg Attachment Test.msg']);
    expect(found[0]!.text).toMatch(/^Received: from PR3P193MB0505/);
    expect(found[0]!.attached?.map((m) => m.filename)).toEqual(['Msg Attachment Test']);
  });

  it('returns nothing for a message without attachments, or headers only, without parsing', async () => {
    expect(await findAttachedMessages('Subject: plain\r\n\r\nno parts here, message/rfc822 mentioned\r\n')).toEqual([]);
    expect(await findAttachedMessages(readFileSync('test/fixtures/ui/list-12-hops.eml', 'utf8'))).toEqual([]);
  });
});
