import { describe, expect, it } from 'vitest';
import { readAddress } from '../../../src/core/received/forms';

describe('readAddress: an address as MTAs write it inside a comment', () => {
  const rows: Array<[string, boolean, { ip: string; port?: number } | undefined]> = [
    ['[192.0.2.1]', true, { ip: '192.0.2.1' }],
    ['[192.0.2.1]:4711', true, { ip: '192.0.2.1', port: 4711 }],
    // Exim 3's fifth dot and ecelerity's colon inside the brackets.
    ['[192.0.2.1.4711]', true, { ip: '192.0.2.1', port: 4711 }],
    ['[192.0.2.1:4711]', true, { ip: '192.0.2.1', port: 4711 }],
    ['[IPv6:2001:DB8::1]', true, { ip: '2001:db8::1' }],
    ['[::ffff:192.0.2.1]', true, { ip: '192.0.2.1' }],
    ['192.0.2.1:4711', false, { ip: '192.0.2.1', port: 4711 }],
    ['192.0.2.1', true, undefined],
    ['[192.0.2.256]', true, undefined],
    ['[[192.0.2.1]', true, undefined],
    ['[]', true, undefined],
    ['Postfix', false, undefined],
    ['8.11.6/8.11.6', false, undefined],
  ];
  for (const [word, bracketsRequired, expected] of rows) {
    it(word, () => {
      expect(readAddress(word, bracketsRequired)).toEqual(expected);
    });
  }
});
