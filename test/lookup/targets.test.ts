import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { enrich } from '../../src/lookup/enrich';
import {
  domainTargets,
  ipTargets,
  MAX_IP_TARGETS,
  MAX_LISTED_DOMAINS,
  normaliseDomain,
} from '../../src/lookup/targets';

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

describe('how much a message can make Hopscope ask', () => {
  // A forged path of `n` hops, each from its own public address (81.2.x.y; the fetch below is a fake).
  const forged = (n: number) => {
    const hops = Array.from({ length: n }, (_, i) => {
      const ip = `81.2.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      return `Received: from h${i}.ex${i}.example (h${i}.ex${i}.example [${ip}]) by h${i + 1}.ex${i + 1}.example with ESMTPS; Mon, 6 May 2024 10:00:00 +0000`;
    });
    return headers([...hops.reverse(), 'From: a@example.org', 'Subject: hi']);
  };

  it('looks up at most MAX_IP_TARGETS addresses, the handoff and those nearest it, and counts the rest', () => {
    const analysis = analyze(forged(600));
    const { targets, skipped } = ipTargets(analysis);
    expect(targets).toHaveLength(MAX_IP_TARGETS);
    expect(skipped).toBe(600 - MAX_IP_TARGETS);
    expect(targets[0]!.roles).toContain('handoff');
    const hopsKept = targets.flatMap((t) => t.hops).sort((a, b) => a - b);
    // The origin (the oldest hop of this consistent forged path) and the hops nearest the handoff.
    expect(analysis.origin?.hop).toBe(0);
    expect(hopsKept).toEqual([
      0,
      ...Array.from({ length: MAX_IP_TARGETS - 1 }, (_, k) => 600 - MAX_IP_TARGETS + 1 + k),
    ]);
    // Under the cap nothing changes: every public hop, oldest first after the handoff and origin.
    const small = ipTargets(analyze(forged(5)));
    expect(small).toMatchObject({ skipped: 0 });
    expect(small.targets).toHaveLength(5);
  });

  it('looks up at most MAX_LISTED_DOMAINS DKIM and Reply-To domains', () => {
    const dkim = Array.from(
      { length: 50 },
      (_, k) => `DKIM-Signature: v=1; a=rsa-sha256; d=d${k}.example.org; s=s; h=from; bh=AA==; b=AA==`,
    );
    const domains = domainTargets(analyze(headers(['From: a@example.com', ...dkim])));
    expect(domains.filter((d) => d.roles.includes('dkim'))).toHaveLength(MAX_LISTED_DOMAINS);
    expect(domains[0]!.roles).toEqual(['from']);
  });

  it('a forged path of 1,000 hops costs no more requests than one of MAX_IP_TARGETS', async () => {
    const count = async (n: number) => {
      let calls = 0;
      const fetch = async () => {
        calls++;
        return new Response('', { status: 500 });
      };
      const e = await enrich(
        analyze(forged(n)),
        { enabled: true, resolvers: ['https://127.0.0.1:9/dns-query'], timeoutMs: 200 },
        { fetch },
      );
      return { calls, skipped: e.skippedIps ?? 0 };
    };
    const capped = await count(MAX_IP_TARGETS);
    const many = await count(1_000);
    expect(many.skipped).toBe(1_000 - MAX_IP_TARGETS);
    expect(many.calls).toBeLessThanOrEqual(capped.calls);
    expect(capped.calls).toBeGreaterThan(MAX_IP_TARGETS);
  });
});
