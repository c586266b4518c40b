import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';

// Synthetic header blocks in the real forms each MTA writes (documentation IPs and example domains).
// Each case asserts what a user reads first: the handoff IP, its confidence, the origin, and the zones.

const zones = (text: string) => analyze(text).hops.map((h) => h.zone);

describe('Microsoft 365 recipient', () => {
  const m365 = `Received: from SA3PR19MB7370.namprd19.prod.outlook.com (::1) by MN0PR19MB6312.namprd19.prod.outlook.com with HTTPS; Tue, 19 Sep 2023 18:36:46 +0000
Received: from BN0PR03CA0023.namprd03.prod.outlook.com (2603:10b6:408:e6::28) by SA3PR19MB7370.namprd19.prod.outlook.com (2603:10b6:806:31d::21) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6792.27; Tue, 19 Sep 2023 18:36:45 +0000
Received: from BN8NAM11FT066.eop-nam11.prod.protection.outlook.com (2603:10b6:408:e6:cafe::23) by BN0PR03CA0023.outlook.office365.com (2603:10b6:408:e6::28) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6792.28 via Frontend Transport; Tue, 19 Sep 2023 18:36:45 +0000
Authentication-Results: spf=fail (sender IP is 203.0.113.45) smtp.mailfrom=bank.example; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=bank.example;compauth=fail reason=001
Received-SPF: Fail (protection.outlook.com: domain of bank.example does not designate 203.0.113.45 as permitted sender) receiver=protection.outlook.com; client-ip=203.0.113.45; helo=mailer.example.net;
Received: from mailer.example.net (203.0.113.45) by BN8NAM11FT066.mail.protection.outlook.com (10.13.177.116) with Microsoft SMTP Server id 15.20.6813.19 via Frontend Transport; Tue, 19 Sep 2023 18:36:44 +0000
Received: from [198.51.100.7] (helo=client) by mailer.example.net with esmtpa (Exim 4.96) (envelope-from <x@mailer.example.net>) id 1qi; Tue, 19 Sep 2023 18:36:40 +0000
From: "Bank" <alerts@bank.example>
Subject: Your account
X-Sender-IP: 203.0.113.45
`;

  it('finds the handoff Microsoft states, with high confidence and its confirmations', () => {
    const a = analyze(m365);
    expect(a.handoff?.ip).toBe('203.0.113.45');
    expect(a.handoff?.confidence).toBe('high');
    expect(a.handoff?.confirmedBy).toEqual(
      expect.arrayContaining(["Authentication-Results 'sender IP is'", 'Received-SPF client-ip', 'X-Sender-IP']),
    );
    expect(a.origin?.ip).toBe('198.51.100.7');
    expect(zones(m365)).toEqual(['sender', 'handoff', 'recipient', 'recipient', 'recipient']);
  });

  it('trusts the Microsoft A-R without authserv-id and reads its verdicts', () => {
    const a = analyze(m365);
    expect(a.auth.results[0]!.trusted).toBe(true);
    expect(a.auth.spf?.result).toBe('fail');
    expect(a.auth.dmarc?.result).toBe('fail');
    expect(a.auth.compauth?.result).toBe('fail');
    expect(a.summary.verdict).toBe('danger');
  });

  it('flags a stated IP that no hop shows', () => {
    const a = analyze(m365.replace('X-Sender-IP: 203.0.113.45', 'X-Sender-IP: 192.0.2.99'));
    expect(a.handoff?.ip).toBe('203.0.113.45');
    expect(a.flags.map((f) => f.id)).toContain('handoff-claim-disagrees');
  });

  it('treats another tenant’s outbound EOP as outside (M365 to M365)', () => {
    const text = `Received: from BN8NAM11FT066.eop-nam11.prod.protection.outlook.com (2603:10b6:408:e6:cafe::23) by BN0PR03CA0023.outlook.office365.com (2603:10b6:408:e6::28) with Microsoft SMTP Server id 15.20.6792.28; Tue, 19 Sep 2023 18:36:45 +0000
Received: from NAM12-DM6-obe.outbound.protection.outlook.com (40.107.192.100) by BN8NAM11FT066.mail.protection.outlook.com (10.13.177.116) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6813.19; Tue, 19 Sep 2023 18:36:44 +0000
Received: from DM6PR11MB1234.namprd11.prod.outlook.com (2603:10b6:5:1b4::11) by DM6PR11MB5678.namprd11.prod.outlook.com (2603:10b6:5:2a1::9) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6813.20; Tue, 19 Sep 2023 18:36:43 +0000
Received: from DM6PR11MB1234.namprd11.prod.outlook.com ([fe80::1:2:3:4]) by DM6PR11MB1234.namprd11.prod.outlook.com ([fe80::1:2:3:4%5]) with mapi id 15.20.6813.20; Tue, 19 Sep 2023 18:36:43 +0000
From: a@tenant.example
`;
    const a = analyze(text);
    expect(a.handoff?.ip).toBe('40.107.192.100');
    // The sending tenant's mailbox server is the origin; the fe80 mapi self-hop never is.
    expect(a.origin?.ip).toBe('2603:10b6:5:1b4::11');
  });
});

