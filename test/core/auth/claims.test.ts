import { describe, expect, it } from 'vitest';
import {
  CLAIM_SOURCES,
  type ClaimField,
  type ConnectingIpClaim,
  connectingIpClaims,
} from '../../../src/core/auth/claims';
import { parseIpLiteral } from '../../../src/core/auth/ip-text';

type Row = { name: string; field?: ClaimField; input: string; expected: ConnectingIpClaim[] };

const rows: Row[] = [
  {
    name: 'Microsoft 365 A-R: sender IP is',
    input:
      'spf=pass (sender IP is 209.85.128.53) smtp.mailfrom=gmail.com; dkim=pass (signature was verified) header.d=gmail.com;dmarc=pass action=none header.from=gmail.com;compauth=pass reason=100',
    expected: [{ source: CLAIM_SOURCES.microsoftSenderIp, ip: '209.85.128.53' }],
  },
  {
    name: 'Microsoft 365 A-R over IPv6',
    input: 'spf=pass (sender IP is 2a01:111:f403:2c14::801) smtp.mailfrom=outlook.com; dkim=none',
    expected: [{ source: CLAIM_SOURCES.microsoftSenderIp, ip: '2a01:111:f403:2c14::801' }],
  },
  {
    name: 'Microsoft ARC-A-R: lower-case "sender ip is" (phishing_pot sample-1134)',
    field: 'arc-authentication-results',
    input:
      'i=2; mx.microsoft.com 1; spf=pass (sender ip is 40.92.43.109) smtp.rcpttodomain=hotmail.com smtp.mailfrom=hotmail.com; dmarc=pass (p=none sp=none pct=100) action=none header.from=hotmail.com',
    expected: [{ source: CLAIM_SOURCES.microsoftSenderIp, ip: '40.92.43.109' }],
  },
  {
    name: 'Gmail A-R: designates … as permitted sender',
    input:
      'mx.google.com;\r\n       dkim=pass header.i=@gmail.com header.s=20221208 header.b=rX0eU8AC;\r\n       spf=pass (google.com: domain of jiji74759@gmail.com designates 209.85.220.41 as permitted sender) smtp.mailfrom=jiji74759@gmail.com;\r\n       dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com',
    expected: [{ source: CLAIM_SOURCES.permittedSender, ip: '209.85.220.41' }],
  },
  {
    name: 'Gmail A-R softfail: does not designate',
    input:
      'mx.google.com; spf=softfail (google.com: domain of transitioning bob@example.net does not designate 198.51.100.9 as permitted sender) smtp.mailfrom=bob@example.net',
    expected: [{ source: CLAIM_SOURCES.permittedSender, ip: '198.51.100.9' }],
  },
  {
    name: 'Proton A-R: smtp.remote-ip (phishing_pot sample-1259)',
    input: 'mailin022.protonmail.ch; arc=none smtp.remote-ip=45.236.131.99',
    expected: [{ source: CLAIM_SOURCES.remoteIp, ip: '45.236.131.99' }],
  },
  {
    name: 'iprev with policy.iprev (RFC 8601 B.4) and with smtp.remote-ip',
    input: 'example.com; iprev=pass policy.iprev=192.0.2.200; iprev=pass smtp.remote-ip="2001:db8:0::1"',
    expected: [
      { source: CLAIM_SOURCES.policyIprev, ip: '192.0.2.200' },
      { source: CLAIM_SOURCES.remoteIp, ip: '2001:db8::1' },
    ],
  },
  {
    name: 'a comment on another method is not an SPF claim',
    input: 'example.com; dkim=pass (sender IP is 192.0.2.1) header.d=example.com',
    expected: [],
  },
  {
    name: 'redacted IPs yield nothing',
    input:
      'spf=pass (sender IP is phishing@pot.143.18.178) smtp.mailfrom=x.example; iprev=pass policy.iprev=143.18.178',
    expected: [],
  },
  {
    name: 'Received-SPF (Microsoft): client-ip and the comment, same IP',
    field: 'received-spf',
    input:
      'Pass (protection.outlook.com: domain of a.simuladordeplanodesaude.com designates 140.205.208.121 as permitted sender) receiver=protection.outlook.com; client-ip=140.205.208.121; helo=out208-121.dm.aliyun.com; pr=C',
    expected: [
      { source: CLAIM_SOURCES.receivedSpfClientIp, ip: '140.205.208.121' },
      { source: CLAIM_SOURCES.receivedSpfComment, ip: '140.205.208.121' },
    ],
  },
  {
    name: 'Received-SPF (Microsoft SoftFail): comment only',
    field: 'received-spf',
    input:
      'SoftFail (protection.outlook.com: domain of transitioning suksapan.or.th discourages use of 202.129.206.234 as permitted sender)',
    expected: [{ source: CLAIM_SOURCES.receivedSpfComment, ip: '202.129.206.234' }],
  },
  {
    name: 'Received-SPF redacted (phishing_pot sample-4267)',
    field: 'received-spf',
    input:
      'Pass (protection.outlook.com: domain of Corona-Cartoons.de designates 40.83.161.phishing@pot as permitted sender) receiver=protection.outlook.com; client-ip=40.83.161.phishing@pot; helo=fo84.nativewavephotography.icu; pr=E',
    expected: [],
  },
];

describe('connectingIpClaims', () => {
  it.each(rows)('$name', (row) => {
    expect(connectingIpClaims(row.input, row.field)).toEqual(row.expected);
  });
});

describe('parseIpLiteral', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['[192.0.2.1]', '192.0.2.1'],
    ['IPv6:2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:0:0:0:1', '2001:db8::1'],
    ['::', '::'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('%s -> %s', (input, expected) => {
    expect(parseIpLiteral(input)).toBe(expected);
  });

  it.each([
    'phishing@pot.143.18.178',
    '143.18.178',
    '40.83.161.phishing@pot',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.4.5',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    'fe80::1%eth0',
    'mx.example.com',
    '',
  ])('%s is not an IP', (input) => {
    expect(parseIpLiteral(input)).toBeUndefined();
  });
});
