// Proofpoint, Mimecast, Barracuda, Cisco IronPort, Google and the generic fields. Values marked
// "real" come from phishing_pot or public mailing-list archives; the others are written from the
// vendors' documented layouts.
import { describe, expect, it } from 'vitest';
import { decodeAntispam } from '../../../src/core/antispam';
import type { VendorVerdict } from '../../../src/core/types';
import { allTrusted, fields } from './helpers';

function one(name: string, value: string): VendorVerdict {
  return decodeAntispam(fields([name, value]), allTrusted)[0]!;
}

describe('Proofpoint', () => {
  it('reads X-Proofpoint-Spam-Details (real, from a public kernel mailing-list message)', () => {
    const v = one(
      'X-Proofpoint-Spam-Details',
      'rule=notspam policy=default score=0 priorityscore=1501 malwarescore=0\n suspectscore=2 phishscore=0 bulkscore=0 spamscore=0 clxscore=1015\n lowpriorityscore=0 mlxscore=0 impostorscore=0 mlxlogscore=999 adultscore=0\n classifier=spam adjust=0 reason=mlx scancount=1 engine=8.0.1-1810050000 definitions=main-1907020056',
    );
    expect(v.summary).toBe('Proofpoint: rule notspam, spam 0, phish 0, malware 0, bulk 0, impostor 0, adult 0');
    expect(v.score).toBe(0);
    expect(v.items).toHaveLength(21);
    expect(v.items.find((i) => i.key === 'phishscore')?.meaning).toBe('Phishing classifier score (0–100)');
    expect(v.items.find((i) => i.key === 'engine')?.value).toBe('8.0.1-1810050000');
  });

  it('scores a spam verdict by spamscore and keeps unknown keys', () => {
    const v = one('X-Proofpoint-Spam-Details', 'rule=spam policy=default score=97 spamscore=97 authcc= newkey=3');
    expect(v.score).toBe(97);
    expect(v.items.find((i) => i.key === 'authcc')).toEqual({ key: 'authcc', value: '' });
    expect(v.items.find((i) => i.key === 'newkey')).toEqual({ key: 'newkey', value: '3' });
  });

  it('reads the virus scan line and keeps the GUIDs', () => {
    expect(
      one('X-Proofpoint-Virus-Version', 'vendor=nai engine=6200 definitions=10057 signatures=668682').summary,
    ).toBe('Proofpoint: virus scan by nai engine');
    expect(one('X-Proofpoint-ORIG-GUID', 'AqMlIL_G3woukKsXoz_h5KhbPpzNDrN_').items[0]).toEqual({
      key: 'guid',
      value: 'AqMlIL_G3woukKsXoz_h5KhbPpzNDrN_',
      meaning: 'Proofpoint tracking id of the original message',
    });
  });
});

describe('Mimecast', () => {
  it('reads the spam score (real, phishing_pot sample-5291) and keeps X-MC-Unique', () => {
    const v = one('X-Mimecast-Spam-Score', '3');
    expect([v.summary, v.score]).toEqual(['Mimecast: spam score 3', 3]);
    expect(one('X-MC-Unique', 'IHIEWF1LOE-ANzAJ2hOBpQ-6').summary).toBe(
      'Mimecast: message id IHIEWF1LOE-ANzAJ2hOBpQ-6',
    );
  });

  it('lists the Impersonation Protect indicators that were hit', () => {
    const v = one(
      'X-Mimecast-Impersonation-Protect',
      'Policy=CLT - Impersonation Protection Definition;Similar Internal Domain=false;Newly Observed Domain=true;Reply-to Address Mismatch=true;Targeted Threat Dictionary=false',
    );
    expect(v.summary).toBe('Mimecast: impersonation indicators hit: Newly Observed Domain, Reply-to Address Mismatch');
    expect(v.score).toBe(2);
    expect(v.items[0]?.value).toBe('CLT - Impersonation Protection Definition');
  });
});

describe('Barracuda', () => {
  it('reads status, thresholds and rules', () => {
    const v = one(
      'X-Barracuda-Spam-Status',
      'Yes, SCORE=3.60 using per-user scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=9.0 KILL_LEVEL=1000.0 tests=BSF_SC0_MISMATCH_TO, BSF_SC0_MV0951, HTML_MESSAGE',
    );
    expect(v.summary).toBe('Barracuda: spam, score 3.6 (tag 3.5, quarantine 9, block 1000), 3 rules');
    expect(v.score).toBe(3.6);
    expect(v.items.find((i) => i.key === 'scores')?.value).toBe('per-user');
  });

  it('reads the rule breakdown of X-Barracuda-Spam-Report', () => {
    const v = one(
      'X-Barracuda-Spam-Report',
      "Code version 3.2, rules version 3.2.3.66044\n\tRule breakdown below\n\t pts rule name              description\n\t---- ---------------------- -------\n\t0.00 HTML_MESSAGE           BODY: HTML included in message\n\t3.60 BSF_SC0_MISMATCH_TO    Envelope rcpt doesn't match header",
    );
    expect(v.items).toEqual([
      { key: 'HTML_MESSAGE', value: '0.00', meaning: 'BODY: HTML included in message' },
      { key: 'BSF_SC0_MISMATCH_TO', value: '3.60', meaning: "Envelope rcpt doesn't match header" },
    ]);
  });

  it.each<[string, string, string, number | undefined]>([
    ['X-Barracuda-Spam-Score', '3.60', 'Barracuda: spam score 3.60', 3.6],
    [
      'X-Barracuda-Connect',
      'mail.example.com[192.0.2.10]',
      'Barracuda: connection from mail.example.com[192.0.2.10]',
      undefined,
    ],
    ['X-Barracuda-Start-Time', '1592927220', 'Barracuda: processing started 2020-06-23T15:47:00.000Z', undefined],
    ['X-Barracuda-BRTS-Status', '1', 'Barracuda: BRTS status 1', undefined],
    ['X-Barracuda-Envelope-From', 'bounce@example.com', 'Barracuda: envelope sender bounce@example.com', undefined],
    [
      'X-Barracuda-URL',
      'https://192.0.2.5:443/cgi-mod/mark.cgi',
      'Barracuda: interface https://192.0.2.5:443/cgi-mod/mark.cgi',
      undefined,
    ],
  ])('%s: %s', (name, value, summary, score) => {
    const v = one(name, value);
    expect(v.summary).toBe(summary);
    expect(v.score).toBe(score);
  });
});

