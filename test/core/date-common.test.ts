import { describe, expect, it } from 'vitest';
import { COMMON_DATE_END, parseCommonDate } from '../../src/core/date-common';

/** The ISO text parseCommonDate gives, or undefined when the text is not of the common form. */
const iso = (text: string, start = 0): string | undefined => {
  const d = parseCommonDate(text, start);
  return d?.ok ? d.iso : undefined;
};

describe('parseCommonDate: the form of nearly every Received and Date field', () => {
  it('reads `[Ddd, ]D Mon YYYY HH:MM:SS ±HHMM` with one or two digits for the day and the hour', () => {
    expect(iso('Mon, 10 Feb 2025 15:49:34 +0000')).toBe('2025-02-10T15:49:34+00:00');
    expect(iso('1 Feb 2025 5:06:07 -0130')).toBe('2025-02-01T05:06:07-01:30');
    expect(parseCommonDate('Mon, 10 Feb 2025 15:49:34 +0100')).toMatchObject({
      epochMs: Date.UTC(2025, 1, 10, 14, 49, 34),
      offsetMinutes: 60,
      zoneKnown: true,
    });
  });

  it('takes runs of spaces and tabs between the parts, and a comma with or without a blank after the day name', () => {
    expect(iso('  Mon,\t10 \t Feb  2025\t15:49:34   +0000')).toBe('2025-02-10T15:49:34+00:00');
    expect(iso('Mon,10 Feb 2025 15:49:34 +0000')).toBe('2025-02-10T15:49:34+00:00');
    expect(iso('Mon 10 Feb 2025 15:49:34 +0000')).toBe('2025-02-10T15:49:34+00:00');
  });

  it('refuses what the general parser must decide', () => {
    expect(iso('Mon10 Feb 2025 15:49:34 +0000')).toBeUndefined(); // day name glued to the day
    expect(iso('10Feb 2025 15:49:34 +0000')).toBeUndefined(); // no blank after the day
    expect(iso('10 Feb 999 15:49:34 +0000')).toBeUndefined(); // three-digit year
    expect(iso('10 Feb 2025 15:49:34 +00000')).toBeUndefined(); // a digit after the zone
    expect(iso('10 Feb 2025 15:49 +0000')).toBeUndefined(); // no seconds
    expect(iso('31 Feb 2025 15:49:34 +0000')).toBeUndefined(); // no such day
    expect(iso('10 Feb 2025 15:49:34 GMT')).toBeUndefined(); // a named zone
    expect(iso('10 Feb 2025 15:49:34')).toBeUndefined(); // no zone
  });

  it('reads "-0000" as UTC with the zone unknown (RFC 5322 §3.3)', () => {
    expect(parseCommonDate('10 Feb 2025 15:49:34 -0000')).toMatchObject({
      iso: '2025-02-10T15:49:34-00:00',
      offsetMinutes: 0,
      zoneKnown: false,
    });
  });

  it('reads a date where it stands in a longer text and says where it ended', () => {
    const field = 'by mx.example.org; Mon, 10 Feb 2025 15:49:34 +0000 (UTC)';
    expect(iso(field, field.indexOf(';') + 1)).toBe('2025-02-10T15:49:34+00:00');
    expect(field.slice(COMMON_DATE_END.at)).toBe(' (UTC)');
  });
});
