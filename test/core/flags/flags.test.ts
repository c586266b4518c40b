import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { RULES } from '../../../src/core/flags/rules';

// Each flag rule fires on its own fixture and not on an honest, aligned message (DESIGN.md §6).
const dir = resolve(import.meta.dirname, '../../fixtures/auth');
const NOW = Date.parse('2024-05-07T00:00:00Z');
const load = (name: string) => analyze(readFileSync(resolve(dir, `${name}.eml`), 'utf8'), { now: NOW });
const ids = (name: string) => load(name).flags.map((f) => f.id);

describe('flag rules against their fixtures', () => {
  const clean = load('clean');

  it('the clean message reads as honest: only good findings', () => {
    expect(clean.flags.filter((f) => f.severity !== 'good')).toEqual([]);
    expect(clean.flags.map((f) => f.id).sort()).toEqual(['dmarc-aligned-pass', 'tls-every-hop']);
    expect(clean.summary.verdict).toBe('ok');
    expect(clean.handoff?.ip).toBe('198.51.100.20');
  });

  const fixtures = new Set(
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => f.slice(0, -4)),
  );
  for (const rule of RULES) {
    if (rule.severity === 'good') {
      it(`${rule.id} fires on the clean message`, () => {
        expect(ids('clean')).toContain(rule.id);
      });
      continue;
    }
    it(`${rule.id} fires on ${rule.id}.eml and not on clean.eml`, () => {
      expect(fixtures.has(rule.id), `test/fixtures/auth/${rule.id}.eml is missing`).toBe(true);
      const a = load(rule.id);
      const hit = a.flags.filter((f) => f.id === rule.id);
      expect(hit.length).toBeGreaterThan(0);
      // Every finding points at evidence a user can follow, unless it is about an absent field.
      if (!rule.id.startsWith('missing-')) expect(hit[0]!.evidence.length).toBeGreaterThan(0);
      expect(hit[0]!.detail.length).toBeGreaterThan(10);
      expect(clean.flags.map((f) => f.id)).not.toContain(rule.id);
    });
  }

  it('the summary verdict is the worst severity present', () => {
    expect(load('dmarc-fail').summary.verdict).toBe('danger');
    expect(load('reply-to-differs').summary.verdict).toBe('warning');
  });

  it('a Reply-To elsewhere is information when a mailing list put its own posting address in From', () => {
    // Mailman's DMARC mitigation: `From: Author via List <list@…>`, the author in Reply-To (RFC 2369 List-Post).
    const fixture = readFileSync(resolve(dir, 'reply-to-differs.eml'), 'utf8');
    const from = 'From: Shop News <news@shop.example>\n';
    expect(fixture).toContain(from);
    const munged = (post: string) =>
      analyze(fixture.replace(from, `From: Shop News via Members <members@lists.example.org>\nList-Post: ${post}\n`), {
        now: NOW,
      }).flags.find((f) => f.id === 'reply-to-differs');
    const listed = munged('<mailto:Members@lists.example.org>');
    expect(listed?.severity).toBe('info');
    expect(listed?.detail).toContain('List-Post');
    // A List-Post naming another address than From proves nothing about who wrote From.
    expect(munged('<mailto:other@lists.example.org>')?.severity).toBe('warning');
  });

  it('an earlier ARC set of the recipient’s own provider below the handoff is a claim, not an injection', () => {
    // As a Google Group or the sender's own Microsoft 365 tenant leaves it (RFC 8617 keeps every ARC set).
    const injected =
      'Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=news@shop.example; dkim=pass header.d=shop.example\n';
    const fixture = readFileSync(resolve(dir, 'injected-auth-results.eml'), 'utf8');
    expect(fixture).toContain(injected);
    // Below the sender's Received, where the message brought it.
    const text = fixture
      .replace(injected, '')
      .replace('DKIM-Signature:', `ARC-${injected.replace('mx.google.com;', 'i=1; mx.google.com;')}DKIM-Signature:`);
    const a = analyze(text, { now: NOW });
    expect(a.flags.map((f) => f.id)).not.toContain('injected-auth-results');
    const arcs = a.auth.results.filter((r) => r.kind === 'arc-authentication-results');
    expect(arcs).toHaveLength(2);
    const arc = arcs[1];
    expect(arc?.trusted).toBe(false);
    expect(arc?.trustReason).toContain('earlier on the message');
    expect(a.auth.spf?.result).toBe('fail');
    // The same results as a plain Authentication-Results field there are a forgery (RFC 8601 §5).
    const plain = analyze(fixture.replace(injected, '').replace('DKIM-Signature:', `${injected}DKIM-Signature:`), {
      now: NOW,
    });
    expect(plain.flags.map((f) => f.id)).toContain('injected-auth-results');
  });

  it('an injected A-R does not change the trusted verdicts', () => {
    // The recipient's own field (topmost) says spf=fail; the copy below it claims a pass.
    const a = load('injected-auth-results');
    expect(a.auth.spf?.result).toBe('fail');
    expect(a.auth.results.filter((r) => r.trusted && r.kind === 'authentication-results')).toHaveLength(1);
  });
});

