// src/core/psl.ts calls tldts' suffix trie and domain rule directly (to leave its URL parser out of the popup).
// Here it must give what tldts' public getDomain gives with the options the core used before, on host names
// from the corpora (when ../shared is present) and on the PSL's awkward cases: multi-label suffixes, wildcard
// and exception rules, unlisted TLDs, trailing dots, single labels, IDNA labels.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
// The ES module build, as the extension bundles it: tldts-icann's CommonJS entry (what Node would load) carries
// its own older copy of tldts-core, which keeps trailing dots.
import tldtsIsValidHostname from 'tldts-core/dist/es6/src/is-valid';
import { getDomain } from 'tldts-icann/dist/es6/index';
import { describe, expect, it } from 'vitest';
import { organizationalDomain } from '../../src/core/auth/alignment';
import { isValidHostname, registrableDomain } from '../../src/core/psl';

const BEFORE = {
  allowPrivateDomains: false,
  detectIp: false,
  extractHostname: false,
  validateHostname: false,
  mixedInputs: false,
} as const;

const CASES = [
  'example.com',
  'mail.example.com',
  'a.b.c.example.co.uk',
  'co.uk',
  'uk',
  'com',
  'localhost',
  'mail.example.internal',
  'x.y.kawasaki.jp', // *.kawasaki.jp
  'city.kawasaki.jp', // !city.kawasaki.jp
  'www.ck', // !www.ck
  'a.b.ck', // *.ck
  'a.b.github.io', // PRIVATE section: not a suffix here
  'example.com.',
  'example.com..',
  'xn--80ak6aa92e.com',
  'mail.xn--p1ai',
  'bounces.mail.example.com.au',
  'nic.xn--3e0b707e',
  'outbound.protection.outlook.com',
  'mail-yw1-f170.google.com',
];

/** Host names written in the Received fields of a corpus (from/by words that look like names), de-duplicated. */
function corpusHosts(limit: number): string[] {
  const root = resolve(import.meta.dirname, '../../../shared/corpus/phishing_pot');
  if (!existsSync(root)) return [];
  const hosts = new Set<string>();
  for (const name of readdirSync(root).slice(0, 400)) {
    const text = readFileSync(join(root, name), 'latin1');
    for (const m of text.matchAll(/\b(?:from|by) ([A-Za-z0-9][A-Za-z0-9.-]{2,100})/g)) hosts.add(m[1]!.toLowerCase());
    if (hosts.size >= limit) break;
  }
  return [...hosts];
}

describe('registrableDomain', () => {
  it('gives what tldts getDomain gives for the PSL edge cases', () => {
    for (const host of CASES) expect(registrableDomain(host), host).toBe(getDomain(host, BEFORE));
  });

  const hosts = corpusHosts(3000);
  it.skipIf(hosts.length === 0)(
    'gives what tldts getDomain gives for every host name in phishing_pot Received fields (../shared)',
    () => {
      for (const host of hosts) expect(registrableDomain(host), host).toBe(getDomain(host, BEFORE));
      expect(hosts.length).toBeGreaterThan(500);
    },
  );
});

describe('isValidHostname', () => {
  it('gives what tldts isValidHostname gives: every short text of host characters and others, long labels', () => {
    const alphabet = ['a', 'z', '0', '9', '-', '_', '.', 'A', 'é', ' ', '@', '/'];
    const texts: string[] = [''];
    let layer = [''];
    for (let n = 1; n <= 4; n++) {
      layer = layer.flatMap((t) => alphabet.map((c) => t + c));
      texts.push(...layer);
    }
    for (const n of [62, 63, 64]) {
      const label = 'a'.repeat(n);
      texts.push(label, `${label}.com`, `x.${label}`, `x.${label}.com`, `${label}-`, `-${label}`);
    }
    const long = Array.from({ length: 64 }, () => 'abc').join('.');
    for (const extra of ['', 'd', 'de', 'def', 'defg', '.de']) texts.push(long + extra);
    for (const text of [...texts, ...CASES, ...corpusHosts(1000)])
      expect(isValidHostname(text), JSON.stringify(text)).toBe(tldtsIsValidHostname(text));
  });
});

describe('organizationalDomain through psl.ts', () => {
  it('matches tldts getDomain (with validation and IP detection) on valid host names', () => {
    const strict = { allowPrivateDomains: false, allowIcannDomains: true, detectIp: true, validateHostname: true };
    for (const host of [...CASES, ...corpusHosts(1000)]) {
      if (!isValidHostname(host)) continue;
      expect(organizationalDomain(host) ?? null, host).toBe(getDomain(host, strict));
    }
  });

  it('gives no Organizational Domain for text that is not a host name, where tldts would read a URL', () => {
    expect(getDomain('http://example.com/x', { validateHostname: true })).toBe('example.com');
    expect(organizationalDomain('http://example.com/x')).toBeUndefined();
    expect(organizationalDomain('[192.0.2.1]')).toBeUndefined();
  });
});