describe('Microsoft 365 to Microsoft 365, the sending tenant’s hops stripped', () => {
  // The recipient's fields above its edge's Received, then X-IncomingTopHeaderMarker and what arrived with
  // the message: the sending tenant's own X-MS-Exchange-Authentication-Results and Received-SPF about the
  // connection into it (sample-6021's layout in the phishing_pot repository, outside ../shared).
  const text = (
    below: string,
  ) => `Received: from SJ2PR10MB1111.namprd10.prod.outlook.com (2603:10b6:a03:57c::5) by MW4PR10MB5749.namprd10.prod.outlook.com with HTTPS; Thu, 30 Oct 2025 10:02:40 +0000
Received: from AMS0EPF00000195.eurprd05.prod.outlook.com (2603:10a6:20b:2f3:cafe::e6) by AS8PR04CA0206.outlook.office365.com (2603:10a6:20b:2f3::31) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.9275.12 via Frontend Transport; Thu, 30 Oct 2025 10:02:38 +0000
Authentication-Results: spf=pass (sender IP is 52.102.133.63) smtp.mailfrom=tenant.example; dkim=none (message not signed) header.d=none;dmarc=pass action=none header.from=tenant.example;compauth=pass reason=100
Received-SPF: Pass (protection.outlook.com: domain of tenant.example designates 52.102.133.63 as permitted sender) receiver=protection.outlook.com; client-ip=52.102.133.63; helo=CY3PR05CU001.outbound.protection.outlook.com;
Received: from CY3PR05CU001.outbound.protection.outlook.com (52.102.133.63) by AMS0EPF00000195.mail.protection.outlook.com (10.167.16.215) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.9275.10 via Frontend Transport; Thu, 30 Oct 2025 10:02:38 +0000
X-IncomingTopHeaderMarker: OriginalChecksum:A9ED;UpperCasedChecksum:800E;SizeAsReceived:6005;Count:31
${below}From: news@tenant.example
Subject: Newsletter
X-Sender-IP: 52.102.133.63
`;
  const sendingTenant = `X-MS-Exchange-Authentication-Results: spf=pass (sender IP is 203.0.113.72) smtp.mailfrom=tenant.example; dkim=none (message not signed) header.d=none;dmarc=pass action=none header.from=tenant.example;
Received-SPF: Pass (protection.outlook.com: domain of tenant.example designates 203.0.113.72 as permitted sender) receiver=protection.outlook.com; client-ip=203.0.113.72; helo=app.tenant.example;
`;

  it('hands off from the tenant’s outbound EOP, and the sending tenant’s own claims below do not contradict it', () => {
    const a = analyze(text(sendingTenant));
    expect(a.handoff?.ip).toBe('52.102.133.63');
    expect(a.handoff?.confidence).toBe('high');
    expect(a.flags.map((f) => f.id)).not.toContain('handoff-claim-disagrees');
  });

  it('still flags a recipient claim above the handoff that names another IP', () => {
    const a = analyze(text(sendingTenant).replace('X-Sender-IP: 52.102.133.63', 'X-Sender-IP: 192.0.2.99'));
    expect(a.handoff?.ip).toBe('52.102.133.63');
    expect(a.flags.map((f) => f.id)).toContain('handoff-claim-disagrees');
  });

  it('takes a claim below the handoff as a confirmation (Outlook.com’s older layout moved its Received-SPF down)', () => {
    const bare = text('')
      .replace(/^Authentication-Results:.*\n^Received-SPF:.*\n/m, '')
      .replace(/^X-Sender-IP:.*\n/m, '');
    expect(analyze(bare).handoff?.confidence).toBe('medium');
    const below = analyze(
      text(
        'received-spf: Pass (protection.outlook.com: domain of tenant.example designates 52.102.133.63 as permitted sender) receiver=protection.outlook.com; client-ip=52.102.133.63;\n',
      )
        .replace(/^Authentication-Results:.*\n^Received-SPF:.*\n/m, '')
        .replace(/^X-Sender-IP:.*\n/m, ''),
    );
    expect(below.handoff?.ip).toBe('52.102.133.63');
    expect(below.handoff?.confidence).toBe('high');
  });
});