describe('delays between hops', () => {
  // A self-hosted mailbox read by fetchmail three days after delivery (the SpamAssassin corpus's form).
  const fetched = (fetchWith: string) =>
    analyze(`Received: from localhost (localhost [127.0.0.1]) by desk.example.org (Postfix) with ESMTP id 1; Fri, 6 Sep 2002 09:00:05 +0100
Received: from mail.example.org [192.0.2.10] by localhost with ${fetchWith} (fetchmail-5.9.0) for jm@localhost (single-drop); Fri, 6 Sep 2002 09:00:04 +0100
Received: from list.example.net (list.example.net [198.51.100.7]) by mail.example.org (8.11.6/8.11.6) with ESMTP id g81; Tue, 3 Sep 2002 08:00:00 +0100
From: someone@example.net
`);

  it('takes a mailbox fetch days after delivery for the reader’s pace, not a delay on the way', () => {
    expect(fetched('IMAP').flags.map((f) => f.id)).not.toContain('hop-delay-huge');
    expect(fetched('POP3').flags.map((f) => f.id)).not.toContain('hop-delay-huge');
  });

  it('still flags the same wait between two servers', () => {
    const a = fetched('ESMTP');
    const flag = a.flags.find((f) => f.id === 'hop-delay-huge');
    expect(flag?.detail).toMatch(/^Hop 2 came 73 hours after the previous one/);
  });
});

describe('hops below the handoff that do not add up', () => {
  // An email service's internal stage below its outbound relay (SendGrid's form), and the same place holding
  // a forged hop that names an address on the internet.
  const message = (below: string) =>
    analyze(`Received: from o73.email.example.com (o73.email.example.com [149.72.51.63]) by mx.example.net (Postfix) with ESMTPS id 4A; Tue, 3 Sep 2024 08:00:02 +0000
Received: ${below}
From: news@example.com
`);

  it('is only information when none of them names a public address', () => {
    const a = message(
      'by filterdrecv-7fd948b676-mhxck with SMTP id filterdrecv-7fd948b676-mhxck-1-66D6C2A1-2 2024-09-03 08:00:01.9 +0000 UTC',
    );
    const flag = a.flags.find((f) => f.id === 'chain-broken');
    expect(flag?.severity).toBe('info');
    expect(flag?.detail).toMatch(/None of them names a public address\.$/);
  });

  it('is a warning when one of them does', () => {
    const a = message(
      'from unknown (HELO x) (81.2.69.160) by relay7.forwarder.net with SMTP; Tue, 3 Sep 2024 08:00:01 +0000',
    );
    const flag = a.flags.find((f) => f.id === 'chain-broken');
    expect(flag?.severity).toBe('warning');
    expect(flag?.detail).toMatch(/They may be forged\.$/);
  });
});

