import { describe, expect, it } from 'vitest';
import { parseIp } from '../../src/core/ip';
import {
  compilePrefix,
  ipInAnyPrefix,
  ipInPrefix,
  ipScope,
  isNeverASource,
  parsedIpScope,
} from '../../src/core/ip-scope';

describe('parseIp', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1', 4],
    ['[192.0.2.1]', '192.0.2.1', 4],
    ['2603:10B6:408:E6::28', '2603:10b6:408:e6::28', 6],
    ['[IPv6:2001:4f8:3:bb::25]', '2001:4f8:3:bb::25', 6],
    ['fe80::1%eth0', 'fe80::1', 6],
    ['::ffff:218.11.152.141', '218.11.152.141', 4],
    ['::1', '::1', 6],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1', 6],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1', 6],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221', 6],
    // Leading zeros of two, three and four digits, and groups written minimally beside them.
    ['2001:db8:01:001:0001:10:100:1000', '2001:db8:1:1:1:10:100:1000', 6],
    ['2001:db8::f:ff:fff:ffff', '2001:db8::f:ff:fff:ffff', 6],
  ] as const)('%s → %s', (text, ip, version) => {
    expect(parseIp(text)).toEqual({ ip, version });
  });

  it.each([
    '40.83.161.phishing@pot',
    '2603:phishing@pot6:300:49::8',
    '192.0.2.1:25',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3',
    '1.2.3.4.5',
    '1::2::3',
    '12345::1',
    '1::12345',
    '1::12345.1.2.3',
    '1::1.2.3.4.',
    '1:2:3:4:5:6:7:8:9',
    ':1:2',
    '',
    '[]',
    'unknown',
  ])('rejects %s', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  it('is linear on long junk', () => {
    const t0 = performance.now();
    parseIp('1:'.repeat(100_000));
    parseIp('1.'.repeat(100_000));
    expect(performance.now() - t0).toBeLessThan(50);
  });
});

describe('ipScope', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['10.1.2.3', 'private'],
    ['172.31.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'private'],
    ['2001:db8::1', 'reserved'],
    ['2603:10b6:408:e6::28', 'public'],
    ['::ffff:10.0.0.1', 'private'],
    ['not an ip', 'reserved'],
  ] as const)('%s is %s', (ip, scope) => {
    expect(ipScope(ip)).toBe(scope);
  });
});

describe('parsedIpScope', () => {
  it('agrees with ipScope on what parseIp returns: every first byte, both versions, special ranges', () => {
    const texts: string[] = [];
    for (let b = 0; b < 256; b++) {
      texts.push(`${b}.0.0.1`, `${b}.255.255.254`, `${b}.64.2.1`);
      const group = (b << 8).toString(16);
      texts.push(`${group}::1`, `${(b << 8) | 0xff}::`, `${group}:db8::1`, `${b.toString(16)}::2`);
    }
    texts.push('::1', '::', 'fe80::1', 'febf::1', 'fec0::1', 'fd00::1', '2001:db8::1', '::ffff:10.0.0.1', '64:ff9b::1');
    let checked = 0;
    for (const text of texts) {
      const parsed = parseIp(text);
      if (!parsed) continue;
      checked++;
      expect(parsedIpScope(parsed.ip), parsed.ip).toBe(ipScope(parsed.ip));
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it('takes the long way for text parseIp would not return', () => {
    expect(parsedIpScope('300.1.1.1')).toBe(ipScope('300.1.1.1'));
    expect(parsedIpScope('1a.1.1.1')).toBe(ipScope('1a.1.1.1'));
    expect(parsedIpScope('not an ip')).toBe('reserved');
  });
});

describe('isNeverASource', () => {
  it('is true for this-network, multicast, reserved and broadcast IPv4 and unspecified or multicast IPv6', () => {
    for (const ip of [
      '0.0.0.0',
      '0.1.2.3',
      '224.0.0.1',
      '233.252.0.77',
      '239.255.255.250',
      '240.0.0.1',
      '255.255.255.255',
      '::',
      'ff02::1',
      'FF05::1:3',
    ])
      expect(isNeverASource(ip), ip).toBe(true);
  });

  it('is false for addresses a client can connect from, documentation and private ones included', () => {
    for (const ip of [
      '1.0.0.1',
      '192.0.2.1',
      '198.51.100.7',
      '223.255.255.255',
      '10.0.0.1',
      '127.0.0.1',
      '2001:db8::1',
      '::1',
      'fe80::1',
      'not an ip',
    ])
      expect(isNeverASource(ip), ip).toBe(false);
  });
});

describe('ipInPrefix', () => {
  it('matches IPv4 and IPv6 prefixes', () => {
    expect(ipInPrefix('40.107.1.2', '40.92.0.0/15')).toBe(false);
    expect(ipInPrefix('40.93.1.2', '40.92.0.0/15')).toBe(true);
    expect(ipInPrefix('2603:10b6:408:e6::28', '2603:10b6::/32')).toBe(true);
    expect(ipInPrefix('2603:10a6::1', '2603:10b6::/32')).toBe(false);
    expect(ipInPrefix('1.2.3.4', '0.0.0.0/0')).toBe(true);
  });
  it('is false for malformed input or mixed versions', () => {
    expect(ipInPrefix('1.2.3.4', '1.2.3.0')).toBe(false);
    expect(ipInPrefix('1.2.3.4', '1.2.3.0/33')).toBe(false);
    expect(ipInPrefix('::1', '0.0.0.0/0')).toBe(false);
    expect(ipInPrefix('x', '1.2.3.0/24')).toBe(false);
  });
});

describe('address words read into one scratch buffer', () => {
  it.each([
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1::2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
  ])('places the words after :: at the end (%s)', (text, canonical) => {
    expect(parseIp(text)?.ip).toBe(canonical);
  });

  it('keeps a compiled prefix apart from addresses parsed after it', () => {
    const prefix = compilePrefix('10.0.0.0/8')!;
    parseIp('2603:10b6:408:e6::28');
    ipScope('192.168.1.1');
    expect(ipInAnyPrefix('10.1.2.3', [prefix])).toBe(true);
    expect(ipInAnyPrefix('11.1.2.3', [prefix])).toBe(false);
  });
});