describe('Gmail recipient', () => {
  const gmail = `Delivered-To: victim@gmail.com
Received: by 2002:a05:6a10:c614:b0:4b3:9f2c:1234 with SMTP id ab20csp123456pxb; Mon, 6 May 2024 03:02:11 -0700 (PDT)
X-Received: by 2002:a17:90a:1234:b0:2b2:1234:5678 with SMTP id x1mr123; Mon, 06 May 2024 03:02:10 -0700 (PDT)
Received: from mail.sender.example (mail.sender.example. [198.51.100.20]) by mx.google.com with ESMTPS id s12-20020a170902; Mon, 06 May 2024 03:02:10 -0700 (PDT)
Received-SPF: pass (google.com: domain of news@sender.example designates 198.51.100.20 as permitted sender) client-ip=198.51.100.20;
Authentication-Results: mx.google.com; dkim=pass header.i=@sender.example header.s=s1 header.b=abc; spf=pass (google.com: domain of news@sender.example designates 198.51.100.20 as permitted sender) smtp.mailfrom=news@sender.example; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=sender.example
Received: from [10.0.0.5] (client.isp.example [192.0.2.77]) by mail.sender.example (Postfix) with ESMTPSA id 4VY; Mon, 6 May 2024 10:02:08 +0000 (UTC)
Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=forged.example
From: News <news@sender.example>
Subject: hello
Date: Mon, 6 May 2024 10:02:07 +0000
Message-ID: <1@sender.example>
`;

  it('takes the handoff from Google’s statement and the verdicts from its A-R only', () => {
    const a = analyze(gmail);
    expect(a.handoff?.ip).toBe('198.51.100.20');
    expect(a.handoff?.confidence).toBe('high');
    expect(a.origin?.ip).toBe('192.0.2.77');
    expect(a.auth.dmarc?.result).toBe('pass');
    expect(a.auth.alignment.dkimAligned).toBe(true);
    const ids = a.flags.map((f) => f.id);
    expect(ids).toContain('dmarc-aligned-pass');
    // The second A-R claims mx.google.com from below the handoff: it arrived with the message.
    expect(a.auth.results[1]!.trusted).toBe(false);
    expect(ids).toContain('injected-auth-results');
  });
});

describe('Gmail recipient, the message imported again through the Gmail API', () => {
  // The import re-checks the message and writes a new field on top (DKIM no longer verifies); the first
  // delivery's field stays below Gmail's edge Received, and Gmail's ARC set i=1 sealed the same results.
  const reimported = (earlier: string) => `Authentication-Results: mx.google.com;
       dkim=fail header.i=@sender.example header.s=s1 header.b=abc
Received: from 1234567890 named unknown by gmailapi.google.com with HTTPREST; Mon, 6 May 2024 03:05:00 -0700
Received: by 2002:a05:6400:1234:0:0:0:0 with SMTP id x1csp123; Mon, 6 May 2024 03:02:11 -0700 (PDT)
ARC-Authentication-Results: i=1; mx.google.com;
       dkim=pass header.i=@sender.example header.s=s1 header.b=abc;
       spf=pass (google.com: domain of news@sender.example designates 198.51.100.20 as permitted sender) smtp.mailfrom=news@sender.example
Received: from mail.sender.example (mail.sender.example. [198.51.100.20]) by mx.google.com with ESMTPS id s12-20020a170902; Mon, 06 May 2024 03:02:10 -0700 (PDT)
Received-SPF: pass (google.com: domain of news@sender.example designates 198.51.100.20 as permitted sender) client-ip=198.51.100.20;
Authentication-Results: mx.google.com;
       dkim=pass header.i=@sender.example header.s=s1 header.b=abc;
       ${earlier}
Received: from [10.0.0.5] (client.isp.example [192.0.2.77]) by mail.sender.example (Postfix) with ESMTPSA id 4VY; Mon, 6 May 2024 10:02:08 +0000 (UTC)
From: News <news@sender.example>
Date: Mon, 6 May 2024 10:02:07 +0000
`;

  it('reads the first delivery’s field as Gmail’s earlier verdict, not an injected copy', () => {
    const a = analyze(
      reimported(
        'spf=pass (google.com: domain of news@sender.example designates 198.51.100.20 as permitted sender) smtp.mailfrom=news@sender.example',
      ),
    );
    expect(a.flags.map((f) => f.id)).not.toContain('injected-auth-results');
    const earlier = a.auth.results.find((r) => r.kind === 'authentication-results' && r.header > 0);
    expect(earlier?.trusted).toBe(false);
    expect(earlier?.trustReason).toContain('earlier verdict');
    // The verdict is the topmost field's.
    expect(a.auth.dkim?.[0]?.result).toBe('fail');
    expect(a.handoff?.ip).toBe('198.51.100.20');
  });

  it('still flags a field there that claims more than Gmail’s own ARC set sealed', () => {
    const a = analyze(reimported('spf=pass smtp.mailfrom=news@sender.example; dmarc=pass header.from=sender.example'));
    expect(a.flags.map((f) => f.id)).toContain('injected-auth-results');
  });
});

describe('Amazon SES receiving or WorkMail recipient', () => {
  // SES receiving's form (the receipt notification in AWS's SES developer guide): one hop, no stated IP.
  const fromSes = `Received: from a9-183.smtp-out.amazonses.com (a9-183.smtp-out.amazonses.com [54.240.9.183]) by inbound-smtp.us-east-1.amazonaws.com with SMTP id d6iitobk75ur44p8kdnnp7g2n800 for recipient@example.com; Fri, 11 Sep 2015 20:32:33 +0000 (UTC)
From: sender@example.com
`;

  it('hands off from another customer’s SES sending host', () => {
    const a = analyze(fromSes);
    expect(a.handoff?.ip).toBe('54.240.9.183');
    expect(a.origin?.ip).toBe('54.240.9.183');
  });

  it('hands off from an EC2 instance, a customer’s own machine', () => {
    const a = analyze(
      fromSes.replace(
        'a9-183.smtp-out.amazonses.com (a9-183.smtp-out.amazonses.com [54.240.9.183])',
        'mail.example.net (ec2-192-0-2-7.compute-1.amazonaws.com [192.0.2.7])',
      ),
    );
    expect(a.handoff?.ip).toBe('192.0.2.7');
  });
});

