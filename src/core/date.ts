// RFC 5322 date-time (§3.3) and its obsolete forms (§4.3), read by a hand-written scanner: the text is
// cut into tokens (numbers, words, signs) with comments skipped, then the tokens are matched in order.
//
// Accepted beyond the RFC, because real Received and Date fields carry them (Microsoft MHA accepts them
// too): full day names, "Apr 21 2018", asctime's "Thu Apr 21 03:01:04 2018", US "4/20/2018" and
// "4-20-2018", ISO/Go "2018-04-22 02:54:17.028704749 +0000 UTC" and "2018-04-22T02:54:17Z", one-digit
// hours, fractional seconds, AM/PM (and "p.m."), "+hh:mm", "GMT+2", a zone split as "- 0600", and anything
// after the zone (a comment "(PDT)", "UTC", "(envelope-from …)").
//
// Zones: numeric (also "-400" without the hour's leading zero), UT/UTC/GMT/Z, the RFC 822 US names, and
// common names with one meaning (COMMON_ZONES: CEST, JST, …). "-0000" (RFC 5322 §3.3: local zone unknown),
// the military letters other than Z (§4.3: their sign was wrong in RFC 822, so treated as -0000), an unknown
// name and a missing zone all give offset 0 with zoneKnown false: the caller reports it, nothing silently
// becomes UTC. A date without a time of day is refused (RFC 5322 requires one).
//
// The form nearly every field uses is read first, without tokens, by ./date-common.ts.

import { isDigit } from './chars';
import { DAYS, daysInMonth, isLetter, MAX_DATE_LENGTH, MONTHS, type ParsedDate, parseCommonDate } from './date-common';

export type { ParsedDate } from './date-common';

interface Token {
  kind: 'num' | 'word' | 'sym';
  text: string;
  /** Number of digits for Num tokens. */
  length: number;
  value: number;
}

/** RFC 5322 §4.3 obs-zone names, in minutes east of UTC. */
const NAMED_ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

/**
 * Zone names outside RFC 5322 that mail servers still write alone (`Sun, 08 Sep 2002 15:29:20 CEST`,
 * `Tue, 16 Jul 2013 05:16:35 JST`), each with one meaning in practice. Read as that offset rather than as an
 * unknown zone: an unknown zone is taken as UTC, and a Japanese server's hop would then seem nine hours
 * late. Names used for several zones (IST: India, Ireland, Israel) stay unknown.
 */
const COMMON_ZONES: Record<string, number> = {
  bst: 60,
  wet: 0,
  west: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  mez: 60,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  hkt: 480,
  sgt: 480,
  awst: 480,
  jst: 540,
  kst: 540,
  acst: 570,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
  hst: -600,
  akst: -540,
  akdt: -480,
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = Math.min(text.length, MAX_DATE_LENGTH);
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 40 /* ( */) {
      // Comment, nested, with quoted-pairs (RFC 5322 §3.2.2); unterminated runs to the end.
      let depth = 0;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 40) depth++;
        else if (d === 41 && --depth === 0) break;
      }
      i++;
    } else if (isDigit(c)) {
      const start = i;
      let value = 0;
      while (i < n && isDigit(text.charCodeAt(i))) {
        if (i - start < 15) value = value * 10 + (text.charCodeAt(i) - 48);
        i++;
      }
      tokens.push({ kind: 'num', text: text.slice(start, i), length: i - start, value });
    } else if (isLetter(c)) {
      const start = i;
      while (i < n && isLetter(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i).toLowerCase(), length: i - start, value: 0 });
    } else if (c === 32 || c === 9 || c === 13 || c === 10 || c === 44 /* , */) {
      i++;
    } else {
      tokens.push({ kind: 'sym', text: text[i]!, length: 1, value: 0 });
      i++;
    }
  }
  return tokens;
}

/** 1–12 for a month name or its abbreviation ("Sep", "Sept"), else 0. */
function monthOf(t: Token | undefined): number {
  if (t?.kind !== 'word' || t.length < 3) return 0;
  for (let m = 0; m < 12; m++) if (MONTHS[m]!.startsWith(t.text)) return m + 1;
  return 0;
}

function isDayName(t: Token | undefined): boolean {
  return !!t && t.kind === 'word' && t.length >= 3 && DAYS.some((d) => d.startsWith(t.text));
}

function isSym(t: Token | undefined, s: string): boolean {
  return !!t && t.kind === 'sym' && t.text === s;
}

function isNum(t: Token | undefined): t is Token {
  return !!t && t.kind === 'num';
}

