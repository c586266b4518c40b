// A hand-built Analysis with what the core will produce for a Microsoft 365 phish: five hops (two sender-side,
// the handoff into Exchange Online, two inside it), trusted SPF/DKIM/DMARC verdicts, flags with evidence, and
// a header whose value is an HTML injection attempt. Written by hand so the UI is tested against the schema,
// not against whatever the core happens to return today.

import type { Analysis, HeaderField, Hop } from '../../src/core/types';

export const XSS_VALUE = '<img src=x onerror=alert(1)>';

const headerLines: Array<[string, string]> = [
  [
    'Received',
    'from DM6PR11MB4657.namprd11.prod.outlook.com (2603:10b6:5:2a8::19) by SA1PR11MB8473.namprd11.prod.outlook.com with HTTPS; Tue, 4 Mar 2025 09:15:07 +0000',
  ],
  [
    'Received',
    'from BN9PR03CA0712.namprd03.prod.outlook.com (2603:10b6:408:ef::27) by DM6PR11MB4657.namprd11.prod.outlook.com (2603:10b6:5:2a8::19) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8489.28; Tue, 4 Mar 2025 09:15:06 +0000',
  ],
  [
    'Authentication-Results',
    'spf=pass (sender IP is 203.0.113.45) smtp.mailfrom=secure-docsign.example; dkim=fail (body hash did not verify) header.d=secure-docsign.example;dmarc=pass action=none header.from=secure-docsign.example;compauth=pass reason=100',
  ],
  [
    'Received',
    'from mail.secure-docsign.example (203.0.113.45) by BN2PEPF000044A8.mail.protection.outlook.com (10.167.243.102) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8511.5 via Frontend Transport; Tue, 4 Mar 2025 09:15:05 +0000',
  ],
  [
    'Received',
    'from localhost (localhost [127.0.0.1]) by mail.secure-docsign.example (Postfix) with ESMTP id 4Z6QX25Rb7z9sTc for <j.doe@contoso.example>; Tue,  4 Mar 2025 10:15:01 +0100 (CET)',
  ],
  [
    'Received',
    'from [192.168.1.23] (unknown [198.51.100.77]) (Authenticated sender: dse-notification@secure-docsign.example) by mail.secure-docsign.example (Postfix) with ESMTPSA id 4Z6QX21mN8z9sTb for <j.doe@contoso.example>; Tue,  4 Mar 2025 10:14:58 +0100 (CET)',
  ],
  ['From', '"admin@contoso.example via DocuSign" <dse-notification@secure-docsign.example>'],
  ['Reply-To', 'Contoso Payroll <payroll-update@mailbox-archive.example>'],
  ['Subject', 'Action required: review and sign "Q1 2025 Salary Adjustment.pdf"'],
  ['X-Campaign', XSS_VALUE],
];

export const headers: HeaderField[] = headerLines.map(([name, value], index) => ({
  index,
  name,
  raw: `${name}: ${value}`,
  value,
}));

function hop(partial: Omit<Hop, 'parsed' | 'raw'>): Hop {
  return { parsed: true, raw: headers[partial.header]!.value, ...partial };
}