describe('a message submitted to an email service by SMTP', () => {
  // Mailgun's form (Nodemailer's test message in mailauth's fixtures; list posts in lore.kernel.org): the SMTP
  // submission host is under postgun.com, the host that sends the message on under mailgun.net.
  const text = `Received: from m32-19.eu.mailgun.net (m32-19.eu.mailgun.net. [141.193.32.19])
        by mx.google.com with UTF8SMTPS id g1si832311edh.491.2020.11.06.04.54.05
        for <someone@gmail.com>
        (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128);
        Fri, 06 Nov 2020 04:54:06 -0800 (PST)
Received-SPF: pass (google.com: domain of bounce@mg.example.com designates 141.193.32.19 as permitted sender) client-ip=141.193.32.19;
Received: from [127.0.0.1] (host.example.net [198.51.100.7])
 by smtp-out-n04.prod.eu-central-1.postgun.com with SMTP id
 5fa547684432cd880f339347 (version=TLS1.3, cipher=TLS_AES_128_GCM_SHA256);
 Fri, 06 Nov 2020 12:54:00 GMT
X-Mailgun-Sending-Ip: 141.193.32.19
From: sender@example.com
`;

  it('links the submission host to the sending host: the client that submitted it is the origin, no break', () => {
    const a = analyze(text);
    expect(a.handoff?.ip).toBe('141.193.32.19');
    expect(a.origin?.ip).toBe('198.51.100.7');
    expect(a.flags.map((f) => f.id)).not.toContain('chain-broken');
    expect(zones(text)).toEqual(['sender', 'handoff']);
  });
});

describe('a mail provider forwarding its user’s mail to the user’s own server', () => {
  // Yahoo's bullet relays (NNFMP) hand a yahoo.com user's mail to the server it is forwarded to, which
  // records the yahoo.com address in its 'for' (Postfix, then an internal relay).
  const text = `Received: from 10.6.1.53 (EHLO gate.example.net) ([10.6.1.53]) by ws1.example.net with ESMTP id 18268234 for <user@yahoo.com>; Wed, 08 Jul 2015 19:35:41 +0000 (UTC)
Received: from nm2-vm2.bullet.mail.ne1.yahoo.com (nm2-vm2.bullet.mail.ne1.yahoo.com [98.138.91.18]) by gate.example.net (Postfix) with ESMTPS id 5CA816007B for <user@yahoo.com>; Wed,  8 Jul 2015 19:35:28 +0000 (UTC)
Received: from [98.138.226.176] by nm2.bullet.mail.ne1.yahoo.com with NNFMP; 08 Jul 2015 19:35:27 -0000
Received: from [98.138.226.56] by tm11.bullet.mail.ne1.yahoo.com with NNFMP; 08 Jul 2015 19:35:27 -0000
From: someone@example.org
`;

  it('hands off from the provider’s relay, not from inside the provider', () => {
    const a = analyze(text);
    expect(a.handoff?.ip).toBe('98.138.91.18');
    expect(a.origin?.ip).toBe('98.138.226.56');
  });
});

describe('a relay whose reverse DNS is in the recipient’s mail domain', () => {
  // The recipient's own MX forwarding to the mailbox host signs its Received with its own name; a list
  // server whose reverse DNS reads as the subscriber's domain signs with its operator's (the SpamAssassin
  // public corpus, where the anonymiser renamed listman.redhat.com's PTR into the owner's domain).
  const text = (
    below: string,
  ) => `Received: from listhub.home.example (listhub.home.example [198.51.100.20]) by store.mailhost.example (Postfix) with ESMTP id 1 for <me@home.example>; Thu, 22 Aug 2002 16:35:22 +0100
Received: from listhub.home.example (localhost.localdomain [127.0.0.1]) by ${below} (Postfix) with ESMTP id 2; Thu, 22 Aug 2002 11:35:26 -0400
Received: from sender.example.net (sender.example.net [203.0.113.5]) by ${below} (Postfix) with ESMTP id 3 for <list@lists.example.org>; Thu, 22 Aug 2002 11:35:01 -0400
From: someone@example.net
`;

  it('is the recipient’s MX when it names itself in the recipient’s domain', () => {
    expect(analyze(text('listhub.home.example')).handoff?.ip).toBe('203.0.113.5');
  });

  it('is the other organisation’s server when it names itself there', () => {
    const a = analyze(text('listhub.lists.example.org'));
    expect(a.handoff?.ip).toBe('198.51.100.20');
    expect(a.origin?.ip).toBe('203.0.113.5');
  });
});