/** RFC 5322 §4.3: two-digit years below 50 are 20xx, others 19xx; three-digit years add 1900. */
function fullYear(t: Token): number {
  if (t.length === 2) return t.value < 50 ? 2000 + t.value : 1900 + t.value;
  if (t.length === 3) return 1900 + t.value;
  return t.length === 4 ? t.value : -1;
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

interface Zone {
  offset: number;
  known: boolean;
  /** Tokens consumed. */
  used: number;
}

/** Reads a numeric offset ("+0200", "+02:00", "+2", "- 0600", "-400") at tokens[i] (a sign). */
function numericZone(tokens: Token[], i: number): Zone | undefined {
  const sign = tokens[i];
  const num = tokens[i + 1];
  if (!sign || !(isSym(sign, '+') || isSym(sign, '-')) || !isNum(num)) return undefined;
  let hours: number;
  let minutes = 0;
  let used = 2;
  if (num.length === 4 || num.length === 3) {
    // Three digits: the hour's leading zero left out (`-400 (EDT)`, `+800`).
    hours = Math.floor(num.value / 100);
    minutes = num.value % 100;
  } else if (num.length <= 2) {
    hours = num.value;
    const mm = tokens[i + 3];
    if (isSym(tokens[i + 2], ':') && isNum(mm) && mm.length === 2) {
      minutes = mm.value;
      used = 4;
    }
  } else {
    return undefined;
  }
  if (hours > 23 || minutes > 59) return undefined;
  const magnitude = hours * 60 + minutes;
  if (sign.text === '-') {
    // RFC 5322 §3.3: "-0000" says the local zone is unknown; the instant is UTC.
    return magnitude === 0 ? { offset: 0, known: false, used } : { offset: -magnitude, known: true, used };
  }
  return { offset: magnitude, known: true, used };
}

function zoneAt(tokens: Token[], i: number): Zone {
  const t = tokens[i];
  if (!t) return { offset: 0, known: false, used: 0 };
  if (t.kind === 'sym') return numericZone(tokens, i) ?? { offset: 0, known: false, used: 0 };
  if (t.kind !== 'word') return { offset: 0, known: false, used: 0 };
  const named = NAMED_ZONES[t.text];
  if (named !== undefined) {
    if (named === 0 && t.text !== 'z') {
      // "GMT+2", "UTC+02:00": an offset glued to the UTC name.
      const glued = numericZone(tokens, i + 1);
      if (glued) return { offset: glued.offset, known: glued.known, used: glued.used + 1 };
    }
    return { offset: named, known: true, used: 1 };
  }
  const common = COMMON_ZONES[t.text];
  if (common !== undefined) return { offset: common, known: true, used: 1 };
  // Military letters (RFC 5322 §4.3) and other names: zone unknown.
  return { offset: 0, known: false, used: 1 };
}

interface Clock {
  hour: number;
  minute: number;
  second: number;
  ms: number;
  fraction: boolean;
  used: number;
}

/** hh:mm[:ss[.fff]] [AM|PM] at tokens[i]. */
function clockAt(tokens: Token[], i: number): Clock | undefined {
  const h = tokens[i];
  const m = tokens[i + 2];
  if (!isNum(h) || h.length > 2 || !isSym(tokens[i + 1], ':') || !isNum(m) || m.length !== 2) return undefined;
  const clock: Clock = { hour: h.value, minute: m.value, second: 0, ms: 0, fraction: false, used: 3 };
  const s = tokens[i + 4];
  if (isSym(tokens[i + 3], ':') && isNum(s) && s.length === 2) {
    clock.second = s.value;
    clock.used = 5;
    const f = tokens[i + 6];
    if (isSym(tokens[i + 5], '.') && isNum(f)) {
      clock.ms = Number((f.text + '00').slice(0, 3));
      clock.fraction = true;
      clock.used = 7;
    }
  }
  // AM/PM, also written "a.m." / "p.m." (`Jun, 06 2002 12:07:31 p.m. -0800`).
  const ampm = tokens[i + clock.used];
  let half: string | undefined;
  let used = 1;
  if (ampm?.kind === 'word') {
    if (ampm.text === 'am' || ampm.text === 'pm') half = ampm.text;
    else if ((ampm.text === 'a' || ampm.text === 'p') && isSym(tokens[i + clock.used + 1], '.')) {
      const m = tokens[i + clock.used + 2];
      if (m?.kind === 'word' && m.text === 'm') {
        half = `${ampm.text}m`;
        used = isSym(tokens[i + clock.used + 3], '.') ? 4 : 3;
      }
    }
  }
  if (half !== undefined) {
    if (clock.hour < 1 || clock.hour > 12) return undefined;
    if (half === 'am' && clock.hour === 12) clock.hour = 0;
    else if (half === 'pm' && clock.hour < 12) clock.hour += 12;
    clock.used += used;
  }
  return clock;
}

/** Parses an RFC 5322 date-time (and the real-world variants above). Never throws. */
export function parseDate(text: string): ParsedDate {
  const common = parseCommonDate(text);
  if (common !== undefined) return common;
  const tokens = tokenize(text);
  let i = 0;
  if (isDayName(tokens[i])) i++;
  if (i >= tokens.length) return { ok: false, reason: 'no date' };

  let year = -1;
  let month = 0;
  let day = 0;
  let yearAfterTime = false;
  let ambiguous = false;
  const a = tokens[i];
  const b = tokens[i + 1];
  const c = tokens[i + 2];
  const d = tokens[i + 3];
  const e = tokens[i + 4];
  if (isNum(a) && a.length <= 2 && monthOf(b) && isNum(c)) {
    // RFC 5322: day month year
    day = a.value;
    month = monthOf(b);
    year = fullYear(c);
    i += 3;
  } else if (isNum(a) && a.length <= 2 && isSym(b, '-') && monthOf(c) && isSym(d, '-') && isNum(e)) {
    // 21-Apr-2018
    day = a.value;
    month = monthOf(c);
    year = fullYear(e);
    i += 5;
  } else if (monthOf(a) && isNum(b) && b.length <= 2) {
    month = monthOf(a);
    day = b.value;
    if (isNum(c) && c.length >= 3 && !isSym(d, ':')) {
      year = fullYear(c); // Apr 21 2018
      i += 3;
    } else {
      yearAfterTime = true; // asctime: Thu Apr 21 03:01:04 2018
      i += 2;
    }
  } else if (
    isNum(a) &&
    a.length === 4 &&
    (isSym(b, '-') || isSym(b, '/')) &&
    isNum(c) &&
    isSym(d, b!.text) &&
    isNum(e)
  ) {
    // ISO / Go: 2018-04-22
    year = a.value;
    month = c.value;
    day = e.value;
    i += 5;
    const t = tokens[i];
    if (t && t.kind === 'word' && t.text === 't') i++;
  } else if (
    isNum(a) &&
    a.length <= 2 &&
    (isSym(b, '/') || isSym(b, '-')) &&
    isNum(c) &&
    isSym(d, b!.text) &&
    isNum(e)
  ) {
    // US: 4/20/2018, 4-20-2018; day first when the first number cannot be a month (20/4/2018). When both
    // can be (2/10/2002), the US reading, with the other one returned beside it.
    if (a.value > 12 && c.value <= 12) {
      day = a.value;
      month = c.value;
    } else {
      month = a.value;
      day = c.value;
      ambiguous = a.value !== c.value && c.value <= 12 && a.value >= 1;
    }
    year = fullYear(e);
    i += 5;
  } else {
    return { ok: false, reason: 'no day, month and year' };
  }

  const clock = clockAt(tokens, i);
  if (!clock) return { ok: false, reason: 'no time of day' };
  i += clock.used;
  if (yearAfterTime) {
    const y = tokens[i];
    if (!isNum(y)) return { ok: false, reason: 'no year' };
    year = fullYear(y);
    i++;
  }
  const zone = zoneAt(tokens, i);

  if (year < 1000 || year > 9999) return { ok: false, reason: 'year out of range' };
  if (month < 1 || month > 12) return { ok: false, reason: 'month out of range' };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: 'day out of range' };
  if (clock.hour > 23 || clock.minute > 59 || clock.second > 60) return { ok: false, reason: 'time out of range' };

  const { epochMs, iso } = instant(year, month, day, clock, zone);
  if (ambiguous && month <= daysInMonth(year, day)) {
    return {
      ok: true,
      epochMs,
      offsetMinutes: zone.offset,
      iso,
      zoneKnown: zone.known,
      dayFirst: instant(year, day, month, clock, zone),
    };
  }
  return { ok: true, epochMs, offsetMinutes: zone.offset, iso, zoneKnown: zone.known };
}

/** The instant and its ISO 8601 text, with the offset as written. */
function instant(year: number, month: number, day: number, clock: Clock, zone: Zone): { epochMs: number; iso: string } {
  const epochMs =
    Date.UTC(year, month - 1, day, clock.hour, clock.minute, clock.second, clock.ms) - zone.offset * 60000;
  const abs = Math.abs(zone.offset);
  const sign = zone.offset > 0 || (zone.offset === 0 && zone.known) ? '+' : '-';
  const iso =
    `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(clock.hour, 2)}:${pad(clock.minute, 2)}:${pad(clock.second, 2)}` +
    (clock.fraction ? `.${pad(clock.ms, 3)}` : '') +
    `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
  return { epochMs, iso };
}
