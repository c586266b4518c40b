import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { Enrichment, IpEnrichment } from '../../src/lookup/types';
import { Lookups, reputationOf } from '../../src/ui/Lookups';
import { Report } from '../../src/ui/Report';
import { renderRoot, textOf as text } from './render-root';
import { sampleAnalysis } from './sample-analysis';

const root = renderRoot();

function ip(overrides: Partial<IpEnrichment> = {}): IpEnrichment {
  return {
    ip: '203.0.113.45',
    version: 4,
    scope: 'public',
    roles: ['handoff'],
    hops: [2],
    ptr: 'mail.secure-docsign.example',
    ptrNames: ['mail.secure-docsign.example'],
    fcrdns: 'pass',
    asn: { number: 64500, name: 'EXAMPLE-HOSTING', prefix: '203.0.113.0/24', country: 'NL', source: 'team-cymru' },
    blocklists: [
      { list: 'spamcop', zone: 'bl.spamcop.net', status: 'listed', codes: ['127.0.0.2'], meaning: 'reported by users' },
      { list: 'psbl', zone: 'psbl.surriel.com', status: 'not-listed', codes: [] },
      { list: 'mailspike', zone: 'bl.mailspike.net', status: 'timeout', codes: [] },
    ],
    abuseipdb: null,
    status: {
      ptr: { status: 'ok' },
      fcrdns: { status: 'ok' },
      asn: { status: 'ok' },
      abuseipdb: { status: 'not-applicable' },
    },
    ...overrides,
  };
}

function enrichment(complete: boolean, ips: IpEnrichment[]): Enrichment {
  return {
    schema: 1,
    complete,
    ips: Object.fromEntries(ips.map((i) => [i.ip, i])),
    domains: {
      'secure-docsign.example': {
        domain: 'secure-docsign.example',
        registrableDomain: 'secure-docsign.example',
        roles: ['from'],
        registered: '2025-02-20T10:00:00Z',
        ageDays: 12,
        spf: 'v=spf1 ip4:203.0.113.45 -all',
        dmarc: null,
        blocklists: [],
        status: { rdap: { status: 'ok' }, spf: { status: 'ok' }, dmarc: { status: 'pending' } },
      },
    },
    selfTests: {},
    flags: [],
  };
}

describe('Lookups', () => {
  it('shows each answer with its status: PTR, FCrDNS, network, blocklists, domain age and records', () => {
    render(<Lookups lookup={{ state: 'done', enrichment: enrichment(true, [ip()]) }} />, root);
    const item = root.querySelector('.lookup-item')!;
    expect(text(item)).toContain('203.0.113.45');
    expect(text(item)).toContain('handoff');
    expect(text(item)).toContain('mail.secure-docsign.example');
    expect(text(item)).toContain('AS64500 EXAMPLE-HOSTING · NL · 203.0.113.0/24');
    expect(text(item)).toContain('listed 1 · not listed 1 · timed out 1');
    expect(text(item.querySelector('.listed'))).toContain('bl.spamcop.net 127.0.0.2');
    const domain = root.querySelectorAll('.lookup-item')[1]!;
    expect(text(domain)).toContain('2025-02-20 (12 days ago)');
    expect(text(domain)).toContain('v=spf1 ip4:203.0.113.45 -all');
    expect(text(root.querySelector('[role=status]'))).toBe('Lookups finished; 1 gave no usable answer (marked below).');
  });

  it('fills in progressively: pending items say "waiting…" while running, "no answer" once stalled', () => {
    const pending = ip({
      ptr: null,
      asn: null,
      blocklists: [],
      status: {
        ptr: { status: 'pending' },
        fcrdns: { status: 'pending' },
        asn: { status: 'pending' },
        abuseipdb: { status: 'pending' },
      },
    });
    render(<Lookups lookup={{ state: 'running', enrichment: enrichment(false, [pending]) }} />, root);
    expect(root.querySelector('.lookups')?.getAttribute('aria-busy')).toBe('true');
    expect(text(root.querySelector('.lookup-item dd'))).toBe('waiting…');
    const retry = vi.fn();
    render(<Lookups lookup={{ state: 'stalled', enrichment: enrichment(false, [pending]) }} onRetry={retry} />, root);
    expect(text(root.querySelector('.lookup-item dd'))).toBe('no answer');
    expect(text(root.querySelector('.lookup-item'))).not.toContain('waiting');
    expect(text(root.querySelector('[role=status]'))).toContain('no answer in time');
    (root.querySelector('[role=status] button') as HTMLButtonElement).click();
    expect(retry).toHaveBeenCalledOnce();
  });

  it('says plainly when lookups are off', () => {
    render(<Lookups lookup={{ state: 'off' }} onOpenSettings={() => {}} />, root);
    expect(text(root)).toContain('Network lookups are off: nothing about this message has left your computer.');
  });

  it('gives the verdict line the handoff IP reputation', () => {
    expect(reputationOf(enrichment(true, [ip()]), '203.0.113.45', true)).toBe('listed on 1 of 2 blocklists');
    render(
      <Report analysis={sampleAnalysis()} lookup={{ state: 'done', enrichment: enrichment(true, [ip()]) }} />,
      root,
    );
    expect(text(root.querySelector('.verdict'))).toContain(
      '203.0.113.45 · high confidence · listed on 1 of 2 blocklists',
    );
  });
});