describe('Gmail forwarding a user’s mail to the user’s own server', () => {
  // Gmail's forwarding form: its relay is named under 1e100.net, Google's name for its servers, and the
  // hops below are Gmail's own (2002:… internal, mx.google.com inbound, smtp.gmail.com submission).
  const text = `Received: from 64.r1.unverified-forwarding.1e100.net (64.r1.unverified-forwarding.1e100.net [108.177.16.64]) by mail.example.net (8.16.1/8.16.1) with ESMTPS id 645BjaLE133344 for <user@example.net>; Tue, 5 May 2026 06:45:38 -0500
Received: by 64.r1.unverified-forwarding.1e100.net with SMTP id a640c23a62f3a-ba2690be1f7so77389366b.3 for <user@example.net>; Tue, 05 May 2026 04:45:37 -0700 (PDT)
Received: by 2002:a54:324b:0:b0:2d0:8c76:575a with SMTP id g11csp2213135ecs; Tue, 5 May 2026 04:45:28 -0700 (PDT)
Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id 6a1803df08f44-8b538a291cfsor85318706d6.4.2026.05.05.04.45.28 for <user@gmail.example> (Google Transport Security); Tue, 05 May 2026 04:45:28 -0700 (PDT)
Received: from client.example.org (client.example.org. [192.0.2.65]) by smtp.gmail.com with ESMTPSA id 6a1803df08f44-8b534ac8ef3sm153752316d6.0.2026.05.05.04.45.26 for <user@gmail.example> (version=TLS1_2 cipher=ECDHE-ECDSA-AES128-GCM-SHA256 bits=128/128); Tue, 05 May 2026 04:45:26 -0700 (PDT)
From: sender@gmail.example
`;

  it('follows the chain through Gmail to the client that submitted the message', () => {
    const a = analyze(text);
    expect(a.handoff?.ip).toBe('108.177.16.64');
    expect(a.origin?.ip).toBe('192.0.2.65');
    expect(a.flags.map((f) => f.id)).not.toContain('chain-broken');
  });
});

describe('a site whose servers know each other by bare names', () => {
  // A university's qmail and Exim relays: Exim records its peer by the short name its hosts file gives.
  const site = (peer: string) => `Received: (qmail 27591 invoked by uid 9804); 26 May 2003 18:10:50 +0200
Received: From relay.cs.example.edu (198.51.100.22)
  by alpha.math.example.edu with SMTP; 26 May 2003 18:10:46 +0200
Received: from ${peer}
\tby relay.cs.example.edu with smtp (Exim 3.35 #1 (Debian))
\tid 19KKYe-0000Yi-00; Mon, 26 May 2003 18:10:44 +0200
Received: From outside.example.net (HELO outside) (203.0.113.36)
  by alpha.math.example.edu with SMTP; 26 May 2003 18:10:40 +0200
From: someone@example.net
`;

  it('takes a bare rDNS naming a server that wrote a hop above for one of the recipient’s machines', () => {
    const a = analyze(site('alpha ([198.51.100.10] helo=math.example.edu)'));
    expect(a.handoff?.ip).toBe('203.0.113.36');
    expect(a.hops.map((h) => h.zone)).toEqual(['handoff', 'recipient', 'recipient', 'recipient']);
  });

  it('not a bare name that is only the peer’s HELO, nor one no server above bears', () => {
    expect(analyze(site('[198.51.100.10] (helo=alpha)')).handoff?.ip).toBe('198.51.100.10');
    expect(analyze(site('beta ([198.51.100.10] helo=math.example.edu)')).handoff?.ip).toBe('198.51.100.10');
  });
});

describe('self-hosted recipient (Postfix behind fetchmail)', () => {
  const text = `Received: from localhost (localhost [127.0.0.1]) by desk.home.example (Postfix) with ESMTP id 3696216F92 for <me@localhost>; Fri,  6 Sep 2002 11:41:50 +0100 (IST)
Received: from imap.home.example [192.0.2.10] by localhost with IMAP (fetchmail-5.9.0) for me@localhost (single-drop); Fri, 06 Sep 2002 11:41:50 +0100 (IST)
Received: from lists.example.org (lists.example.org [198.51.100.66]) by mx.home.example (8.11.6/8.11.6) with ESMTP id g869pnC29052 for <me@home.example>; Fri, 6 Sep 2002 10:51:49 +0100
Received: from lists.example.org (localhost [127.0.0.1]) by lists.example.org (Postfix) with ESMTP id 1; Fri, 6 Sep 2002 05:50:01 -0400
Received: from mail.friend.example (mail.friend.example [203.0.113.9]) by lists.example.org (Postfix) with ESMTP id 2 for <list@example.org>; Fri, 6 Sep 2002 05:49:58 -0400
Received: from laptop (dsl.isp.example [192.0.2.200]) by mail.friend.example (Postfix) with ESMTPSA id 3; Fri, 6 Sep 2002 09:49:50 +0000
Received: from forged.example ([192.0.2.123]) by mx.bank.example with SMTP; Fri, 6 Sep 2002 09:40:00 +0000
From: friend@friend.example
Subject: s
`;
  it('walks through the mailbox fetch to the list server’s connection', () => {
    const a = analyze(text);
    expect(a.handoff?.ip).toBe('198.51.100.66');
    // Structural, not stated by the recipient: medium at best, and low here because 198.51.100.0/24 is a
    // documentation range, not a routable address.
    expect(a.handoff?.confidence).toBe('low');
    expect(a.origin?.ip).toBe('192.0.2.200');
  });

  it('does not trust a hop that does not link to the one above it', () => {
    const a = analyze(text);
    expect(a.hops[0]!.zone).toBe('unverified');
    expect(a.flags.map((f) => f.id)).toContain('chain-broken');
  });

  it('accepts hosts the user declares as their own', () => {
    const a = analyze(text, { trustedHosts: ['lists.example.org'] });
    expect(a.handoff?.ip).toBe('203.0.113.9');
  });
});

