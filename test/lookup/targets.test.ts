import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { domainTargets, normaliseDomain } from '../../src/lookup/targets';

const headers = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

describe('domainTargets', () => {
  it('gives each domain its registrable domain under the ICANN suffix list, as the alignment reads it', () => {
    const analysis = analyze(
      headers([
        'From: Alice <alice@mail.example.co.uk>',
        'Return-Path: <bounce@Bounces.Example.COM.>',
        'Reply-To: ops@192.0.2.1',
        'DKIM-Signature: v=1; a=rsa-sha256; d=news.example.org; s=s1; h=from; bh=AA==; b=AA==',
        'Subject: hi',
      ]),
    );
    const byDomain = new Map(domainTargets(analysis).map((t) => [t.domain, t]));
    expect(byDomain.get('mail.example.co.uk')).toEqual({
      domain: 'mail.example.co.uk',
      registrableDomain: 'example.co.uk',
      roles: ['from'],
    });
    expect(byDomain.get('bounces.example.com')?.registrableDomain).toBe('example.com');
    expect(byDomain.get('news.example.org')).toMatchObject({ registrableDomain: 'example.org', roles: ['dkim'] });
    // An address literal's digits pass the label check but are no domain: nothing registrable to look up.
    expect(byDomain.get('192.0.2.1')?.registrableDomain).toBeNull();
  });

  it('never hands junk to a resolver', () => {
    expect(normaliseDomain('exa mple.com')).toBeUndefined();
    expect(normaliseDomain('localhost')).toBeUndefined();
    expect(normaliseDomain(' <Example.COM.> ')).toBe('example.com');
  });
});
