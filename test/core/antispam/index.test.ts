import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { antispamDecoders, decodeAntispam, decoderFor } from '../../../src/core/antispam';
import { allTrusted, fields } from './helpers';

describe('decodeAntispam', () => {
  it('decodes only known fields, in header order, with header index and field as written', () => {
    const headers = fields(
      ['Received', 'from a by b'],
      ['x-forefront-antispam-report', 'SCL:1;SFV:NSPM;'],
      ['Subject', 'hello'],
      ['X-Spam-Flag', 'YES'],
    );
    const verdicts = decodeAntispam(headers, allTrusted);
    expect(verdicts.map((v) => [v.header, v.field, v.vendor])).toEqual([
      [1, 'x-forefront-antispam-report', 'Microsoft'],
      [3, 'X-Spam-Flag', 'SpamAssassin'],
    ]);
  });

  it('takes trust from the caller, per header index', () => {
    const headers = fields(['X-MS-Exchange-Organization-SCL', '1'], ['X-MS-Exchange-Organization-SCL', '9']);
    const verdicts = decodeAntispam(headers, (i) => i === 0);
    expect(verdicts.map((v) => v.trusted)).toEqual([true, false]);
  });

  it('hands the trust callback the field name lower-cased, however it is spelled', () => {
    const seen: string[] = [];
    decodeAntispam(fields(['X-MS-EXCHANGE-organization-scl', '1'], ['x-spam-FLAG', 'YES']), (_, lowerName) => {
      seen.push(lowerName);
      return true;
    });
    expect(seen).toEqual(['x-ms-exchange-organization-scl', 'x-spam-flag']);
  });

  it('finds every decoder by its name in any case, and nothing else', () => {
    for (const d of antispamDecoders) {
      expect(decoderFor(d.field)).toBe(d);
      expect(decoderFor(d.field.toUpperCase())).toBe(d);
      expect(decoderFor(d.field.toLowerCase())).toBe(d);
    }
    for (const name of ['', 'X', 'Received', 'X-MS-Exchange-Organization-SCX', 'X-Spam-Statu', 'X-Spam-Statuss']) {
      expect(decoderFor(name)).toBeUndefined();
    }
  });

  it('omits score and summary rather than writing undefined, and scores are finite', () => {
    for (const v of decodeAntispam(fields(['X-Spam-Score', 'n/a'], ['X-Mimecast-Spam-Score', 'x']), allTrusted)) {
      expect('score' in v).toBe(false);
    }
  });

  it('reads a score of minus zero as zero, which survives JSON (fast-check found SCL:-0)', () => {
    const [v] = decodeAntispam(fields(['X-MS-Exchange-Organization-SCL', '-0']), allTrusted);
    expect(Object.is(v?.score, 0)).toBe(true);
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });

  it('never throws, whatever the value (every decoder)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat({ max: antispamDecoders.length - 1 }), (value, which) => {
        const d = antispamDecoders[which]!;
        const [v] = decodeAntispam(fields([d.field, value]), allTrusted);
        expect(v).toBeDefined();
        expect(JSON.parse(JSON.stringify(v))).toEqual(v);
        for (const item of v!.items) expect(typeof item.value).toBe('string');
        if (v!.score !== undefined) expect(Number.isFinite(v!.score)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('every decoder of a documented vendor carries a source URL in its tables', async () => {
    const tables = await import('../../../src/core/antispam/tables/microsoft');
    for (const [name, value] of Object.entries(tables)) {
      if (typeof value === 'object' && value && 'source' in value) expect(value.source, name).toMatch(/^https:\/\//);
    }
  });
});