describe('locally generated mail', () => {
  it('has no handoff when no hop came from outside', () => {
    const a =
      analyze(`Received: (from root@localhost) by server.example (8.11.6/8.11.6) id g42ALed09782 for root; Thu, 2 May 2002 11:21:40 +0100
From: root@server.example
`);
    expect(a.handoff).toBeNull();
    expect(a.origin).toBeNull();
    expect(a.hops[0]!.zone).toBe('recipient');
  });
});

describe('receivers that write only their address', () => {
  // MailEnable's form (sisimai set-of-emails lhost-office365-01, documentation addresses there already).
  it('still hand off from the peer of the newest such hop', () => {
    const a =
      analyze(`Received: from aaaa00-bb0-ccc.outbound.protection.outlook.com ([192.0.2.1]) by 192.0.2.4 with MailEnable ESMTP; Thu, 29 Apr 2015 23:34:45 +0900
From: <postmaster@example.com>
`);
    expect(a.handoff?.ip).toBe('192.0.2.1');
    expect(a.handoff?.confidence).toBe('low');
    expect(a.hops[0]!.zone).toBe('handoff');
  });

  it('have no handoff when their hops name no peer (a bounce Gmail wrote inside)', () => {
    const a = analyze(`Received: by 10.194.5.104 with SMTP id x; Thu, 29 Apr 2015 23:34:45 -0700 (PDT)
Received: by 10.70.22.98 with SMTP id y; Thu, 29 Apr 2015 23:34:44 -0700 (PDT)
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
`);
    expect(a.handoff).toBeNull();
    expect(a.hops.map((h) => h.zone)).toEqual(['recipient', 'recipient']);
  });
});

describe('local delivery steps at the top of the chain', () => {
  // Dovecot's LMTP delivery above the recipient's edge Postfix, as a self-hosted mailbox writes them
  // (public-inbox archive of a linaro.org list delivered to a private server; names and addresses replaced).
  const message = (top: string) => `Received: ${top}
Received: from lists.example.org (lists.example.org [192.0.2.118])
\tby mail.example.net (Postfix) with ESMTPS id 49719698ED5
\tfor <lists@example.net>; Wed, 17 Jun 2026 13:17:50 +0200 (CEST)
Authentication-Results: mail.example.net;
\tspf=pass (mail.example.net: domain of bounces@lists.example.org designates 192.0.2.118 as permitted sender) smtp.mailfrom=bounces@lists.example.org
Received: from lists.example.org (localhost [127.0.0.1])
\tby lists.example.org (Postfix) with ESMTP id 5F0BF40A6F
\tfor <lists@example.net>; Wed, 17 Jun 2026 11:17:49 +0000 (UTC)
From: someone@example.com
`;

  it('a machine handing the message to itself with no address (Dovecot LMTP) is no handoff', () => {
    const a = analyze(
      message(
        `from mail.example.net\n\tby mail.example.net with LMTP\n\tid zmczJV6CMmqg1AUAu9opvQ\n\tfor <lists@example.net>; Wed, 17 Jun 2026 13:17:50 +0200`,
      ),
    );
    // The recipient's own Authentication-Results below its delivery step is its verdict, not a forgery.
    expect(a.flags.map((f) => f.id)).not.toContain('injected-auth-results');
    expect(a.handoff?.ip).toBe('192.0.2.118');
    expect(a.hops.map((h) => h.zone)).toEqual(['sender', 'handoff', 'recipient']);
  });

  it('any LMTP hop is a delivery inside the recipient (RFC 2033), whatever the names', () => {
    const a = analyze(
      message(
        `from filter.example-hosting.com (filter.example-hosting.com [198.51.100.7])\n\tby store.example.net (Cyrus v3.4) with LMTPA;\n\tWed, 17 Jun 2026 13:17:51 +0200`,
      ),
    );
    expect(a.handoff?.ip).toBe('192.0.2.118');
  });

  it('a named peer without an address that is not the receiver itself is still judged as before', () => {
    const a = analyze(
      message(`from relay.example.com\n\tby mail.example.net with ESMTP; Wed, 17 Jun 2026 13:17:51 +0200`),
    );
    expect(a.handoff).toBeNull();
  });
});