describe('Cisco IronPort', () => {
  it('reads X-IronPort-AV tags, quotes removed (real, phishing_pot sample-2556)', () => {
    const v = one(
      'X-IronPort-AV',
      'E=Sophos;i="6.04,193,1695650400"; \n   d="png\'150?scan\'150,208,217,150";a="282110380"',
    );
    expect(v.summary).toBe('Cisco IronPort: anti-virus scan by Sophos engine');
    expect(v.items.map((i) => [i.key, i.value])).toEqual([
      ['E', 'Sophos'],
      ['i', '6.04,193,1695650400'],
      ['d', "png'150?scan'150,208,217,150"],
      ['a', '282110380'],
    ]);
  });

  it.each<[string, string, string, number | undefined]>([
    ['X-IronPort-Anti-Spam-Filtered', 'true', 'Cisco IronPort: scanned by anti-spam', undefined],
    ['X-SBRS', '-3.5', 'Cisco IronPort: SenderBase reputation -3.5 (negative: more likely a spam source)', -3.5],
    [
      'X-IronPort-Reputation',
      '4.2',
      'Cisco IronPort: SenderBase reputation 4.2 (positive: more likely a trustworthy sender)',
      4.2,
    ],
    ['X-SBRS', 'None', 'Cisco IronPort: SenderBase reputation none (no score for this IP)', undefined],
    ['X-IPAS-Result', '=?us-ascii?q?A0EJZwAUSaNl?=', 'Cisco IronPort: anti-spam result (encoded)', undefined],
  ])('%s: %s', (name, value, summary, score) => {
    const v = one(name, value);
    expect(v.summary).toBe(summary);
    expect(v.score).toBe(score);
  });
});

describe('Google', () => {
  it('keeps sender-side state as context, not a verdict (real, phishing_pot sample-1140)', () => {
    const v = one(
      'X-Gm-Message-State',
      'AOJu0YxQBK3fs/TDaPkbtyI3Y4CgLq1Dl9o4tB3GzWbbR4qne2MDtHg4\n\tto/uT0eT2Y24GJaNlghYzerdAFXKX63mZCopE6fWyA==',
    );
    expect(v.summary).toBe('Google: message state (sender-side context, not a verdict)');
    expect(v.score).toBeUndefined();
    expect(v.items[0]?.meaning).toMatch(/sender-side/);
    expect(one('X-Google-Smtp-Source', 'AGHT+IG6KDs/yvKW1NMKu').summary).toBe(
      'Google: SMTP source (sender-side context, not a verdict)',
    );
  });

  it.each<[string, string, string, number | undefined]>([
    ['X-Gm-Spam', '0', 'Google: not marked as spam', 0],
    ['X-Gm-Spam', '1', 'Google: marked as spam', 1],
    ['X-Gm-Phishy', '1', 'Google: marked as phishing', 1],
    ['X-Gm-Phishy', 'maybe', 'Google: X-Gm-Phishy maybe', undefined],
  ])('%s: %s', (name, value, summary, score) => {
    const v = one(name, value);
    expect(v.summary).toBe(summary);
    expect(v.score).toBe(score);
  });
});

describe('generic and cheap vendor fields (real values from phishing_pot)', () => {
  it.each<[string, string, string, string, number | undefined]>([
    ['X-Spam', 'Yes', 'Spam filter', 'Spam filter: spam', undefined],
    ['X-Spam-Score', '3.1 (+++)', 'Spam filter', 'Spam filter: score 3.1 (+++)', 3.1],
    ['X-Spam-Score', '3.342', 'Spam filter', 'Spam filter: score 3.342', 3.342],
    ['X-Pm-Spamscore', '11', 'Proton Mail', 'Proton Mail: spam score 11', 11],
    ['X-Pm-Spam-Action', 'phishing', 'Proton Mail', 'Proton Mail: action phishing', undefined],
    ['X-VADE-SPAMSTATE', 'clean', 'Vade', 'Vade: spam state clean', undefined],
    [
      'X-YMailISG',
      'V1bR9HMWLDtjQ6jDvim7vzUHB2X4\n W1LytL_79YPLurmzEz6tCy',
      'Yahoo',
      'Yahoo: message state V1bR9HMWLDtjQ6jDvim7vzUHB2X4 W1LytL_79YPLurmzEz6tCy',
      undefined,
    ],
  ])('%s: %s', (name, value, vendor, summary, score) => {
    const v = one(name, value);
    expect([v.vendor, v.summary, v.score]).toEqual([vendor, summary, score]);
  });
});
