import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Report } from '../../src/ui/Report';
import { renderRoot, textOf as text } from './render-root';
import { sampleAnalysis, XSS_VALUE } from './sample-analysis';

const root = renderRoot();

describe('Report', () => {
  it('shows the verdict, the worst finding and the handoff IP at a glance', () => {
    render(<Report analysis={sampleAnalysis()} />, root);
    const verdict = root.querySelector('.verdict')!;
    expect(text(verdict.querySelector('.verdict-badge'))).toBe('Dangerous');
    // The worst flag leads, although the core listed a warning first.
    expect(text(verdict.querySelector('h2'))).toBe('Display name shows a different address');
    expect(text(verdict)).toContain('203.0.113.45');
    expect(text(verdict)).toContain('high confidence');
    expect(text(verdict)).toContain('SPF pass');
    expect(text(verdict)).toContain('DKIM fail');
    expect(text(verdict)).toContain('DMARC pass');
  });

  it('lists the hops oldest first in an ordered list, one item per hop', () => {
    render(<Report analysis={sampleAnalysis()} />, root);
    const items = [...root.querySelectorAll('ol.timeline > li')];
    expect(items).toHaveLength(5);
    expect(items.map((li) => text(li.querySelector('.hop-number')))).toEqual([
      'Hop 1',
      'Hop 2',
      'Hop 3',
      'Hop 4',
      'Hop 5',
    ]);
    expect(text(items[0])).toContain('198.51.100.77');
    expect(text(items[0])).toContain('by mail.secure-docsign.example');
    expect(text(items[4])).toContain('SA1PR11MB8473.namprd11.prod.outlook.com');
  });

  it('names each zone in words, not only by colour', () => {
    render(<Report analysis={sampleAnalysis()} />, root);
    const zones = [...root.querySelectorAll('ol.timeline > li .zone-tag')].map((el) => text(el));
    expect(zones).toEqual(['Sender', 'Sender', 'Recipient', 'Recipient']);
    // The handoff hop says "Handoff" once, in its marker, instead of a zone tag.
    const handoff = root.querySelectorAll('ol.timeline > li')[2]!;
    expect(handoff.querySelector('.zone-tag')).toBeNull();
    expect(text(handoff.querySelector('.marker-handoff'))).toBe('Handoff · high confidence');
  });

  it('marks the handoff and origin hops', () => {
    render(<Report analysis={sampleAnalysis()} />, root);
    const items = [...root.querySelectorAll('ol.timeline > li')];
    const handoffItems = items.filter((li) => li.querySelector('.marker-handoff'));
    expect(handoffItems).toHaveLength(1);
    expect(handoffItems[0]).toBe(items[2]);
    expect(text(items[2]!.querySelector('.marker-handoff'))).toBe('Handoff · high confidence');
    expect(text(items[0]!.querySelector('.marker-origin'))).toBe('Origin · medium confidence');
  });

  it('shows protocol, TLS, time as written, delay, and the raw header behind a disclosure', () => {
    render(<Report analysis={sampleAnalysis()} />, root);
    const handoff = root.querySelectorAll('ol.timeline > li')[2]!;
    expect(text(handoff)).toContain('Microsoft SMTP Server');
    expect(text(handoff)).toContain('TLS TLS1_2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
    expect(text(handoff.querySelector('time'))).toBe('2025-03-04 09:15:05 +00:00');
    expect(text(handoff)).toContain('+4 s');
    const raw = handoff.querySelector('details');
    expect(raw?.open).toBe(false);
    expect(text(raw?.querySelector('pre'))).toContain(
      'by BN2PEPF000044A8.mail.protection.outlook.com (10.167.243.102)',
    );
    // A hop on loopback says so.
    expect(text(root.querySelectorAll('ol.timeline > li')[1])).toContain('loopback');
  });

  it('lists findings worst first with their evidence', () => {
    render(<Report analysis={sampleAnalysis()} />, root);
    const flags = [...root.querySelectorAll('ul.flags > li')];
    expect(flags.map((li) => text(li.querySelector('.badge')))).toEqual(['Danger', 'Warning', 'Info']);
    expect(text(flags[0])).toContain('Header 7');
    expect(flags[0]!.querySelector('a.evidence-link')?.getAttribute('href')).toBe('#header-6');
    expect(flags[2]!.querySelector('a.evidence-link')?.getAttribute('href')).toBe('#hop-2');
  });

  it('renders header text as text: an HTML payload creates no element', () => {
    render(<Report analysis={sampleAnalysis()} />, root);
    expect(root.querySelector('img')).toBeNull();
    const values = [...root.querySelectorAll('.header-value')].map((el) => el.textContent);
    expect(values).toContain(XSS_VALUE);
    // No link anywhere points outside the report.
    for (const a of root.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^#(hop|header)-\d+$/);
  });

  it('lists every header in order and the parser notes', () => {
    render(<Report analysis={sampleAnalysis()} />, root);
    const names = [...root.querySelectorAll('ol.headers > li .header-name')].map((el) => text(el));
    expect(names.slice(0, 3)).toEqual(['Received', 'Received', 'Authentication-Results']);
    expect(names).toHaveLength(10);
    expect(text(root.querySelector('.diagnostics'))).toContain('date-zone-comment');
  });
});

describe('Report: spam filter verdicts', () => {
  it('shows each decoded vendor verdict with its meaning and whether the recipient wrote it', () => {
    const analysis = sampleAnalysis();
    analysis.antispam = [
      {
        vendor: 'Microsoft',
        header: 9,
        field: 'X-Forefront-Antispam-Report',
        trusted: true,
        summary: 'Microsoft: SCL 5 (spam), CAT:PHSH (phishing)',
        score: 5,
        items: [{ key: 'CAT', value: 'PHSH', meaning: 'Phishing' }],
      },
    ];
    render(<Report analysis={analysis} />, root);
    const item = root.querySelector('ul.vendor-verdicts > li')!;
    expect(text(item.querySelector('.vendor-summary'))).toBe('Microsoft: SCL 5 (spam), CAT:PHSH (phishing)');
    expect(text(item.querySelector('.trust-tag'))).toBe("Recipient's filter");
    expect(text(item.querySelector('dt'))).toBe('CAT=PHSH');
    expect(text(item.querySelector('dd'))).toBe('Phishing');
  });
});

describe('Report: headline', () => {
  it('is the worst flag by severity, then importance: a filter phishing verdict beats a DKIM fail', () => {
    const analysis = sampleAnalysis();
    analysis.flags = [
      { id: 'dkim-fail', severity: 'danger', title: 'DKIM signature failed', detail: '', evidence: [] },
      { id: 'reply-to-differs', severity: 'warning', title: 'Replies go elsewhere', detail: '', evidence: [] },
      {
        id: 'recipient-filter-verdict',
        severity: 'danger',
        title: "The recipient's spam filter flagged it",
        detail: '',
        evidence: [],
      },
    ];
    render(<Report analysis={analysis} />, root);
    expect(text(root.querySelector('.verdict h2'))).toBe("The recipient's spam filter flagged it");
    const titles = [...root.querySelectorAll('ul.flags .flag-title')].map((el) => text(el));
    expect(titles).toEqual(["The recipient's spam filter flagged it", 'DKIM signature failed', 'Replies go elsewhere']);
  });

  it('an injected Authentication-Results header beats a failed signature too', () => {
    const analysis = sampleAnalysis();
    analysis.flags = [
      { id: 'dkim-fail', severity: 'danger', title: 'DKIM signature failed', detail: '', evidence: [] },
      {
        id: 'injected-auth-results',
        severity: 'danger',
        title: 'Forged Authentication-Results',
        detail: '',
        evidence: [],
      },
    ];
    render(<Report analysis={analysis} />, root);
    expect(text(root.querySelector('.verdict h2'))).toBe('Forged Authentication-Results');
  });
});

describe('Report: authentication panel', () => {
  it('lists trusted Authentication-Results first and marks untrusted ones with their reason', () => {
    const analysis = sampleAnalysis();
    analysis.auth.results = [
      {
        header: 5,
        kind: 'authentication-results',
        authservId: 'mx.attacker.example',
        version: null,
        results: [{ method: 'dkim', result: 'pass', props: { 'header.d': 'bank.example' } }],
        trusted: false,
        trustReason: 'below the handoff: it arrived with the message',
      },
      {
        header: 2,
        kind: 'authentication-results',
        authservId: 'mx.recipient.example',
        version: null,
        results: [{ method: 'spf', result: 'fail', props: { 'smtp.mailfrom': 'bank.example' } }],
        trusted: true,
        trustReason: "written by the recipient's servers",
      },
    ];
    analysis.auth.dkimSignatures = [
      {
        header: 8,
        tags: {},
        domain: 'bank.example',
        selector: 's1',
        algorithm: 'rsa-sha256',
        signedHeaders: ['from', 'to'],
      },
    ];
    render(<Report analysis={analysis} />, root);
    const items = [...root.querySelectorAll('.auth-results > li')];
    expect(items.map((li) => text(li.querySelector('.trust-tag')))).toEqual(['Trusted', 'Untrusted']);
    expect(text(items[1])).toContain('Not used: below the handoff: it arrived with the message');
    expect(text(items[1])).toContain('mx.attacker.example');
    expect(text(root.querySelector('.auth-panel'))).toContain('d=bank.example s=s1 rsa-sha256 · 2 signed headers');
  });
});
