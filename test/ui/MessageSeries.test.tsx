import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { MessageSeries, seriesInputs, subjectLabel } from '../../src/ui/MessageSeries';
import { renderRoot, textOf } from './render-root';

// The analyzer page's way through a file of several messages (an mbox, a forwarded .msg holding several).
const root = renderRoot();

describe('subjectLabel', () => {
  it('is the decoded Subject on one line, the characters that hide or turn text around written out', () => {
    expect(subjectLabel('Subject: =?utf-8?q?Caf=C3=A9?= menu\r\n\r\n')).toBe('Café menu');
    expect(subjectLabel('Subject: pay\u202Egnp.exe\u200B now\n\n')).toBe('pay⟨U+202E⟩gnp.exe⟨U+200B⟩ now');
    expect(subjectLabel('Subject: a\u0007b\n\n')).toBe('a b');
    expect(subjectLabel('From: a@example.org\n\n')).toBe('(no subject)');
    expect(subjectLabel(`Subject: ${'x'.repeat(200)}\n\n`)).toBe(`${'x'.repeat(89)}…`);
  });
});

describe('seriesInputs', () => {
  it('names each message by its place in the file and keeps its label, note and attachments', () => {
    const inputs = seriesInputs('Inbox.mbox', [
      { text: 'Subject: one\n\n', file: 'Inbox.mbox#message-1', note: 'first' },
      { text: 'Subject: two\n\n', file: 'Inbox.mbox#message-2', attached: [{ number: 1, text: 'Subject: in\n\n' }] },
    ]);
    expect(inputs).toEqual([
      {
        text: 'Subject: one\n\n',
        origin: 'Message 1 of 2 in the file Inbox.mbox',
        file: 'Inbox.mbox#message-1',
        note: 'first',
      },
      {
        text: 'Subject: two\n\n',
        origin: 'Message 2 of 2 in the file Inbox.mbox',
        file: 'Inbox.mbox#message-2',
        attached: [{ number: 1, text: 'Subject: in\n\n' }],
      },
    ]);
  });
});

describe('MessageSeries', () => {
  it('offers the previous and next message and every message by subject', () => {
    const picked: number[] = [];
    const show = (at: number) =>
      act(() => {
        render(<MessageSeries labels={['One', 'Two', 'Three']} at={at} onPick={(i) => picked.push(i)} />, root);
      });
    show(0);
    const buttons = () => [...root.querySelectorAll('button')];
    expect(buttons().map((b) => [textOf(b), b.disabled])).toEqual([
      ['← Previous', true],
      ['Next →', false],
    ]);
    const select = root.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['1. One', '2. Two', '3. Three']);
    expect(textOf(root.querySelector('label'))).toMatch(/^Message .* of 3$/);
    act(() => buttons()[1]!.click());
    select.value = '2';
    act(() => {
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    show(2);
    expect(buttons().map((b) => b.disabled)).toEqual([false, true]);
    act(() => buttons()[0]!.click());
    expect(picked).toEqual([1, 2, 1]);
  });
});
