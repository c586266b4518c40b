import { describe, expect, it } from 'vitest';
import { decodeAntispam } from '../../../src/core/antispam';
import type { VendorVerdict } from '../../../src/core/types';
import { allTrusted, fields } from './helpers';

function one(name: string, value: string, trusted = allTrusted): VendorVerdict {
  const verdicts = decodeAntispam(fields([name, value]), trusted);
  expect(verdicts).toHaveLength(1);
  return verdicts[0]!;
}

function meaning(v: VendorVerdict, key: string): string | undefined {
  return v.items.find((i) => i.key === key)?.meaning;
}

// Real values: phishing_pot sample-403 (recipient side) and sample-1381 (sending tenant's copy).
const SAMPLE_403 =
  'CIP:40.92.65.37;CTRY:FI;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:EUR01-HE1-obe.outbound.protection.outlook.com;PTR:mail-he1eur01olkn2037.outbound.protection.outlook.com;CAT:SPM;SFS:(13230025)(84050400002)(451199018)(109986016);DIR:INB;';
const SAMPLE_1381 =
  'CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:SEZPR01MB4183.apcprd01.prod.exchangelabs.com;PTR:;CAT:NONE;SFS:(13230031)(366004)(376002);DIR:OUT;SFP:1102;';

describe('X-Forefront-Antispam-Report', () => {
  it('decodes a real recipient-side report', () => {
    const v = one('X-Forefront-Antispam-Report', SAMPLE_403);
    expect(v.vendor).toBe('Microsoft');
    expect(v.trusted).toBe(true);
    expect(v.score).toBe(5);
    expect(v.summary).toBe('Microsoft: SCL 5 (spam), SFV:SPM (marked spam by filtering), CAT:SPM (spam)');
    expect(v.items.find((i) => i.key === 'CIP')).toEqual({
      key: 'CIP',
      value: '40.92.65.37',
      meaning: 'Connecting IP address (the address that connected to Microsoft 365)',
    });
    expect(meaning(v, 'SFV')).toBe('Spam filtering marked the message as spam');
    expect(meaning(v, 'IPV')).toBe('The IP address was not found on any IP reputation list');
    expect(meaning(v, 'DIR')).toBe('Inbound message');
    expect(v.items.find((i) => i.key === 'SFS')?.value).toBe('(13230025)(84050400002)(451199018)(109986016)');
    expect(meaning(v, 'SFS')).toMatch(/rule ids/);
    expect(v.items.find((i) => i.key === 'SRV')).toEqual({
      key: 'SRV',
      value: '',
      meaning: expect.stringMatching(/bulk/),
    });
  });

  it('never trusts the -Untrusted copy and says whose it is', () => {
    const v = one('X-Forefront-Antispam-Report-Untrusted', SAMPLE_1381);
    expect(v.trusted).toBe(false);
    expect(v.summary).toBe(
      "Microsoft: sending tenant's copy, not the recipient's verdict: SCL 1 (not spam), SFV:NSPM (not spam)",
    );
    expect(meaning(v, 'DIR')).toBe('Outbound message');
    expect(meaning(v, 'CAT')).toBe('No threat category applied');
  });

  it.each([
    // Synthetic rows written from Microsoft's table of fields.
    [
      'CAT:PHSH;SFV:SKS;SCL:9;SFTY:9.25;',
      'SCL 9 (high confidence spam), SFV:SKS (marked spam by a rule), CAT:PHSH (phishing), SFTY:9.25 (first contact safety tip: the recipient rarely or never receives mail from this sender)',
    ],
    [
      'SCL:-1;SFV:SKN;IPV:CAL;CAT:NONE;',
      'SCL -1 (filtering skipped), SFV:SKN (marked not spam by a rule), IPV:CAL (IP Allow List)',
    ],
    [
      'SCL:6;SRV:BULK;SFV:SPM;CAT:BULK;',
      'SCL 6 (spam), SFV:SPM (marked spam by filtering), CAT:BULK (bulk), SRV:BULK (identified as bulk email by spam filtering and the BCL threshold)',
    ],
    [
      'SCL:5;SFV:SPM;X-CustomSpam: Image links to remote sites;',
      'SCL 5 (spam), SFV:SPM (marked spam by filtering), X-CustomSpam: Image links to remote sites',
    ],
    [
      'CAT:HPHISH;SFTY:9.19;SCL:9;',
      'SCL 9 (high confidence spam), CAT:HPHISH (high confidence phishing), SFTY:9.19 (domain impersonation: the sending domain impersonates a protected domain)',
    ],
  ])('summarises %s', (value, summary) => {
    expect(one('X-Forefront-Antispam-Report', value).summary).toBe(`Microsoft: ${summary}`);
  });

  it('keeps unknown keys and unknown values without a meaning', () => {
    const v = one('X-Forefront-Antispam-Report', 'EFV:NLI;SFV:XYZ;SCL:1;FPR:;');
    expect(v.items.find((i) => i.key === 'EFV')).toEqual({ key: 'EFV', value: 'NLI' });
    // An unknown value of a known key falls back to the key's meaning.
    expect(meaning(v, 'SFV')).toBe('Spam filtering verdict');
    expect(v.summary).toBe('Microsoft: SCL 1 (not spam), SFV:XYZ');
  });
});

