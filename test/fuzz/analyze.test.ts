// analyze() is total (DESIGN.md §1.1): whatever the text, it returns a JSON-serialisable Analysis that keeps
// the schema's promises (support.ts `checkInvariants`), the same one every time, and never throws.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeChecked,
  fragment,
  headerLine,
  latin1,
  mutate,
  mutation,
  OPTIONS,
  params,
  receivedValue,
  reorderReceived,
  SEEDS,
  TIMEOUT,
  utf8,
} from './support';

const seed = fc.constantFrom(...SEEDS);

describe('analyze() on arbitrary input', () => {
  it(
    'never throws on arbitrary bytes, read as latin1 and as UTF-8',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
          analyzeChecked(latin1(bytes));
          analyzeChecked(utf8(bytes));
        }),
        params(200),
      );
    },
    TIMEOUT,
  );

  it(
    'never throws on header-shaped text: random fields, folding, CR/LF/NUL and specials',
    () => {
      fc.assert(
        fc.property(
          fc.array(headerLine, { maxLength: 30 }),
          fc.constantFrom('\n', '\r\n', '\r'),
          fc.option(fragment),
          (lines, eol, body) => {
            analyzeChecked(lines.join(eol) + (body === null ? '' : eol + eol + body));
          },
        ),
        params(300),
      );
    },
    TIMEOUT,
  );

  it(
    'never throws on Received values built from the grammar, with unbalanced comments and brackets',
    () => {
      fc.assert(
        fc.property(fc.array(receivedValue, { minLength: 1, maxLength: 8 }), (values) => {
          analyzeChecked(values.map((v) => `Received: ${v}`).join('\n'));
        }),
        params(300),
      );
    },
    TIMEOUT,
  );
});

/** The ways a copy leaves a header block that the reader undoes (src/core/headers/read.ts and paste.ts). */
const PASTE_FORMS: Array<(text: string) => string> = [
  (t) => t.replace(/\r?\n/g, '\n\n'), // double-spaced
  (t) => t.replace(/\n[ \t]+/g, '\n'), // folded lines without their indentation
  (t) => t.replace(/\n[ \t]/g, '\n\u00a0'), // indented with no-break spaces
  (t) => t.replace(/\r?\n[ \t]*/g, ' '), // one line
  (t) => t.replace(/\r?\n/g, '\r\r\n'), // CR CR LF
  (t) => `\ufeff${t}`, // a byte-order mark
];

describe('analyze() on pasted forms of real and random header blocks', () => {
  it(
    'never throws and ends however a copy left the text, alone or in turn',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            seed.map((s) => s.text),
            fc.array(headerLine, { maxLength: 20 }).map((lines) => lines.join('\n')),
          ),
          fc.array(fc.nat(PASTE_FORMS.length - 1), { minLength: 1, maxLength: 3 }),
          (text, forms) => {
            analyzeChecked(forms.reduce((t, k) => PASTE_FORMS[k]!(t), text));
          },
        ),
        params(150),
      );
    },
    TIMEOUT,
  );
});

describe('analyze() on mutated real header blocks', () => {
  it(
    'keeps its invariants when lines are inserted, deleted, duplicated, reordered, folded or spliced',
    () => {
      fc.assert(
        fc.property(seed, fc.array(mutation, { minLength: 1, maxLength: 8 }), (s, mutations) => {
          analyzeChecked(mutate(s.text, mutations));
        }),
        params(150),
      );
    },
    TIMEOUT,
  );

  it(
    'keeps its invariants when Received fields are reordered or duplicated',
    () => {
      fc.assert(
        fc.property(seed, fc.array(fc.nat(40), { maxLength: 20 }), (s, order) => {
          analyzeChecked(reorderReceived(s.text, order));
        }),
        params(100),
      );
    },
    TIMEOUT,
  );

  it('reads the unmutated seeds with hops and a handoff (the generators start from meaningful input)', () => {
    for (const s of SEEDS) {
      const a = analyzeChecked(s.text);
      expect(a.hops.length, s.name).toBeGreaterThan(0);
      expect(a.headers.length, s.name).toBeGreaterThan(5);
    }
  });
});

describe('analyze() options', () => {
  it(
    'never throws whatever the options (time, trusted hosts, caps)',
    () => {
      fc.assert(
        fc.property(
          seed,
          fc.record(
            {
              now: fc.oneof(fc.integer(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 0)),
              trustedHosts: fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', '.', '*.', 'com'))),
              recipientHosts: fc.array(fc.string({ maxLength: 20 })),
              maxBytes: fc.oneof(fc.nat(20_000), fc.constantFrom(-1, 0, 1, Number.NaN)),
            },
            { requiredKeys: [] },
          ),
          (s, options) => {
            analyzeChecked(s.text, { ...OPTIONS, ...options }, { twice: false });
          },
        ),
        params(100),
      );
    },
    TIMEOUT,
  );
});
