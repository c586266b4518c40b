import { describe, expect, it } from 'vitest';
import { decodeAntispam } from '../../../src/core/antispam';
import type { VendorVerdict } from '../../../src/core/types';
import { allTrusted, fields } from './helpers';

function one(name: string, value: string): VendorVerdict {
  return decodeAntispam(fields([name, value]), allTrusted)[0]!;
}

describe('SpamAssassin X-Spam-Status', () => {
  it('reads a real folded status with points per rule (phishing_pot sample-195)', () => {
    const v = one(
      'X-Spam-Status',
      'No, score=3.342 required=6.6 tests=[BAYES_00=-1.9,\n\tBITCOIN_SPAM_07=1, DATE_IN_FUTURE_06_12=1.947, HTML_MESSAGE=0.001,\n\tNO_FM_NAME_IP_HOSTN=0.001, PDS_BTC_ID=0.499, RDNS_NONE=0.793,\n\tSPF_NONE=0.001, TO_EQ_FM_DIRECT_MX=1] autolearn=no autolearn_force=no',
    );
    expect(v.vendor).toBe('SpamAssassin');
    expect(v.summary).toBe('SpamAssassin: not spam, score 3.342 of 6.6 required, 9 rules');
    expect(v.score).toBe(3.342);
    expect(v.items.find((i) => i.key === 'BAYES_00')).toEqual({ key: 'BAYES_00', value: '-1.9' });
    expect(v.items.find((i) => i.key === 'TO_EQ_FM_DIRECT_MX')?.value).toBe('1');
    expect(v.items.find((i) => i.key === 'autolearn')?.value).toBe('no');
  });

  it('reads the default layout: rule names only, list folded after a comma', () => {
    const v = one(
      'X-Spam-Status',
      'Yes, score=12.9 required=5.0 tests=BAYES_99,HTML_MESSAGE,\n\tRDNS_NONE,URIBL_BLACK autolearn=spam version=3.4.6',
    );
    expect(v.summary).toBe('SpamAssassin: spam, score 12.9 of 5 required, 4 rules');
    expect(v.items.filter((i) => i.value === '').map((i) => i.key)).toEqual([
      'BAYES_99',
      'HTML_MESSAGE',
      'RDNS_NONE',
      'URIBL_BLACK',
    ]);
    expect(v.items.find((i) => i.key === 'version')?.value).toBe('3.4.6');
  });

  it('keeps a status without a score', () => {
    const v = one('X-Spam-Status', 'No');
    expect(v.summary).toBe('SpamAssassin: not spam');
    expect(v.score).toBeUndefined();
  });
});

describe('SpamAssassin companions', () => {
  it('reads rule lines, points and descriptions from X-Spam-Report (synthetic, SpamAssassin layout)', () => {
    const v = one(
      'X-Spam-Report',
      '\n\t*  3.5 BAYES_99 BODY: Bayes spam probability is 99 to 100%\n\t*      [score: 1.0000]\n\t*  0.0 HTML_MESSAGE BODY: HTML included in message\n\t* -0.1 DKIM_VALID Message has at least one valid DKIM or DK signature',
    );
    expect(v.items).toEqual([
      { key: 'BAYES_99', value: '3.5', meaning: 'BODY: Bayes spam probability is 99 to 100% [score: 1.0000]' },
      { key: 'HTML_MESSAGE', value: '0.0', meaning: 'BODY: HTML included in message' },
      { key: 'DKIM_VALID', value: '-0.1', meaning: 'Message has at least one valid DKIM or DK signature' },
    ]);
    expect(v.summary).toBe('SpamAssassin: report of 3 rules totalling 3.4 points');
  });

  it('reads the report_safe table layout after its preamble', () => {
    const v = one(
      'X-Spam-Report',
      'Content analysis details:   (6.2 points, 5.0 required)\n\n pts rule name              description\n---- ---------------------- --------\n 2.0 URIBL_BLACK            Contains an URL listed in the URIBL blacklist\n 4.2 BAYES_99               BODY: Bayes spam probability is 99 to 100%',
    );
    expect(v.items.map((i) => [i.key, i.value])).toEqual([
      ['URIBL_BLACK', '2.0'],
      ['BAYES_99', '4.2'],
    ]);
  });

  it('hands an Rspamd-style X-Spam-Report to Rspamd (phishing_pot sample-3151)', () => {
    const v = one(
      'X-Spam-Report',
      'Action: no action\n Symbol: ASN(0.00)\n Symbol: R_UNDISC_RCPT(3.00)\n Symbol: SUBJ_ALL_CAPS(0.15)\n Message-ID: 235f19a517948731246f491d63dd5e28@terra-globo.eu',
    );
    expect(v.vendor).toBe('Rspamd');
    expect(v.summary).toBe('Rspamd: report, action no action, 3 symbols');
    expect(v.items.find((i) => i.key === 'R_UNDISC_RCPT')?.value).toBe('3.00');
  });

  it.each<[string, string, string, number | undefined]>([
    ['X-Spam-Level', '***', 'SpamAssassin: spam level 3 (score rounded down, one mark per point)', 3],
    ['X-Spam-Level', '', 'SpamAssassin: spam level 0 (score rounded down, one mark per point)', 0],
    ['X-Spam-Flag', 'NO', 'SpamAssassin: not flagged as spam', undefined],
    ['X-Spam-Flag', 'YES', 'SpamAssassin: flagged as spam', undefined],
    [
      'X-Spam-Checker-Version',
      'SpamAssassin 3.4.6 (2021-04-09) on\n\tmail.example.org',
      'SpamAssassin: checked by SpamAssassin 3.4.6 (2021-04-09) on mail.example.org',
      undefined,
    ],
  ])('%s: %j', (name, value, summary, score) => {
    const v = one(name, value);
    expect(v.summary).toBe(summary);
    expect(v.score).toBe(score);
  });
});