describe('other Microsoft fields (real values from phishing_pot)', () => {
  it.each<[string, string, string, number | undefined]>([
    ['X-Microsoft-Antispam', 'BCL:9;', 'Microsoft: BCL 9 (bulk, many complaints)', 9],
    [
      'X-Microsoft-Antispam',
      'BCL:1;PCL:0;RULEID:(22001)(8291500097);SRVR:CY1NAM02HT069;',
      'Microsoft: BCL 1 (bulk, few complaints), PCL 0 (not likely phishing)',
      1,
    ],
    ['X-MS-Exchange-Organization-SCL', '5', 'Microsoft: SCL 5 (spam)', 5],
    ['X-MS-Exchange-Organization-SCL', '-1', 'Microsoft: SCL -1 (filtering skipped)', -1],
    ['X-MS-Exchange-Organization-PCL', '2', 'Microsoft: PCL 2 (not likely phishing)', 2],
    ['X-MS-Exchange-Organization-BCL', '7', 'Microsoft: BCL 7 (bulk, mixed complaints)', 7],
    [
      'X-MS-Exchange-Organization-AuthAs',
      'Anonymous',
      'Microsoft: sender authenticated as Anonymous (the sending server did not authenticate: ordinary mail from outside the organization)',
      undefined,
    ],
    [
      'X-MS-Exchange-Organization-AuthAs',
      'Internal',
      'Microsoft: sender authenticated as Internal (authenticated as part of the organization)',
      undefined,
    ],
    [
      'X-MS-Exchange-Organization-MessageDirectionality',
      'Incoming',
      'Microsoft: direction Incoming (the message came into the organization from outside)',
      undefined,
    ],
    [
      'X-MS-Exchange-Organization-AuthSource',
      'BN8NAM11FT066.eop-nam11.prod.protection.outlook.com',
      'Microsoft: accepted by BN8NAM11FT066.eop-nam11.prod.protection.outlook.com',
      undefined,
    ],
    [
      'X-MS-Exchange-Organization-AuthMechanism',
      '10',
      'Microsoft: authentication mechanism code 10 (undocumented)',
      undefined,
    ],
    [
      'X-MS-Exchange-CrossPremises-Antispam-ScanContext',
      'DIR:Incoming;SFV:NSPM;SKIP:0;',
      'Microsoft: SFV:NSPM (not spam)',
      undefined,
    ],
  ])('%s: %s', (name, value, summary, score) => {
    const v = one(name, value);
    expect(v.summary).toBe(summary);
    expect(v.score).toBe(score);
  });

  it('reads where Outlook delivered the message (X-Microsoft-Antispam-Mailbox-Delivery)', () => {
    const v = one(
      'X-Microsoft-Antispam-Mailbox-Delivery',
      'abwl:0;wl:0;pcwl:0;kl:0;dwl:0;dkl:0;rwl:0;ucf:0;jmr:0;ex:0;psp:0;auth:0;dest:J;OFR:SpamFilterAuthJ;ENG:(5062000305)(920221119095)(90000117);RF:JunkEmail;',
    );
    expect(v.summary).toBe('Microsoft: dest:J (delivered to the Junk Email folder), OFR:SpamFilterAuthJ');
    expect(meaning(v, 'OFR')).toMatch(/spam filtering decided/);
    expect(v.items.find((i) => i.key === 'ENG')?.value).toBe('(5062000305)(920221119095)(90000117)');
    expect(meaning(v, 'ucf')).toMatch(/^Undocumented/);
  });

  it('keeps the Untrusted X-Microsoft-Antispam copy untrusted', () => {
    const v = one('X-Microsoft-Antispam-Untrusted', 'BCL:0;', allTrusted);
    expect(v.trusted).toBe(false);
    expect(v.summary).toBe("Microsoft: sending tenant's copy, not the recipient's verdict: BCL 0 (not bulk)");
  });
});
