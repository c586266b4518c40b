import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { splitMbox } from '../../src/mime/mbox';

const read = (path: string) => readFileSync(resolve(import.meta.dirname, '../..', path), 'utf8');
const messages = [
  read('examples/phishing-example.eml'),
  read('test/fixtures/ui/list-12-hops.eml'),
  read('test/fixtures/ui/forwarded-report.eml'),
];

describe('splitMbox', () => {
  it('splits an mbox file into its messages, each analyzed as on its own', () => {
    const mbox = messages
      .map((m, i) => `From sender${i}@example.org Tue Jan  2 10:00:0${i} 2024\n${m.trimEnd()}\n\n`)
      .join('');
    const split = splitMbox(mbox);
    expect(split?.map((m) => m.number)).toEqual([1, 2, 3]);
    split!.forEach((m, i) => {
      const alone = analyze(messages[i]!);
      const inBox = analyze(m.text);
      expect(inBox.summary.subject).toBe(alone.summary.subject);
      expect(inBox.handoff?.ip).toBe(alone.handoff?.ip);
      expect(inBox.hops).toHaveLength(alone.hops.length);
      expect(inBox.diagnostics.map((d) => d.code)).not.toContain('mbox-from-line');
    });
    expect(split![1]!.offset).toBe(mbox.indexOf('From sender1@'));
  });

  it('splits CRLF mbox files, and not at escaped or field-syntax From lines', () => {
    const body = 'Subject: a\r\n\r\nhello\r\n\r\n>From the desk of\r\nFrom : not a separator?\r\n\r\nFrom : x\r\n';
    const mbox = `From a@x Mon Jan  1 00:00:00 2024\r\n${body}\r\nFrom b@x Mon Jan  1 00:00:01 2024\r\nSubject: b\r\n\r\n`;
    const split = splitMbox(mbox);
    expect(split).toHaveLength(2);
    expect(split![0]!.text).toBe(`${body}\r\n`);
    expect(analyze(split![1]!.text).summary.subject).toBe('b');
  });

  it('leaves a single message, with or without a separator line, and other text alone', () => {
    expect(splitMbox(messages[0]!)).toBeNull();
    expect(splitMbox(`From a@x Mon Jan  1 00:00:00 2024\n${messages[0]}`)).toBeNull();
    expect(splitMbox('From: a@x\n\nFrom b@x Mon Jan  1 00:00:00 2024\nSubject: x\n')).toBeNull();
    expect(splitMbox('')).toBeNull();
  });

  it('is linear in the number of separators', () => {
    const one = 'From a@x Mon Jan  1 00:00:00 2024\nSubject: s\n\n';
    const t0 = performance.now();
    const split = splitMbox(one.repeat(50_000));
    expect(split).toHaveLength(50_000);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