describe('a long wait before a hop', () => {
  // A mailing list holding a post for moderation (SpamAssassin public corpus spam_2/00789, names replaced):
  // the list host takes the post in, keeps it ten days, and its manager hands it back to the same host
  // over loopback.
  const message = (releasedFrom: string) => `Received: from lists.example.org (root@lists.example.org [192.0.2.45]) by
    mx.example.net (8.11.6/8.11.6) with ESMTP id g6U9mLq18864 for <u@example.net>; Tue, 30 Jul 2002 10:48:21 +0100
Received: from lists (www-data@localhost [${releasedFrom}]) by lists.example.org
    (8.9.3/8.9.3) with ESMTP id KAA29302; Tue, 30 Jul 2002 10:46:44 +0100
Received: from relay.example.com (relay.example.com [198.51.100.124]) by
    lists.example.org (8.9.3/8.9.3) with ESMTP id DAA13052 for <list@example.org>; Sat, 20 Jul 2002 03:25:06 +0100
Received: from HELLO ([203.0.113.132]) by relay.example.com (8.9.3/8.9.3)
    with SMTP id DAA19639 for <list@example.org>; Sat, 20 Jul 2002 03:25:00 +0100
From: someone@example.com
`;

  it('is the host’s own when that host then hands the message to itself over loopback (list moderation)', () => {
    const a = analyze(message('127.0.0.1'));
    expect(a.handoff?.ip).toBe('192.0.2.45');
    expect(a.flags.map((f) => f.id)).not.toContain('chain-broken');
    expect(a.origin?.ip).toBe('203.0.113.132');
  });

  it('is the site’s own when the host then takes the message back from a machine on its private network', () => {
    // Mailman 3 on its own LAN machine: the MTA hands the post to it, and it posts the message back after moderation.
    const a = analyze(message('10.254.0.10'));
    expect(a.flags.map((f) => f.id)).not.toContain('chain-broken');
    expect(a.origin?.ip).toBe('203.0.113.132');
  });

  it('still breaks the chain when the hop after the wait came from another machine', () => {
    const a = analyze(message('192.0.2.46'));
    expect(a.flags.map((f) => f.id)).toContain('chain-broken');
    expect(a.hops.find((h) => h.from.ip === '203.0.113.132')?.zone).toBe('unverified');
  });
});

describe('a machine talking to itself over loopback', () => {
  // Proofpoint's re-injection as IBM's outbound mail shows it (public-inbox archive of linux-integrity;
  // addresses replaced): the filter hands the message back to the MTA of the same machine twice over
  // loopback, under three names. The hop below names the MTA, not the name the filter's hop gave.
  const message = `Received: from mx0b-001b2d01.pphosted.com (mx0b-001b2d01.pphosted.com [192.0.2.5])
\tby mx.example.org (Postfix) with ESMTPS id 8C4831EC55; Thu, 17 Feb 2022 06:46:27 -0800 (PST)
Received: from pps.reinject (localhost [127.0.0.1])
\tby mx0b-001b2d01.pphosted.com with ESMTP id 3e9pp9jyub-1; Thu, 17 Feb 2022 14:46:16 +0000
Received: from m0098419.ppops.net (m0098419.ppops.net [127.0.0.1])
\tby pps.reinject (8.16.0.43/8.16.0.43) with SMTP id 21HDLRhP005490; Thu, 17 Feb 2022 14:46:16 GMT
Received: from ppma06fra.de.ibm.com (48.49.7a9f.ip4.static.sl-reverse.com [198.51.100.72])
\tby mx0b-001b2d01.pphosted.com with ESMTP id 3e9pp9jytw-1; Thu, 17 Feb 2022 14:46:15 +0000
From: someone@example.com
`;

  it('lets a hop below name any of that machine’s names', () => {
    const a = analyze(message);
    expect(a.handoff?.ip).toBe('192.0.2.5');
    expect(a.flags.map((f) => f.id)).not.toContain('chain-broken');
    expect(a.origin?.ip).toBe('198.51.100.72');
  });

  it('still breaks the chain at a hop below that names another machine', () => {
    const a = analyze(
      message.replace(
        'by mx0b-001b2d01.pphosted.com with ESMTP id 3e9pp9jytw-1',
        'by relay.example.net with ESMTP id 3e9pp9jytw-1',
      ),
    );
    expect(a.flags.map((f) => f.id)).toContain('chain-broken');
    expect(a.origin?.ip).not.toBe('198.51.100.72');
  });
});

describe('a gateway’s internal stage with no peer', () => {
  // An Exim-based filtering gateway re-injects the message under a new id: the hop from the old id, a bare
  // `by <mailer>; date` step with no from, and the hop where the gateway first received it, both written by
  // the gateway's own name.
  const message = `Received: from smtp-out.gateway.example (192.0.2.10) by mx.recipient.example (Postfix) with ESMTPS id 4AbCd; Mon, 10 Feb 2025 22:22:39 +0000
Received: from 1abcDe-0000000Abcd-XyZw by out.gateway.example with gw-ok (Exim 4.98) id 1abcDf-0000000Abce-QrSt for user@recipient.example; Mon, 10 Feb 2025 14:22:38 -0800
Received: by gwmailer; Mon, 10 Feb 2025 14:22:38 -0800
Received: from [198.51.100.20] (helo=mta.sender.example) by out.gateway.example with esmtps (Exim 4.98) id 1abcDe-0000000Abcd-XyZw; Mon, 10 Feb 2025 14:22:26 -0800
From: someone@sender.example
`;

  it('neither links nor breaks between two hops the same host wrote', () => {
    const a = analyze(message);
    expect(a.handoff?.ip).toBe('192.0.2.10');
    expect(a.flags.map((f) => f.id)).not.toContain('chain-broken');
    expect(a.origin?.ip).toBe('198.51.100.20');
  });

  it('still breaks the chain when the hop below it was written by another host', () => {
    const a = analyze(message.replace('by out.gateway.example with esmtps', 'by relay.example.net with esmtps'));
    expect(a.flags.map((f) => f.id)).toContain('chain-broken');
    expect(a.origin?.ip).toBe('192.0.2.10');
  });
});

