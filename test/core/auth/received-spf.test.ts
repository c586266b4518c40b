import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParsedReceivedSpf, parseReceivedSpf } from '../../../src/core/auth/received-spf';

type Row = { name: string; input: string; expected: Omit<ParsedReceivedSpf, 'diagnostics'>; diagnostics?: string[] };

// Each row: a Received-SPF value and the exact structure it must give.
const rows: Row[] = [
  {
    name: 'RFC 7208 §9.1 example (pass)',
    input:
      'pass (mybox.example.org: domain of myname@example.com designates 192.0.2.1 as permitted sender) receiver=mybox.example.org; client-ip=192.0.2.1; envelope-from="myname@example.com"; helo=foo.example.com;',
    expected: {
      result: 'pass',
      comment: 'mybox.example.org: domain of myname@example.com designates 192.0.2.1 as permitted sender',
      props: {
        receiver: 'mybox.example.org',
        'client-ip': '192.0.2.1',
        'envelope-from': 'myname@example.com',
        helo: 'foo.example.com',
      },
      clientIp: '192.0.2.1',
    },
  },
  {
    name: 'RFC 7208 §9.1 example (fail, identity=)',
    input:
      'fail (mybox.example.org: domain of myname@example.com does not designate 192.0.2.1 as permitted sender) identity=mailfrom; client-ip=192.0.2.1; envelope-from="myname@example.com";',
    expected: {
      result: 'fail',
      comment: 'mybox.example.org: domain of myname@example.com does not designate 192.0.2.1 as permitted sender',
      props: { identity: 'mailfrom', 'client-ip': '192.0.2.1', 'envelope-from': 'myname@example.com' },
      clientIp: '192.0.2.1',
    },
  },
  {
    name: 'Microsoft 365 Pass with receiver, client-ip, helo, pr (phishing_pot sample-1046)',
    input:
      'Pass (protection.outlook.com: domain of a.simuladordeplanodesaude.com designates 140.205.208.121 as permitted sender) receiver=protection.outlook.com; client-ip=140.205.208.121; helo=out208-121.dm.aliyun.com; pr=C',
    expected: {
      result: 'pass',
      comment:
        'protection.outlook.com: domain of a.simuladordeplanodesaude.com designates 140.205.208.121 as permitted sender',
      props: {
        receiver: 'protection.outlook.com',
        'client-ip': '140.205.208.121',
        helo: 'out208-121.dm.aliyun.com',
        pr: 'C',
      },
      clientIp: '140.205.208.121',
    },
  },
  {
    name: 'Microsoft 365 SoftFail, IP only in the comment, folded (phishing_pot sample-1012)',
    input:
      'SoftFail (protection.outlook.com: domain of transitioning\r\n suksapan.or.th discourages use of 202.129.206.234 as permitted sender)',
    expected: {
      result: 'softfail',
      comment:
        'protection.outlook.com: domain of transitioning suksapan.or.th discourages use of 202.129.206.234 as permitted sender',
      props: {},
      clientIp: '202.129.206.234',
    },
  },
  {
    name: 'Microsoft 365 None: no IP anywhere (phishing_pot sample-1039)',
    input: 'None (protection.outlook.com: central.mercfresh.com does not designate permitted sender hosts)',
    expected: {
      result: 'none',
      comment: 'protection.outlook.com: central.mercfresh.com does not designate permitted sender hosts',
      props: {},
    },
  },
  {
    name: 'Microsoft 365 Neutral: "X is neither permitted nor denied" (phishing_pot sample-2015)',
    input:
      'Neutral (protection.outlook.com: 5.206.224.114 is neither permitted nor denied by domain of zugspitzakademie.de)',
    expected: {
      result: 'neutral',
      comment: 'protection.outlook.com: 5.206.224.114 is neither permitted nor denied by domain of zugspitzakademie.de',
      props: {},
      clientIp: '5.206.224.114',
    },
  },
  {
    name: 'Gmail pass with client-ip (phishing_pot sample-1141)',
    input:
      'pass (google.com: domain of jiji74759@gmail.com designates 209.85.220.41 as permitted sender) client-ip=209.85.220.41;',
    expected: {
      result: 'pass',
      comment: 'google.com: domain of jiji74759@gmail.com designates 209.85.220.41 as permitted sender',
      props: { 'client-ip': '209.85.220.41' },
      clientIp: '209.85.220.41',
    },
  },
  {
    name: 'Gmail pass over IPv6, client-ip normalised',
    input:
      'pass (google.com: domain of a@example.com designates 2A01:111:F400:7EAB:0:0:0:807 as permitted sender) client-ip=2A01:111:F400:7EAB:0:0:0:807;',
    expected: {
      result: 'pass',
      comment: 'google.com: domain of a@example.com designates 2A01:111:F400:7EAB:0:0:0:807 as permitted sender',
      props: { 'client-ip': '2A01:111:F400:7EAB:0:0:0:807' },
      clientIp: '2a01:111:f400:7eab::807',
    },
  },
  {
    name: 'Yahoo style: comment without receiver name (phishing_pot sample-2848)',
    input: 'pass (domain of edm.nonib.com.au designates 45.86.116.47 as permitted sender)',
    expected: {
      result: 'pass',
      comment: 'domain of edm.nonib.com.au designates 45.86.116.47 as permitted sender',
      props: {},
      clientIp: '45.86.116.47',
    },
  },
  {
    name: 'pypolicyd-spf style: pairs after a short comment',
    input:
      'Pass (mailfrom) identity=mailfrom; client-ip=198.51.100.7; helo=mail.example.net; envelope-from=bob@example.net; receiver=<UNKNOWN>',
    expected: {
      result: 'pass',
      comment: 'mailfrom',
      props: {
        identity: 'mailfrom',
        'client-ip': '198.51.100.7',
        helo: 'mail.example.net',
        'envelope-from': 'bob@example.net',
        receiver: '<UNKNOWN>',
      },
      clientIp: '198.51.100.7',
    },
  },
  {
    name: 'mechanism and problem keys, quoted value with a quoted-pair',
    input: 'permerror (example.org: include loop) problem="loop \\"a\\""; mechanism=include:_spf.example.com',
    expected: {
      result: 'permerror',
      comment: 'example.org: include loop',
      props: { problem: 'loop "a"', mechanism: 'include:_spf.example.com' },
    },
  },
];

