// SECURITY.md §3.3: the background fetches no URL that a page chose. The only page-supplied URL it fetches
// is an .eml link, and only on the user's own context-menu click, only over http(s), and what comes back is
// capped. A selection or page click never fetches.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { MENU_ANALYZE, MENU_ANALYZE_EML_LINK, MESSAGE_LINK_PATTERNS, onMenuClicked } from '../../src/background/menus';
import { readLink } from '../../src/background/page-input';
import { MAX_INPUT_CHARS, type StoredInput } from '../../src/messaging';
import { msgNodes, utf16, writeCfb } from '../mime/cfb-writer';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

async function storedInputs(): Promise<StoredInput[]> {
  return Object.values(await fakeBrowser.storage.session.get(null)) as StoredInput[];
}

describe('.eml link fetch', () => {
  it.each([
    'javascript:alert(1)//x.eml',
    'file:///etc/passwd.eml',
    'data:text/plain,Subject:%20x.eml',
    'chrome://settings/x.eml',
    'chrome-extension://test-extension-id/x.eml',
    'ftp://example.com/x.eml',
    'blob:https://example.com/1234',
    'not a url',
    '',
  ])('refuses %j without fetching', async (linkUrl) => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const input = await readLink({ linkUrl });
    expect(input.kind).toBe('unreadable');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('fetches an https link on a context-menu click and caps what it keeps', async () => {
    const huge = `Subject: x\n${'y'.repeat(MAX_INPUT_CHARS + 1000)}`;
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(huge));
    await onMenuClicked(
      { menuItemId: MENU_ANALYZE_EML_LINK, linkUrl: 'https://files.example/m.eml', editable: false },
      undefined,
    );
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(String(fetchSpy.mock.calls[0]![0])).toBe('https://files.example/m.eml');
    const [stored] = await storedInputs();
    expect(stored?.kind).toBe('text');
    expect((stored as { text: string }).text.length).toBe(MAX_INPUT_CHARS);
  });

  it('reads a linked Outlook .msg whole, with the message attached to it, and says when a file is no message', async () => {
    const bytes = readFileSync(join(import.meta.dirname, '../fixtures/msg/EmailWithMsgAttachment.msg'));
    // Served in chunks, the first shorter than the Compound File signature: the kind is told all the same.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += at === 0 ? 3 : 65536)
          controller.enqueue(new Uint8Array(bytes.subarray(at, at === 0 ? 3 : at + 65536)));
        controller.close();
      },
    });
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(body));
    const input = await readLink({ linkUrl: 'https://files.example/report.msg' });
    expect(input).toMatchObject({ kind: 'text', source: { kind: 'link' } });
    const stored = input as Extract<StoredInput, { kind: 'text' }>;
    expect(stored.text).toMatch(/^Received: from PR3P193MB0505/);
    expect(stored.attached?.map((m) => m.filename)).toEqual(['Msg Attachment Test']);
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(new Uint8Array(100)));
    const binary = await readLink({ linkUrl: 'https://files.example/zeros.eml' });
    expect(binary).toMatchObject({ kind: 'unreadable' });
    expect((binary as { reason: string }).reason).toMatch(/binary file/);
  });

  it('reads a linked .msg over the text cap whole, even when its first chunk is shorter than its signature', async () => {
    const eml = 'Received: from a.example by b.example; Tue, 4 Mar 2025 09:15:05 +0000\r\nSubject: inner\r\n\r\n';
    const attachments = [
      [
        { name: '__substg1.0_3707001F', data: utf16('scan.pdf') },
        { name: '__substg1.0_37010102', data: new Uint8Array(MAX_INPUT_CHARS + 1_000_000) },
      ],
      [
        { name: '__substg1.0_3707001F', data: utf16('report.eml') },
        { name: '__substg1.0_37010102', data: new TextEncoder().encode(eml.padEnd(5000, 'x')) },
      ],
    ];
    const bytes = writeCfb(msgNodes({ headers: 'Subject: outer\r\n\r\n', attachments })).bytes;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 3));
        for (let at = 3; at < bytes.length; at += 1 << 20) controller.enqueue(bytes.slice(at, at + (1 << 20)));
        controller.close();
      },
    });
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(body));
    const input = await readLink({ linkUrl: 'https://files.example/big.msg' });
    expect((input as Extract<StoredInput, { kind: 'text' }>).attached?.map((m) => m.filename)).toEqual(['report.eml']);
  });

  it('tells a file of exactly the cap from a longer one, and sniffs a .msg in a body read without a stream', async () => {
    // A body that ends inside a UTF-8 sequence: whole, it is no UTF-8 file (read as windows-1252); cut at the
    // cap, the sequence is only split by the cut (read as UTF-8 without it).
    const head = new TextEncoder().encode('Subject: caf\u00e9\n');
    const file = (size: number) => {
      const bytes = new Uint8Array(size).fill(0x78);
      bytes.set(head);
      bytes[MAX_INPUT_CHARS - 1] = 0xc3;
      return bytes;
    };
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(file(MAX_INPUT_CHARS)));
    const whole = (await readLink({ linkUrl: 'https://files.example/a.eml' })) as Extract<
      StoredInput,
      { kind: 'text' }
    >;
    expect(whole.text.startsWith('Subject: caf\u00c3\u00a9\n')).toBe(true);
    expect(whole.text.endsWith('x\u00c3')).toBe(true);
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(file(MAX_INPUT_CHARS + 10)));
    const cut = (await readLink({ linkUrl: 'https://files.example/b.eml' })) as Extract<StoredInput, { kind: 'text' }>;
    expect(cut.text.startsWith('Subject: caf\u00e9\n')).toBe(true);
    expect(cut.text.endsWith('xx')).toBe(true);

    const eml = 'Received: from a.example by b.example; Tue, 4 Mar 2025 09:15:05 +0000\r\nSubject: inner\r\n\r\n';
    const msg = writeCfb(
      msgNodes({
        headers: 'Subject: outer\r\n\r\n',
        attachments: [
          [
            { name: '__substg1.0_3707001F', data: utf16('scan.pdf') },
            { name: '__substg1.0_37010102', data: new Uint8Array(MAX_INPUT_CHARS + 1000) },
          ],
          [
            { name: '__substg1.0_3707001F', data: utf16('report.eml') },
            { name: '__substg1.0_37010102', data: new TextEncoder().encode(eml) },
          ],
        ],
      }),
    ).bytes;
    const bodiless = { ok: true, status: 200, body: null, arrayBuffer: async () => msg.slice().buffer };
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(bodiless as unknown as Response);
    const input = await readLink({ linkUrl: 'https://files.example/big.msg' });
    expect((input as Extract<StoredInput, { kind: 'text' }>).attached?.map((m) => m.filename)).toEqual(['report.eml']);
  });

  it('keeps the bytes of 8-bit headers from a link (windows-1252, not U+FFFD)', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(new Uint8Array([0x53, 0x3a, 0x20, 0xe9, 0x0a])));
    const input = await readLink({ linkUrl: 'https://files.example/m.eml' });
    expect(input).toMatchObject({ kind: 'text', text: 'S: é\n' });
  });

  it('offers the link item only on .eml and .msg links', () => {
    for (const p of MESSAGE_LINK_PATTERNS) expect(p).toMatch(/^\*:\/\/\*\/\*\.(eml|EML|msg|MSG)(\?\*)?$/);
  });

  it('never fetches for a selection or page click, even when the click carries a link URL', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([]);
    await onMenuClicked(
      {
        menuItemId: MENU_ANALYZE,
        linkUrl: 'https://attacker.example/x.eml',
        selectionText: 'Subject: x',
        editable: false,
      },
      { id: 3, index: 0 } as never,
    );
    await onMenuClicked({ menuItemId: MENU_ANALYZE, linkUrl: 'https://attacker.example/x.eml', editable: false }, {
      id: 3,
      index: 0,
    } as never);
    await onMenuClicked({ menuItemId: 'some-other-item', linkUrl: 'https://attacker.example/x.eml', editable: false });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