describe('an ISP relay known only by a placeholder name', () => {
  // iPlanet Messaging Server writes 'by l-daemon' on every internal relay (shaw.ca in the SpamAssassin public
  // corpus); the relay that hands the message on is named by its HELO in the ISP's domain and by a reverse DNS
  // in the ISP's cable domain.
  const text = (
    helo: string,
  ) => `Received: from ${helo} (h24-71.cable.example [203.0.113.13]) by mx.home.example (8.11.6/8.11.6) with ESMTP id g115l5329118 for <me@home.example>; Fri, 1 Feb 2002 06:47:05 +0100
Received: from relay2.isp.example (relay2-qfe3.isp.example [10.0.141.233]) by l-daemon (iPlanet Messaging Server 5.1 (built May 7 2001)) with ESMTP id <0GQU00M3PAQCDI@l-daemon> for list@lists.example.org; Thu, 31 Jan 2002 22:47:00 -0700 (MST)
Received: from isp.example (h24-86.cable.example [198.51.100.126]) by l-daemon (iPlanet Messaging Server 5.0 Patch 2 (built Dec 14 2000)) with ESMTP id <0GQU000LJAQCZJ@l-daemon> for list@lists.example.org; Thu, 31 Jan 2002 22:47:00 -0700 (MST)
From: someone@isp.example
`;

  it('is an internal relay of the ISP when the machine above names itself in the ISP by its HELO', () => {
    const a = analyze(text('relay1.isp.example'));
    expect(a.handoff?.ip).toBe('203.0.113.13');
    expect(a.origin?.ip).toBe('198.51.100.126');
  });

  it('stays unverifiable when neither name of the machine above is the ISP’s', () => {
    expect(analyze(text('relay1.other.example')).origin?.ip).toBe('203.0.113.13');
  });
});

describe('an origin in the forms of older Windows gateways', () => {
  it('is the client address Microsoft SMTPSVC writes after a dash (`from helo - ip by …`)', () => {
    const a = analyze(`Received: from relay.example.net (relay.example.net [198.51.100.20]) by mx.example.com
    (Postfix) with ESMTP id 60B77130028 for <u@example.com>; Wed, 27 Jun 2001 02:34:26 +0100 (IST)
Received: from client.example.org - 203.0.113.60 by relay.example.net  with
    Microsoft SMTPSVC(5.5.1774.114.11); Tue, 26 Jun 2001 12:17:14 +0530
From: someone@example.org
`);
    expect(a.handoff?.ip).toBe('198.51.100.20');
    expect(a.origin?.ip).toBe('203.0.113.60');
  });

  it('is the client address GFI MailEssentials writes with its port (`(ip[ip port:N])`)', () => {
    const a = analyze(`Received: from gw.example.org (gw.example.org [198.51.100.21]) by mx.example.com
    (8.11.6/8.11.6) with SMTP id g6M7gUC21459 for <list@example.com>; Mon, 22 Jul 2002 09:42:31 +0200
Received: From LOCALHOST.LOCALDOMAIN (203.0.113.70[203.0.113.70
    port:4688]) by gw.example.org Mail essentials (server 2.422) with SMTP
    id: <7700@gw.example.org> for <list@example.com>; Mon,
    22 Jul 2002 9:41:41 AM +0200 smtpmailfrom <user@example.org>
Received: (from user@localhost) by localhost.localdomain
    (8.11.6/8.11.6) id g6M7gIe29136 for list@example.com; Mon,
    22 Jul 2002 09:42:18 +0200
From: user@example.org
`);
    expect(a.handoff?.ip).toBe('198.51.100.21');
    expect(a.origin?.ip).toBe('203.0.113.70');
  });
});

describe('an origin written by Smail 3 with the address in a second from', () => {
  it('is the address the second `from` gives', () => {
    const a = analyze(`Received: from mail3.example.net (mail3.example.net [198.51.100.3]) by mx.example.com
\t(8.11.6/8.11.6) with ESMTP id g2Q0dkq01234 for <list@example.com>; Tue, 26 Mar 2002 00:39:50 +0000
Received: from debian from [203.0.113.185] by mail3.example.net
\t(/\\##/\\ Smail3.1.30.16 #30.61) with esmtp for <list@example.com> sender: <user@example.org>
\tid <mS/16pf05-003811S@mail3.example.net>; Mon, 25 Mar 2002 18:39:45 -0600 (CST)
Received: from user by debian with local (Exim 3.34 #1 (Debian))
\tid 16pfAz-0001Bg-00 for <list@example.com>; Mon, 25 Mar 2002 18:39:01 -0600
From: user@example.org
`);
    expect(a.handoff?.ip).toBe('198.51.100.3');
    expect(a.origin?.ip).toBe('203.0.113.185');
  });
});