const diagnosticRows: Row[] = [
  {
    name: 'redacted client-ip is not an IP (phishing_pot sample-6480)',
    input:
      'Pass (protection.outlook.com: domain of antivirus-secure.it.com designates phishing@pot.143.18.178 as permitted sender) receiver=protection.outlook.com; client-ip=phishing@pot.143.18.178; helo=immerse.esa.hc391-17.ca.iphmx.com; pr=M',
    expected: {
      result: 'pass',
      comment:
        'protection.outlook.com: domain of antivirus-secure.it.com designates phishing@pot.143.18.178 as permitted sender',
      props: {
        receiver: 'protection.outlook.com',
        'client-ip': 'phishing@pot.143.18.178',
        helo: 'immerse.esa.hc391-17.ca.iphmx.com',
        pr: 'M',
      },
    },
    diagnostics: ['received-spf-bad-client-ip'],
  },
  {
    name: 'client-ip and comment disagree: client-ip wins',
    input: 'pass (x: domain of a@b.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.9',
    expected: {
      result: 'pass',
      comment: 'x: domain of a@b.example designates 192.0.2.1 as permitted sender',
      props: { 'client-ip': '192.0.2.9' },
      clientIp: '192.0.2.9',
    },
    diagnostics: ['received-spf-ip-mismatch'],
  },
  { name: 'empty value', input: '', expected: { result: '', props: {} }, diagnostics: ['received-spf-missing-result'] },
  {
    name: 'unknown result word, stray word',
    input: 'maybe stray client-ip=192.0.2.1',
    expected: { result: 'maybe', props: { 'client-ip': '192.0.2.1' }, clientIp: '192.0.2.1' },
    diagnostics: ['received-spf-unknown-result', 'received-spf-unexpected'],
  },
  {
    name: 'unterminated comment',
    input: 'fail (example.org: oops',
    expected: { result: 'fail', comment: 'example.org: oops', props: {} },
    diagnostics: ['received-spf-unterminated-comment'],
  },
  {
    name: 'repeated key keeps the first',
    input: 'pass client-ip=192.0.2.1; client-ip=192.0.2.2',
    expected: { result: 'pass', props: { 'client-ip': '192.0.2.1' }, clientIp: '192.0.2.1' },
    diagnostics: ['received-spf-duplicate-key'],
  },
];

describe('parseReceivedSpf', () => {
  it.each([...rows, ...diagnosticRows])('$name', (row) => {
    const { diagnostics, ...parsed } = parseReceivedSpf(row.input);
    expect(parsed).toStrictEqual(row.expected);
    expect(diagnostics.map((d) => d.code)).toEqual(row.diagnostics ?? []);
  });
});

describe('parseReceivedSpf: total', () => {
  it('never throws', () => {
    const alphabet = fc.constantFrom(...'pass (=;)"\\\r\n1.:@a'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 80 }), (value) => {
        expect(typeof parseReceivedSpf(value).result).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });
});