describe('hidden characters in the sender or subject', () => {
  const fixture = readFileSync(resolve(dir, 'clean.eml'), 'utf8');
  const subject = 'Subject: Your May newsletter\n';
  const withSubject = (text: string) => {
    expect(fixture).toContain(subject);
    const encoded = `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
    return analyze(fixture.replace(subject, `Subject: ${encoded}\n`), { now: NOW }).flags.find(
      (f) => f.id === 'hidden-characters',
    );
  };

  it('names each kind with its count and shows where they are', () => {
    const flag = withSubject('E\u034fq\u034fu\u034fi\u034fp\u034fe \u200bverify');
    expect(flag?.severity).toBe('warning');
    expect(flag?.detail).toBe(
      'The Subject holds characters that show nothing (combining grapheme joiner ×5, zero width space): what a reader sees is not the text that filters and searches read.',
    );
    expect(flag?.evidence[0]?.text).toBe('E⟨U+034F⟩q⟨U+034F⟩u⟨U+034F⟩i⟨U+034F⟩p⟨U+034F⟩e ⟨U+200B⟩verify');
  });

  it('takes an override as reordering, in any script', () => {
    expect(withSubject('Invoice \u202efdp.exe')?.detail).toMatch(/reorder the text shown \(right-to-left override\)/);
    expect(withSubject('\u05e9\u05dc\u05d5\u05dd \u202efdp.exe')?.detail).toMatch(/right-to-left override/);
  });

  it('leaves direction marks in right-to-left text, and flags them in text without any', () => {
    expect(withSubject('\u05e9\u05dc\u05d5\u05dd \u200fMay 2024\u200f')).toBeUndefined();
    expect(withSubject('Renewal on \u200e\u200eFebruary \u200e5')?.detail).toMatch(/left-to-right mark ×3/);
  });

  it('leaves emoji sequences, Persian joiners, an opening byte-order mark and soft hyphens alone', () => {
    expect(withSubject('Team \u{1f938}\u200d\u2640\ufe0f news')).toBeUndefined();
    expect(withSubject('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645')).toBeUndefined();
    expect(withSubject('\ufeffYour May newsletter')).toBeUndefined();
    expect(withSubject('News\u00adletter')).toBeUndefined();
  });

  // Every character of the three tables but the Arabic letter mark, itself a right-to-left character (with
  // which direction marks stand).
  it.each([
    ['combining grapheme joiner', 0x034f],
    ['Hangul choseong filler', 0x115f],
    ['Hangul jungseong filler', 0x1160],
    ['Khmer vowel inherent aq', 0x17b4],
    ['Khmer vowel inherent aa', 0x17b5],
    ['Mongolian vowel separator', 0x180e],
    ['zero width space', 0x200b],
    ['word joiner', 0x2060],
    ['function application', 0x2061],
    ['invisible times', 0x2062],
    ['invisible separator', 0x2063],
    ['invisible plus', 0x2064],
    ['Hangul filler', 0x3164],
    ['zero width no-break space', 0xfeff],
    ['halfwidth Hangul filler', 0xffa0],
    ['left-to-right override', 0x202d],
    ['right-to-left override', 0x202e],
    ['left-to-right mark', 0x200e],
    ['right-to-left mark', 0x200f],
    ['left-to-right embedding', 0x202a],
    ['right-to-left embedding', 0x202b],
    ['pop directional formatting', 0x202c],
    ['left-to-right isolate', 0x2066],
    ['right-to-left isolate', 0x2067],
    ['first strong isolate', 0x2068],
    ['pop directional isolate', 0x2069],
  ] as const)('reports the %s in a plain Latin subject', (name, code) => {
    expect(withSubject(`Pay${String.fromCharCode(code)}Pal invoice`)?.detail).toContain(`(${name})`);
  });

  it('reads Reply-To too', () => {
    const reply = fixture.replace(subject, `${subject}Reply-To: =?UTF-8?Q?Sh=E2=80=8Bop?= <help@shop.example>\n`);
    const flag = analyze(reply, { now: NOW }).flags.find((f) => f.id === 'hidden-characters');
    expect(flag?.detail).toMatch(/^The Reply-To holds/);
    expect(flag?.evidence[0]?.text).toBe('Sh⟨U+200B⟩op <help@shop.example>');
  });
});
