import { describe, expect, it } from 'vitest';
import { Alignment, aligned, organizationalDomain } from '../../../src/core/auth/alignment';

describe('organizationalDomain (ICANN section of the PSL)', () => {
  it.each([
    ['mail.example.com', 'example.com'],
    ['Mail.Example.COM.', 'example.com'],
    ['example.com', 'example.com'],
    ['a.b.example.co.uk', 'example.co.uk'],
    ['bounces.mail.example.com.au', 'example.com.au'],
    ['user@news.example.org', 'example.org'],
    ['a.b.github.io', 'github.io'], // github.io is in the PRIVATE section: not a suffix here
    ['x.blogspot.com', 'blogspot.com'],
    ['mail.example.internal', 'example.internal'], // unlisted TLD: the default "*" rule
    ['xn--80ak6aa92e.com', 'xn--80ak6aa92e.com'],
  ])('%s -> %s', (domain, expected) => {
    expect(organizationalDomain(domain)).toBe(expected);
  });

  it.each(['co.uk', 'com', '192.0.2.1', '2001:db8::1', '', 'exa mple.com'])('%s has none', (domain) => {
    expect(organizationalDomain(domain)).toBeUndefined();
  });
});

describe('aligned (RFC 7489 §3.1)', () => {
  it.each([
    ['example.com', 'example.com', 's', true],
    ['Example.COM', 'example.com.', 's', true],
    ['mail.example.com', 'example.com', 's', false],
    ['mail.example.com', 'example.com', 'r', true],
    ['a.example.co.uk', 'b.example.co.uk', 'r', true],
    ['example.co.uk', 'other.co.uk', 'r', false],
    ['bob.github.io', 'alice.github.io', 'r', true],
    ['gethand-skin.20221208.gappssmtp.com', 'gmail.com', 'r', false],
    ['example.com', 'example.net', 'r', false],
    ['co.uk', 'co.uk', 'r', true],
    ['', '', 's', false],
    ['192.0.2.1', '192.0.2.1', 'r', true],
    ['192.0.2.1', '192.0.2.2', 'r', false],
  ] as const)('%s ~ %s (%s) = %s', (a, b, mode, expected) => {
    expect(aligned(a, b, mode)).toBe(expected);
  });
});

describe('Alignment (the memo of one analysis)', () => {
  // Relaxed pairs with no common dotted ending are told apart without a suffix-list lookup; a domain left
  // ending in a dot (`x..` less one dot) still aligns with its Organizational Domain.
  it.each([
    ['mail.example.com', 'example.com', true],
    ['a.example.co.uk', 'b.example.co.uk', true],
    ['example.co.uk', 'other.co.uk', false],
    ['example.com', 'example.net', false],
    ['mail.example.com', 'xample.com', false],
    ['com', 'example.com', false],
    ['mail.example.com..', 'example.com', true],
    ['example.com', 'news.example.com..', true],
    ['192.0.2.1', '198.51.100.1', false],
  ] as const)('%s ~ %s (r) = %s, as aligned()', (a, b, expected) => {
    expect(aligned(a, b, 'r')).toBe(expected);
    expect(new Alignment().aligned(a, b, 'r')).toBe(expected);
    expect(new Alignment().alignedDomains(a, b, 'r')).toBe(expected);
  });
});