// Oldest first: hops[0] is the submission from the sender's client.
export const hops: Hop[] = [
  hop({
    index: 0,
    header: 5,
    from: { helo: '[192.168.1.23]', ip: '198.51.100.77' },
    by: { host: 'mail.secure-docsign.example' },
    with: 'ESMTPSA',
    id: '4Z6QX21mN8z9sTb',
    for: 'j.doe@contoso.example',
    authenticated: { user: 'dse-notification@secure-docsign.example' },
    date: '2025-03-04T10:14:58+01:00',
    delaySeconds: null,
    ipScope: 'public',
    zone: 'sender',
  }),
  hop({
    index: 1,
    header: 4,
    from: { helo: 'localhost', rdns: 'localhost', ip: '127.0.0.1' },
    by: { host: 'mail.secure-docsign.example' },
    with: 'ESMTP',
    date: '2025-03-04T10:15:01+01:00',
    delaySeconds: 3,
    ipScope: 'loopback',
    zone: 'sender',
  }),
  hop({
    index: 2,
    header: 3,
    from: { helo: 'mail.secure-docsign.example', ip: '203.0.113.45' },
    by: { host: 'BN2PEPF000044A8.mail.protection.outlook.com', ip: '10.167.243.102' },
    with: 'Microsoft SMTP Server',
    via: 'Frontend Transport',
    tls: { version: 'TLS1_2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' },
    date: '2025-03-04T09:15:05+00:00',
    delaySeconds: 4,
    ipScope: 'public',
    zone: 'handoff',
  }),
  hop({
    index: 3,
    header: 1,
    from: { helo: 'BN9PR03CA0712.namprd03.prod.outlook.com', ip: '2603:10b6:408:ef::27' },
    by: { host: 'DM6PR11MB4657.namprd11.prod.outlook.com', ip: '2603:10b6:5:2a8::19' },
    with: 'Microsoft SMTP Server',
    tls: { version: 'TLS1_2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' },
    date: '2025-03-04T09:15:06+00:00',
    delaySeconds: 1,
    ipScope: 'public',
    zone: 'recipient',
  }),
  hop({
    index: 4,
    header: 0,
    from: { helo: 'DM6PR11MB4657.namprd11.prod.outlook.com', ip: '2603:10b6:5:2a8::19' },
    by: { host: 'SA1PR11MB8473.namprd11.prod.outlook.com' },
    with: 'HTTPS',
    date: '2025-03-04T09:15:07+00:00',
    delaySeconds: 1,
    ipScope: 'public',
    zone: 'recipient',
  }),
];

export function sampleAnalysis(): Analysis {
  return {
    schema: 1,
    input: { bytes: 2048, kind: 'headers', eol: 'lf', truncated: false },
    summary: {
      subject: 'Action required: review and sign "Q1 2025 Salary Adjustment.pdf"',
      from: {
        name: 'admin@contoso.example via DocuSign',
        address: 'dse-notification@secure-docsign.example',
        raw: headers[6]!.value,
      },
      replyTo: [{ name: 'Contoso Payroll', address: 'payroll-update@mailbox-archive.example', raw: headers[7]!.value }],
      hopCount: 5,
      totalDelaySeconds: 9,
      handoffIp: '203.0.113.45',
      originIp: '198.51.100.77',
      verdict: 'danger',
    },
    headers,
    hops,
    handoff: {
      hop: 2,
      ip: '203.0.113.45',
      confidence: 'high',
      reason: 'First hop into Exchange Online; Microsoft states the connecting IP',
      confirmedBy: ["Microsoft 'sender IP is'", 'Received-SPF client-ip'],
    },
    origin: { hop: 0, ip: '198.51.100.77', confidence: 'medium', reason: 'Authenticated submission (ESMTPSA)' },
    auth: {
      results: [],
      spf: { method: 'spf', result: 'pass', props: { 'smtp.mailfrom': 'secure-docsign.example' }, header: 2 },
      dkim: [
        {
          method: 'dkim',
          result: 'fail',
          reason: 'body hash did not verify',
          props: { 'header.d': 'secure-docsign.example' },
          header: 2,
        },
      ],
      dmarc: { method: 'dmarc', result: 'pass', props: { 'header.from': 'secure-docsign.example' }, header: 2 },
      receivedSpf: [],
      dkimSignatures: [],
      arcSets: [],
      alignment: { fromDomain: 'secure-docsign.example' },
    },
    antispam: [],
    flags: [
      {
        id: 'reply-to-other-domain',
        severity: 'warning',
        title: 'Replies go to another domain',
        detail: 'Reply-To is mailbox-archive.example, From is secure-docsign.example.',
        evidence: [{ header: 7 }],
      },
      {
        id: 'display-name-address',
        severity: 'danger',
        title: 'Display name shows a different address',
        detail: 'The name "admin@contoso.example via DocuSign" contains an address that is not the sender.',
        evidence: [{ header: 6, text: 'admin@contoso.example' }],
      },
      {
        id: 'microsoft-phish',
        severity: 'info',
        title: 'Microsoft classified this as phishing',
        detail: 'X-Forefront-Antispam-Report CAT:PHSH, SCL 5.',
        evidence: [{ hop: 2 }],
      },
    ],
    diagnostics: [{ code: 'date-zone-comment', message: 'Zone comment (CET) ignored in favour of +0100', header: 4 }],
  };
}
