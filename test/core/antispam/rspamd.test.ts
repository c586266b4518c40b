import { describe, expect, it } from 'vitest';
import { decodeAntispam } from '../../../src/core/antispam';
import type { VendorVerdict } from '../../../src/core/types';
import { allTrusted, fields } from './helpers';

function one(name: string, value: string): VendorVerdict {
  return decodeAntispam(fields([name, value]), allTrusted)[0]!;
}

describe('Rspamd X-Spamd-Result', () => {
  // phishing_pot sample-1198 (shortened: the first symbols and the multi-line ASN options).
  const SAMPLE_1198 =
    'default: False [9.90 / 25.00]; BARRACUDA_FROM(6.00)[188.93.233.218:from];\n HFILTER_HOSTNAME_UNKNOWN(2.50)[]; AUTH_NA(1.00)[]; MIME_HTML_ONLY(0.20)[];\n BAYES_SPAM(0.00)[29.23%]; ASN(0.00)[asn:47674,\n ipnet:188.93.233.0/24, country:MO]; NEURAL_HAM(-0.00)[-0.150]';

  it('reads score, reject threshold and symbols with options', () => {
    const v = one('X-Spamd-Result', SAMPLE_1198);
    expect(v.vendor).toBe('Rspamd');
    expect(v.score).toBe(9.9);
    expect(v.summary).toBe(
      'Rspamd: score 9.9 of 25 to reject, 7 symbols; top: BARRACUDA_FROM 6, HFILTER_HOSTNAME_UNKNOWN 2.5, AUTH_NA 1',
    );
    expect(v.items[0]).toEqual({
      key: 'default',
      value: 'False [9.90 / 25.00]',
      meaning: 'Score 9.9; reject threshold 25; not reached',
    });
    expect(v.items.find((i) => i.key === 'BARRACUDA_FROM')).toEqual({
      key: 'BARRACUDA_FROM',
      value: '6.00 [188.93.233.218:from]',
    });
    expect(v.items.find((i) => i.key === 'ASN')?.value).toBe('0.00 [asn:47674, ipnet:188.93.233.0/24, country:MO]');
    expect(v.items.find((i) => i.key === 'HFILTER_HOSTNAME_UNKNOWN')?.value).toBe('2.50');
    expect(v.items.find((i) => i.key === 'BAYES_SPAM')?.meaning).toBe('Bayes classifier: message probably spam');
  });

  it('says when the reject threshold was reached', () => {
    const v = one('X-Spamd-Result', 'default: True [16.20 / 15.00]; R_SPF_FAIL(1.00)[-all]');
    expect(v.items[0]?.meaning).toBe('Score 16.2; reject threshold 15; reached');
    expect(v.items[1]?.meaning).toBe('SPF: sender IP not allowed (fail)');
  });
});

describe('Rspamd companions', () => {
  it.each<[string, string, string, number | undefined]>([
    ['X-Rspamd-Action', 'add header', 'Rspamd: action add header', undefined],
    ['X-Rspamd-Action', 'no action', 'Rspamd: action no action', undefined],
    ['X-Rspamd-Score', '9.9', 'Rspamd: score 9.9', 9.9],
    ['X-Spamd-Bar', '+++++', 'Rspamd: score bar +++++ (about 5 points)', 5],
    ['X-Spamd-Bar', '--', 'Rspamd: score bar -- (about -2 points)', -2],
    ['X-Spamd-Bar', '/', 'Rspamd: score bar / (about 0 points)', 0],
    ['X-Rspamd-Server', 'cp4-mailin-013.plabs.ch', 'Rspamd: scanned on cp4-mailin-013.plabs.ch', undefined],
    ['X-Rspamd-Queue-Id', '4RFnR21HJXz7QQ5W', 'Rspamd: queue id 4RFnR21HJXz7QQ5W', undefined],
    [
      'X-Rspamd-Pre-Result',
      'action=add header; module=dmarc; Action set by DMARC',
      'Rspamd: pre-result action add header',
      undefined,
    ],
  ])('%s: %s', (name, value, summary, score) => {
    const v = one(name, value);
    expect(v.summary).toBe(summary);
    expect(v.score).toBe(score);
  });

  it('explains the action', () => {
    expect(one('X-Rspamd-Action', 'reject').items[0]?.meaning).toBe('Reject the message: very likely spam');
  });
});
