import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import type { Analysis } from '../../src/core/types';
import { analysisJson, analysisMarkdown, exportFileName, md, recipientsOf, redactAnalysis } from '../../src/ui/export';
import { sampleAnalysis } from './sample-analysis';

const NOW = Date.parse('2025-03-12T00:00:00Z');
const list = analyze(readFileSync('test/fixtures/ui/list-12-hops.eml', 'utf8'), { now: NOW });

function everyString(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) everyString(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) everyString(v, out);
  return out;
}

describe('analysisJson', () => {
  it('is the CLI schema: {file, ...Analysis}, with enrichment only when given', () => {
    const parsed = JSON.parse(analysisJson(list, 'list.eml'));
    expect(Object.keys(parsed)[0]).toBe('file');
    expect(parsed.file).toBe('list.eml');
    expect(parsed.schema).toBe(1);
    expect(parsed.hops).toHaveLength(12);
    expect(parsed).not.toHaveProperty('enrichment');
    const withLookups = JSON.parse(
      analysisJson(list, 'x', { schema: 1, complete: true, ips: {}, domains: {}, selfTests: {}, flags: [] }),
    );
    expect(withLookups.enrichment.complete).toBe(true);
  });
});

describe('redactAnalysis', () => {
  const redacted = redactAnalysis(list);
  const text = everyString(redacted).join('\n');

  it('finds the recipients in Delivered-To, To and the for <…> of Received', () => {
    const view = recipientsOf(list);
    expect([...view.addresses]).toEqual(expect.arrayContaining(['j.doe@recipient.example', 'dev@lists.example.org']));
    expect(view.domains.has('recipient.example')).toBe(true);
  });

  it('leaves no recipient local part anywhere in the analysis', () => {
    expect(text).not.toMatch(/j\.doe/);
    expect(text).not.toMatch(/\bdev@lists/);
    expect(text).toContain('redacted@recipient.example');
    expect(redacted.summary.to).toEqual([{ address: 'redacted@lists.example.org', raw: 'redacted@lists.example.org' }]);
  });

  it('masks the local part of other addresses in a recipient domain (dev-bounces@lists.example.org)', () => {
    expect(text).not.toContain('dev-bounces@');
    expect(redacted.summary.returnPath ?? '').not.toContain('dev-bounces');
  });

  it('keeps the sender-side evidence: From, hosts, IPs, hop count, verdicts', () => {
    expect(redacted.summary.from?.address).toBe('m.rossi@sender-corp.example');
    expect(redacted.hops).toHaveLength(12);
    expect(redacted.summary.handoffIp).toBe('203.0.113.25');
    expect(redacted.hops[9]!.raw).toContain('out.lists.example.org');
    expect(redacted.auth.dmarc?.result).toBe('pass');
  });

  it('replaces recipient fields whole, display names included', () => {
    const a: Analysis = analyze('To: "Jane Q. Doe" <jane@corp.example>, bob@corp.example\nSubject: x\n', { now: NOW });
    const to = redactAnalysis(a).headers.find((h) => h.name === 'To')!;
    expect(to.value).toBe('redacted@corp.example, redacted@corp.example');
    expect(to.raw).toBe('To: redacted@corp.example, redacted@corp.example');
    expect(everyString(redactAnalysis(a)).join(' ')).not.toMatch(/Jane|jane|bob/);
  });

  it('does not change the input object', () => {
    const before = JSON.stringify(list);
    redactAnalysis(list);
    expect(JSON.stringify(list)).toBe(before);
  });
});

describe('analysisMarkdown', () => {
  it('leads with the verdict and the worst finding, then findings, path and authentication', () => {
    const out = analysisMarkdown(sampleAnalysis());
    const lines = out.split('\n');
    expect(lines[0]).toBe('## Hopscope report: Action required: review and sign "Q1 2025 Salary Adjustment.pdf"');
    expect(out).toContain('**Dangerous:** Display name shows a different address');
    expect(out).toContain('- **Handoff IP:** `203.0.113.45` (high confidence, hop 3)');
    expect(out).toContain('SPF pass · DKIM fail · DMARC pass');
    expect(out).toMatch(/\| 3 \| `mail\.secure-docsign\.example \[203\.0\.113\.45\]` \|/);
  });

  it('has a table row per hop of the 12-hop message', () => {
    expect(
      analysisMarkdown(list)
        .split('\n')
        .filter((l) => /^\| \d+ \|/.test(l)),
    ).toHaveLength(12);
  });

  it('escapes header text so it cannot become HTML, links or table cells', () => {
    expect(md('<img src=x onerror=alert(1)> [a](javascript:x) | b')).toBe(
      '\\<img src=x onerror=alert\\(1\\)\\> \\[a\\]\\(javascript:x\\) \\| b',
    );
    const a = sampleAnalysis();
    a.summary.subject = 'Hi <script>x</script>\n## injected';
    const out = analysisMarkdown(a);
    expect(out).not.toContain('<script>');
    expect(out.split('\n').filter((l) => l.startsWith('## '))).toHaveLength(1);
  });
});

describe('exportFileName', () => {
  it('makes a safe name from the subject', () => {
    expect(exportFileName(list, '.json')).toBe('dev-release-4-2-freeze-branch-cut-on-thursday-please-land-yo.json');
    const a = sampleAnalysis();
    delete a.summary.subject;
    expect(exportFileName(a, '.json')).toBe('message.json');
  });
});
