import { describe, expect, it } from 'vitest';
import { FROM_COMMENT_FORMS } from '../../../src/core/received/forms';
import { parseReceived } from '../../../src/core/received/parse';

describe('parseReceived: MTA forms', () => {
  it.each([
    [
      'Postfix',
      'from mail.example.org (mx.example.org [192.0.2.1]:2525) by mx.example.net (Postfix) with ESMTPS id 4ABC for <u@example.net>; Mon, 1 Jan 2024 00:00:00 +0000',
      { helo: 'mail.example.org', rdns: 'mx.example.org', ip: '192.0.2.1', port: 2525 },
    ],
    ['Postfix unknown', 'from x (unknown [192.0.2.9]) by y (Postfix) with SMTP id 1', { helo: 'x', ip: '192.0.2.9' }],
    [
      'Sendmail ident',
      'from h (joe@rdns.example [192.0.2.2] (may be forged)) by s (8.13.1/8.13.1) with ESMTP id i8F',
      { helo: 'h', rdns: 'rdns.example', ip: '192.0.2.2', ident: 'joe' },
    ],
    [
      'Exim',
      'from rdns.example ([192.0.2.3]:4711 helo=h.example) by e with esmtps (Exim 4.96) id 1a-2b-3c',
      { rdns: 'rdns.example', helo: 'h.example', ip: '192.0.2.3', port: 4711 },
    ],
    [
      'qmail',
      'from unknown (HELO h.example) (joe@192.0.2.4) by q with SMTP; 1 Jan 2024 00:00:00 -0000',
      { helo: 'h.example', ip: '192.0.2.4', ident: 'joe' },
    ],
    [
      'Microsoft',
      'from BN8NAM11FT066.eop-nam11.prod.protection.outlook.com (2603:10b6:408:e6:cafe::23) by BN0PR03CA0023.outlook.office365.com (2603:10b6:408:e6::28) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6792.28; Tue, 1 Aug 2023 10:00:00 +0000',
      {
        helo: 'BN8NAM11FT066.eop-nam11.prod.protection.outlook.com',
        rdns: 'BN8NAM11FT066.eop-nam11.prod.protection.outlook.com',
        ip: '2603:10b6:408:e6:cafe::23',
      },
    ],
    [
      'Google',
      'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id a1sor for <u@example.com> (Google Transport Security); Mon, 1 Jan 2024 00:00:00 -0800 (PST)',
      { helo: 'mail-sor-f41.google.com', rdns: 'mail-sor-f41.google.com', ip: '209.85.220.41' },
    ],
    [
      'IPv6 literal',
      'from h (h [IPv6:2001:db8::25%eth0]) by p (Postfix)',
      { helo: 'h', rdns: 'h', ip: '2001:db8::25' },
    ],
    ['IPv4-mapped', 'from h ([::ffff:192.0.2.7]) by p with esmtp', { helo: 'h', ip: '192.0.2.7' }],
    [
      // vger.kernel.org (ZMailer): the reverse DNS first, the HELO quoted after the address and port.
      'ZMailer',
      'from 74-93-104-97-Washington.hfc.example.net ([192.0.2.97]:51782 "EHLO sunset.example.org" rhost-flags-OK-OK-OK-OK) by vger.kernel.org with ESMTP id S1753279AbYBQFgG (ORCPT <rfc822;linux-kernel@vger.kernel.org>); Sun, 17 Feb 2008 00:36:06 -0500',
      { rdns: '74-93-104-97-Washington.hfc.example.net', helo: 'sunset.example.org', ip: '192.0.2.97', port: 51782 },
    ],
    [
      'Oracle Beehive (Java InetAddress text)',
      'from lateralus.us.example.com (/192.0.2.101) by default (Oracle Beehive Gateway v4.0) with ESMTP ; Sun, 18 Oct 2009 11:16:03 -0700',
      { helo: 'lateralus.us.example.com', ip: '192.0.2.101' },
    ],
    [
      'a mailbox glued to the address comment is no reverse-DNS name',
      'from hello@example.org([192.0.2.118]) by PME Mail With Id 1718747594524.15660; Wed, 19 Jun 2024 03:23:14 +0530 (IST)',
      { ip: '192.0.2.118' },
    ],
    [
      'an address literal as the HELO, then the bare address the MTA saw',
      'from [10.20.10.11] [192.0.2.229] by mail.example.com with ESMTP (SMTPD-8.22) id A47A0440; Tue, 16 Jul 2024 02:03:38 +0800',
      { helo: '[10.20.10.11]', ip: '192.0.2.229' },
    ],
    [
      'a relay gateway writing the address in parentheses inside the literal',
      'from mailhost.example.org [(192.0.2.44)] by gw.example.com (envelope-from <a@example.org>) (relay.example.com ESMTP with TLS) with ESMTP id 414303590; Sat, 20 Jun 2020 00:09:51 -0800',
      { helo: 'mailhost.example.org', ip: '192.0.2.44' },
    ],
    [
      'Java InetAddress with a name',
      'from h.example.org (rdns.example.net/192.0.2.102) by default with ESMTP ; Sun, 18 Oct 2009 11:16:03 -0700',
      { helo: 'h.example.org', rdns: 'rdns.example.net', ip: '192.0.2.102' },
    ],
    [
      'ZMailer, no reverse DNS and an empty HELO',
      'from [192.0.2.9] ([192.0.2.9]:4000 "HELO " rhost-flags-FAIL-FAIL-OK-FAIL) by vger.kernel.org with ESMTP id S17; Sun, 17 Feb 2008 00:36:07 -0500',
      { ip: '192.0.2.9', port: 4000 },
    ],
    [
      // IIS 4 / Exchange 5.5 SMTPSVC: the HELO argument, a dash, then the address the client connected from.
      'Microsoft SMTPSVC, HELO - address',
      'from client.example.org - 192.0.2.60 by mailhost.example.com with Microsoft SMTPSVC(5.5.1774.114.11); Tue, 26 Jun 2001 12:17:14 +0530',
      { helo: 'client.example.org', ip: '192.0.2.60' },
    ],
    [
      'Microsoft SMTPSVC, an address as the HELO that is not the one connecting',
      'from 10.0.0.5 - 192.0.2.61 by mailhost.example.com with Microsoft SMTPSVC(5.5.1877.757.75); Tue, 26 Jun 2001 12:17:14 +0530',
      { helo: '10.0.0.5', ip: '192.0.2.61' },
    ],
    [
      // GFI MailEssentials: the peer's name (its address when it has none), then `[address port:N]`.
      'GFI MailEssentials, no name for the peer',
      'From LOCALHOST.LOCALDOMAIN (192.0.2.70[192.0.2.70 port:4688]) by gw.example.org Mail essentials (server 2.422) with SMTP id: <7700@gw.example.org> for <list@example.net>; Mon, 22 Jul 2002 9:41:41 AM +0200',
      { helo: 'LOCALHOST.LOCALDOMAIN', ip: '192.0.2.70', port: 4688 },
    ],
    [
      'GFI MailEssentials, with the peer’s name',
      'from h.example.org (client.example.net[192.0.2.71 port:1025]) by gw.example.org Mail essentials (server 2.422) with SMTP id: <7701@gw.example.org>; Mon, 22 Jul 2002 9:41:41 AM +0200',
      { helo: 'h.example.org', rdns: 'client.example.net', ip: '192.0.2.71', port: 1025 },
    ],
    [
      // Smail 3 as some ISPs configure it: a second `from` with only the address of the client the first named.
      'Smail 3, the address in a second from',
      'from mx6.example.net from [192.0.2.103] by mail5.example.net (/\\##/\\ Smail3.1.30.16 #30.56) with esmtp for <u@example.net> sender: <a@example.org> id <mP/17oq90-002OfmP@mail5.example.net>; Tue, 10 Sep 2002 13:53:50 -0500 (CDT)',
      { helo: 'mx6.example.net', ip: '192.0.2.103' },
    ],
    ['a second from that names a host is dropped', 'from a.example from b.example by c.example', { helo: 'a.example' }],
    [
      'T-Online webmail, address and port',
      'from 192.0.2.139:13012 by cmpweb26.aul.t-online.de with HTTP/1.1 (Lisa V7-5-5-0.0 on API V5-51-3-2); Thu, 07 Sep 23 14:07:33 +0200',
      { ip: '192.0.2.139', port: 13012 },
    ],
  ])('%s', (_name, value, from) => {
    const r = parseReceived(value);
    expect(r.parsed).toBe(true);
    expect(r.from).toEqual(from);
  });

  it('reads a by host written with a port as the host, or the address', () => {
    expect(
      parseReceived('from 172.20.102.124:45726 by spica26.mgt.mul.t-online.de:8080; Thu, 7 Sep 2023 14:07:33 +0200').by,
    ).toEqual({
      host: 'spica26.mgt.mul.t-online.de',
    });
    expect(
      parseReceived(
        'from h ([UNAVAILABLE]. [10.30.224.222]) by 0.0.0.0:2500 (trex/5.9.14); Mon, 19 Sep 2022 19:51:10 -0300',
      ).by,
    ).toEqual({
      ip: '0.0.0.0',
    });
    // Not a port: kept as written.
    expect(
      parseReceived('from h ([192.0.2.1]) by mx.example:smtp (Postfix); Mon, 19 Sep 2022 19:51:10 -0300').by?.host,
    ).toBe('mx.example:smtp');
  });

  it("reads the server's address from a by comment that holds only an address, and from no other", () => {
    const by = (comments: string) => parseReceived(`from h ([192.0.2.1]) by mx.example ${comments} with SMTP id 1`).by;
    expect(by('([198.51.100.7])')).toEqual({ host: 'mx.example', ip: '198.51.100.7' });
    expect(by('( 198.51.100.7 )')).toEqual({ host: 'mx.example', ip: '198.51.100.7' }); // one word, blanks around
    expect(by('(198.51.100.7:25)')).toEqual({ host: 'mx.example', ip: '198.51.100.7' });
    expect(by('(8.11.6/8.11.6) (Postfix) (198.51.100.7)')).toEqual({ host: 'mx.example', ip: '198.51.100.7' });
    expect(by('(8.11.6/8.11.6)')).toEqual({ host: 'mx.example' }); // Sendmail's version, not an address with a port
    expect(by('(198.51.100.7 verified)')).toEqual({ host: 'mx.example' }); // two words
  });

  it('reads by, with, id, for, via and the date', () => {
    const r = parseReceived(
      'from a (b [192.0.2.1]) by mx.example.net. (2603:10b6:a03::1) via Frontend with ESMTPS id ABC for <u@example.net>; Mon, 1 Jan 2024 00:00:00 +0000',
    );
    expect(r.by).toEqual({ host: 'mx.example.net', ip: '2603:10b6:a03::1' });
    expect(r).toMatchObject({
      with: 'ESMTPS',
      id: 'ABC',
      for: 'u@example.net',
      via: 'Frontend',
      dateText: 'Mon, 1 Jan 2024 00:00:00 +0000',
    });
    expect(parseReceived('from a by 2002:a05:6a10:9c8b:b0:4a:1a:2b with SMTP id x;').by).toEqual({
      ip: '2002:a05:6a10:9c8b:b0:4a:1a:2b',
    });
  });

  it.each([
    [
      '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))',
      { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 },
    ],
    [
      '(version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128)',
      { version: 'TLS1_3', cipher: 'TLS_AES_128_GCM_SHA256', bits: 128 },
    ],
    [
      '(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)',
      { version: 'TLS1_2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' },
    ],
    [
      '(TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256)',
      { version: 'TLS1.2', cipher: 'ECDHE_RSA_AES_256_GCM_SHA384', bits: 256 },
    ],
  ])('TLS %s', (comment, tls) => {
    expect(
      parseReceived(`from a ([192.0.2.1]) by b with ESMTPS id 1 ${comment}; Mon, 1 Jan 2024 00:00:00 +0000`).tls,
    ).toEqual(tls);
  });

  it('reads Exim 4.93+ TLS (`with esmtps (TLS1.3) tls CIPHER`, its default received_header_text) apart from the protocol', () => {
    const h = parseReceived(
      'from mail.example.org ([192.0.2.1]:41234 helo=h.example) by mx.example.net with esmtpsa (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\r\n\t(Exim 4.96.2) (envelope-from <a@example.org>) id 1rABCD-000123-EF for u@example.net; Mon, 01 Jan 2024 10:00:00 +0000',
    );
    expect(h.with).toBe('esmtpsa');
    expect(h.tls).toEqual({ version: 'TLS1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' });
    expect(h.authenticated).toEqual({});
    expect(h.from).toMatchObject({ rdns: 'mail.example.org', helo: 'h.example', ip: '192.0.2.1', port: 41234 });
    expect(h.id).toBe('1rABCD-000123-EF');
    // Without TLS Exim writes neither; a lone `(TLS)` (Exchange 2010) still names no version.
    expect(parseReceived('from a ([192.0.2.1]) by b with esmtp (Exim 4.96) id 1;').with).toBe('esmtp');
    expect(parseReceived('from a (192.0.2.1) by b with Microsoft SMTP Server (TLS) id 14.3.1.0;').tls).toBeUndefined();
    expect(
      parseReceived('from a ([192.0.2.1]) by b with esmtps (TLSv1.3) tls TLS_AES_128_GCM_SHA256 (Exim 4.97) id 1;').tls,
    ).toEqual({
      version: 'TLSv1.3',
      cipher: 'TLS_AES_128_GCM_SHA256',
    });
    // A one-word comment that only starts like a version is none.
    expect(parseReceived('from a ([192.0.2.1]) by b (tlsgate) with esmtp id 1;').tls).toBeUndefined();
  });

  it.each([
    ['from a ([192.0.2.1]) by b with ESMTPSA id 1;', {}],
    [
      'from a (b [192.0.2.1]) (Authenticated sender: joe@example.com) by c (Postfix) with ESMTPA id 1;',
      { user: 'joe@example.com' },
    ],
    [
      'from a ([192.0.2.1]) (AUTH: LOGIN joe@example.com) by c with esmtp;',
      { user: 'joe@example.com', mechanism: 'LOGIN' },
    ],
    ['from a (b [192.0.2.1]) (authenticated bits=0) by c (8.13.8/8.13.8) with ESMTP id 1;', {}],
    ['from a (192.0.2.1) by c (7.0.027) (authenticated as joe) id 1;', { user: 'joe' }],
    ['from 192.0.2.1 by webmail.example with HTTP; Mon, 1 Jan 2024 00:00:00 +0000', {}],
  ])('authenticated: %s', (value, authenticated) => {
    expect(parseReceived(value).authenticated).toEqual(authenticated);
  });

  it('reads a from clause wrapped in a comment (Norton AntiVirus gateways), in any case, and no other comment', () => {
    const date = '; Mon, 1 Jan 2024 00:00:00 +0000';
    expect(parseReceived(`(from mail.example.org [192.0.2.1]) by gw.example with SMTP${date}`).from).toMatchObject({
      ip: '192.0.2.1',
    });
    expect(parseReceived(`(FROM\th [192.0.2.1]) by gw.example with SMTP${date}`).from.ip).toBe('192.0.2.1');
    expect(parseReceived(`(fromage [192.0.2.1]) by gw.example with SMTP${date}`).from.ip).toBeUndefined();
    expect(parseReceived(`(from) by gw.example with SMTP${date}`).from.ip).toBeUndefined();
  });

  it("reads qmail-tls's cipher comment (`(CIPHER encrypted)`)", () => {
    const r = parseReceived('from a (b [192.0.2.1]) by c (DHE-RSA-AES256-SHA encrypted) with SMTP;');
    expect(r.tls).toEqual({ cipher: 'DHE-RSA-AES256-SHA' });
  });

  it('is not authenticated on a plain relay', () => {
    expect(parseReceived('from a (b [192.0.2.1]) by c (Postfix) with ESMTPS id 1;').authenticated).toBeUndefined();
  });

  it.each([
    ['from localhost [127.0.0.1] by localhost with IMAP (fetchmail-6.2.4) for u@localhost (single-drop);', 'fetch'],
    ['from mail pickup service by hotmail.com with Microsoft SMTPSVC;', 'local'],
    ['(qmail 123 invoked by uid 0); 1 Jan 2024 00:00:00 -0000', 'local'],
    ['by example.com (Postfix, from userid 1001) id 1;', 'local'],
    ['from x by y with local (Exim 4.96) id 1;', 'local'],
    ['from 1.2.3.4 by h (envelope-from <a@b>, uid 502) with qmail-scanner-1.24 (clamdscan: 0.80/594.);', 'filter'],
    ['from a (b [192.0.2.1]) by c (Postfix) with ESMTP id 1;', 'relay'],
  ] as const)('kind: %s', (value, kind) => {
    const r = parseReceived(value);
    expect(r.kind).toBe(kind);
    if (kind !== 'relay') expect(r.saIgnored).toBe(true);
  });

  it('never reads a redacted fragment as an address', () => {
    for (const value of [
      'from h (h [40.83.161.phishing@pot]) by x with ESMTP;',
      'from h (40.83.161.phishing@pot) by x with SMTP;',
      'from h (2603:phishing@pot6:300:49::8) by x with Microsoft SMTP Server id 15.20.1.2;',
      'from h ([192.0.2.1:99999]) by x;',
    ]) {
      const r = parseReceived(value);
      expect(r.from.ip).toBeUndefined();
      expect(r.from.helo).toBe('h');
    }
    expect(parseReceived('from h (40.83.161.phishing@pot) by x with SMTP;').diagnostics.map((d) => d.code)).toContain(
      'received-bad-address',
    );
  });

  it('says which comment holds a mangled address, and does not take a version or a host name for one', () => {
    const codes = (value: string) => parseReceived(value).diagnostics.map((d) => d.code);
    for (const value of [
      'from h (h [40.83.161.phishing@pot]) by x with ESMTP;',
      'from h ([phishing@pot.167.132.17]) by x with SMTP;',
      'from h (193.phishing@pot.113.60) by x with SMTP;',
      'from h ([fe80::bphishing@pot:5fc5:b3ec:77ce]) by x with SMTP;',
      'from h (300.1.2.3) by x with SMTP;',
    ])
      expect(codes(value), value).toContain('received-bad-address');
    for (const value of [
      // sisimai set-of-emails lhost-messagingserver-01 (iCloud's former Oracle front ends)
      'from mr21p30im-asmtp004.me.example.com (Oracle Communications Messaging Server 7.0.5.33.0 64bit (built Aug 27 2014)) id <0NFC0035VKOVHW00@mr21p30im-asmtp004.me.example.com>; Thu, 29 Apr 2015 23:34:45 +0900',
      'from h (mr21p30im-asmtp004.me.example.com) by x with SMTP;',
    ])
      expect(codes(value), value).not.toContain('received-bad-address');
  });

  it('reads the address after a bracketed placeholder in the rDNS slot (`([UNAVAILABLE]. [ip])`), with no rDNS', () => {
    const r = parseReceived(
      'from relay-7.example.net ([UNAVAILABLE]. [10.42.2.98]) by 10.42.243.12:2500 (trex/5.2.13); Tue, 19 May 2015 12:35:52 GMT',
    );
    expect(r.from.ip).toBe('10.42.2.98');
    expect(r.from.rdns).toBeUndefined();
    expect(r.from.helo).toBe('relay-7.example.net');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('received-bad-address');
  });
  it('reads a phrase in angle brackets as one value (`for <multiple recipients>`), with no diagnostic', () => {
    const r = parseReceived(
      'by gxk28 with SMTP id 28so317656gxk.19 for <multiple recipients>; Wed, 23 Jun 2010 11:35:08 -0700 (PDT)',
    );
    expect(r.for).toBe('multiple recipients');
    expect(r.dateText).toBe('Wed, 23 Jun 2010 11:35:08 -0700 (PDT)');
    expect(r.diagnostics).toEqual([]);
    // An unclosed `<` still ends at white space.
    const open = parseReceived('by a with SMTP id 1 for <u@example.com ; Wed, 23 Jun 2010 11:35:08 -0700');
    expect(open.for).toBe('u@example.com');
  });

  it('takes the date without its ";" where an ISO date and a time follow the clauses (SendGrid, Go format)', () => {
    const r = parseReceived(
      'by filter0103p1las1.sendgrid.net with SMTP id filter0103p1las1-15046-582382B3-12 2016-11-09 20:10:27.258036245 +0000 UTC m=+393048.346080050',
    );
    expect(r.id).toBe('filter0103p1las1-15046-582382B3-12');
    expect(r.dateText).toBe('2016-11-09 20:10:27.258036245 +0000 UTC m=+393048.346080050');
    // An ISO date alone, with no time after it, is not taken for one.
    expect(parseReceived('by a with SMTP id 2016-11-09').dateText).toBeUndefined();
  });

  it('marks what it cannot understand as unparsed and keeps the date', () => {
    const r = parseReceived('garbage text ; Mon, 1 Jan 2024 00:00:00 +0000');
    expect(r.parsed).toBe(false);
    expect(r.kind).toBe('unknown');
    expect(r.dateText).toBe('Mon, 1 Jan 2024 00:00:00 +0000');
    expect(r.diagnostics.map((d) => d.code)).toContain('received-unparsed');
  });

  it('reads a field with only via or with clauses as a local step, not unparsed (RFC 822: every clause optional)', () => {
    for (const text of [
      'via switchmail; Mon, 8 Jun 1992 14:51:35 -0500 (CDT)',
      'via newsgate with nntp; Sun, 3 May 1992 20:23:55 -0400 (EDT)',
      'with LOCAL id 42; Sun, 3 May 1992 20:23:55 -0400',
    ]) {
      const r = parseReceived(text);
      expect(r.parsed).toBe(true);
      expect(r.kind).toBe('local');
      expect(r.from.ip).toBeUndefined();
      expect(r.dateText).toMatch(/1992/);
      expect(r.diagnostics.map((d) => d.code)).not.toContain('received-unparsed');
    }
    expect(parseReceived('via switchmail; Mon, 8 Jun 1992 14:51:35 -0500').via).toBe('switchmail');
  });

  it('every form row names itself and shows an example that parses', () => {
    for (const form of FROM_COMMENT_FORMS) {
      expect(form.name).not.toBe('');
      expect(form.example).toMatch(/\(/);
    }
  });
});

describe('parseReceived: adversarial input', () => {
  // Best of two runs: the bound is about the algorithm (no quadratic path), not a cold JIT on a busy machine.
  const fast = (value: string) => {
    let best = Number.POSITIVE_INFINITY;
    let r = parseReceived('');
    for (let run = 0; run < 2; run++) {
      const t0 = performance.now();
      r = parseReceived(value);
      best = Math.min(best, performance.now() - t0);
    }
    expect(best).toBeLessThan(100);
    return r;
  };

  it('200 KB single header', () => {
    const r = fast(
      `from a (b [192.0.2.1]) by c ${'(x y z) '.repeat(25_000)} with ESMTP id 1; Mon, 1 Jan 2024 00:00:00 +0000`,
    );
    expect(r.from.ip).toBe('192.0.2.1');
  });

  it('10,000 nested comment parens, closed and unclosed', () => {
    expect(fast(`from a ${'('.repeat(10_000)}x${')'.repeat(10_000)} by b;`).by.host).toBe('b');
    const open = fast(`from a (b [192.0.2.1]) by c ${'('.repeat(10_000)}`);
    expect(open.diagnostics.some((d) => d.code === 'received-malformed')).toBe(true);
  });

  it.each([
    'from a ((b [192.0.2.1]) by c;',
    'from a (b [192.0.2.1 by c;',
    'from a "b by c;',
    'from a ))) ]]] >>> by c;',
    'from a\u0000(b\u0000[192.0.2.1]) by\u0000c;',
    '\\',
    '((((',
    '[[[[',
    '""""',
  ])('unbalanced or NUL input: %j', (value) => {
    const r = fast(value);
    expect(r.diagnostics).toBeInstanceOf(Array);
  });

  it('many "<" with white space after them stay linear', () => {
    fast(`by a for ${'< x'.repeat(70_000)}`);
    fast(`by a for <${' x'.repeat(100_000)}`);
    expect(fast(`by a for ${'<x y '.repeat(50_000)}>`).for).toBe('x');
  });

  it('many semicolons and keywords stay linear', () => {
    fast(';'.repeat(200_000));
    fast('by '.repeat(70_000));
    fast('[1.2.3.4]:'.repeat(20_000));
  });
});
