import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/core/analyze';
import type { Diagnostic, Flag } from '../../src/core/types';
import { DIAGNOSTICS_SHOWN, DiagnosticList } from '../../src/ui/Diagnostics';
import { EVIDENCE_SHOWN, EvidenceList } from '../../src/ui/Evidence';
import { citedBy, FINDINGS_SHOWN, FlagList } from '../../src/ui/Flags';
import { MessageView } from '../../src/ui/MessageView';
import { Report } from '../../src/ui/Report';
import { VendorVerdicts } from '../../src/ui/VendorVerdicts';
import { renderRoot, textOf as text } from './render-root';

// A forged path of 10,000 linked hops over TLS gives one finding that cites every hop; a rule that finds
// something on each hop gives 10,000 findings; a pasted binary file a diagnostic a line. Each list shows its
// first items and offers the rest.
const root = renderRoot();
const finding = (i: number, hops: number): Flag => ({
  id: `rule-${i}`,
  severity: 'warning',
  title: `Finding ${i}`,
  detail: 'detail',
  evidence: Array.from({ length: hops }, (_, hop) => ({ hop, header: hop })),
});
const items = (selector: string) => root.querySelectorAll(`${selector} > li:not(.more-note)`).length;
const note = (selector: string) => text(root.querySelector(`${selector} > li.more-note`));

describe('long lists in the report', () => {
  it('shows a finding’s first evidence items, and the rest on a click', async () => {
    render(<EvidenceList evidence={finding(0, 10_000).evidence} />, root);
    expect(items('ul.evidence')).toBe(EVIDENCE_SHOWN);
    expect(note('ul.evidence')).toBe(`${(10_000 - EVIDENCE_SHOWN).toLocaleString()} more items. Show all 10,000`);
    (root.querySelector('li.more-note button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(items('ul.evidence')).toBe(10_000));
  });

  it('shows the first findings, worst first, and the rest on a click', async () => {
    const flags = Array.from({ length: 500 }, (_, i) => finding(i, 1));
    flags.push({ ...finding(500, 1), severity: 'danger', title: 'The worst' });
    render(<FlagList flags={flags} />, root);
    expect(items('ul.flags')).toBe(FINDINGS_SHOWN);
    expect(text(root.querySelector('ul.flags > li .flag-title'))).toBe('The worst');
    expect(note('ul.flags')).toBe(`${501 - FINDINGS_SHOWN} more findings. Show all 501`);
    (root.querySelector('ul.flags > li.more-note button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(items('ul.flags')).toBe(501));
  });

  it('shows the first diagnostics', () => {
    const diagnostics: Diagnostic[] = Array.from({ length: 5_000 }, (_, header) => ({
      code: 'no-colon',
      message: 'not a header field',
      header,
    }));
    render(<DiagnosticList diagnostics={diagnostics} />, root);
    expect(items('ul.diagnostics')).toBe(DIAGNOSTICS_SHOWN);
    expect(note('ul.diagnostics')).toMatch(/^4,900 more diagnostics\. Show all 5,000$/);
  });

  it('shows a vendor verdict’s first items in its description list', async () => {
    const items = Array.from({ length: 500 }, (_, k) => ({ key: `T_${k}`, value: '0.1' }));
    render(
      <VendorVerdicts
        verdicts={[{ vendor: 'SpamAssassin', header: 3, field: 'X-Spam-Status', trusted: true, items }]}
      />,
      root,
    );
    expect(root.querySelectorAll('dl.vendor-items > div:not(.more-note)')).toHaveLength(100);
    expect(text(root.querySelector('dl.vendor-items > div.more-note'))).toBe('400 more items. Show all 500');
    (root.querySelector('dl.vendor-items > div.more-note button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(root.querySelectorAll('dl.vendor-items > div:not(.more-note)')).toHaveLength(500));
  });

  it('a new message gets a new report: "Show all" does not carry over', async () => {
    // 300 hops from the same relay: a long timeline whatever the trust walk makes of it.
    const message = (subject: string) =>
      `${Array.from({ length: 300 }, (_, i) => `Received: from a${i}.example.net (a${i}.example.net [81.2.69.${(i % 200) + 1}]) by b${i}.example.net; Mon, 6 May 2024 10:00:00 +0000`).join('\n')}\nSubject: ${subject}\n`;
    const view = (text: string) => (
      <MessageView
        input={{ text, origin: 'Pasted text', file: 'paste' }}
        layout="page"
        report={Report}
        analyze={analyze}
        settings={null}
      />
    );
    const hops = () => root.querySelectorAll('ol.timeline > li:not(.hop-gap)').length;
    render(view(message('one')), root);
    expect(hops()).toBeLessThan(300);
    (root.querySelector('li.hop-gap button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(hops()).toBe(300));
    render(view(message('two')), root);
    await vi.waitFor(() => expect(hops()).toBeLessThan(300));
  });

  it('short lists are shown whole, with no note', () => {
    render(<FlagList flags={[finding(0, EVIDENCE_SHOWN)]} />, root);
    expect(items('ul.evidence')).toBe(EVIDENCE_SHOWN);
    expect(root.querySelector('li.more-note')).toBeNull();
  });

  it('cites only what the findings list shows at first', () => {
    const flags = Array.from({ length: 100 }, (_, i) => finding(i, 1_000));
    expect(citedBy(flags, 'hop')).toHaveLength(FINDINGS_SHOWN * EVIDENCE_SHOWN);
    expect(citedBy([finding(0, 3)], 'header')).toEqual([0, 1, 2]);
  });
});
