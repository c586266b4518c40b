// What the report's export buttons produce: JSON in the CLI's schema (`{file, ...Analysis}`, plus
// `enrichment` when lookups ran), Markdown for a ticket or a chat, and redacted copies of both that keep the
// evidence and hide who received the message. Pure functions: no DOM, no clipboard.

import { findAddresses } from '../core/headers/find-addresses';
import type { Analysis, HeaderField } from '../core/types';
import type { Enrichment } from '../lookup/types';
import {
  flagsBySeverity,
  formatDuration,
  formatHopDate,
  headlineOf,
  SEVERITY_LABEL,
  VERDICT_LABEL,
  verdictOf,
  ZONE_LABEL,
} from './format';

/** The CLI's JSON line for one input, pretty-printed. */
export function analysisJson(analysis: Analysis, file: string, enrichment?: Enrichment | null): string {
  return `${JSON.stringify({ file, ...analysis, ...(enrichment ? { enrichment } : {}) }, null, 2)}\n`;
}

// --- Redaction --------------------------------------------------------------------------------------------

/** Header fields that name the recipient. Their whole value (display names included) is replaced. */
export const RECIPIENT_FIELDS: ReadonlySet<string> = new Set([
  'to',
  'cc',
  'bcc',
  'delivered-to',
  'x-original-to',
  'envelope-to',
  'x-envelope-to',
  'x-rcpt-to',
  'original-recipient',
  'x-forwarded-to',
  'x-original-recipient',
]);

export const MASK = 'redacted';

function addressesIn(text: string): string[] {
  return findAddresses(text).map((f) => f.address.toLowerCase());
}

export interface RecipientView {
  /** Every recipient address (lower case): recipient fields, `for <…>` of Received, summary.to. */
  addresses: Set<string>;
  /** Their domains: any address there has its local part masked, wherever it appears. */
  domains: Set<string>;
}

export function recipientsOf(analysis: Analysis): RecipientView {
  const addresses = new Set<string>();
  for (const field of analysis.headers) {
    if (RECIPIENT_FIELDS.has(field.name.toLowerCase()))
      for (const a of addressesIn(field.decoded ?? field.value)) addresses.add(a);
  }
  for (const hop of analysis.hops) {
    if (hop.for) for (const a of addressesIn(hop.for)) addresses.add(a);
    // "for <…>" in a Received header the parser could not read is still a recipient.
    for (const m of hop.raw.matchAll(/\bfor\s+<?([^\s<>;]{1,254})/gi))
      for (const a of addressesIn(m[1]!)) addresses.add(a);
  }
  for (const to of analysis.summary.to ?? []) for (const a of addressesIn(to.address)) addresses.add(a);
  const domains = new Set([...addresses].map((a) => a.slice(a.lastIndexOf('@') + 1)));
  return { addresses, domains };
}

function maskText(text: string, view: RecipientView): string {
  let out = '';
  let last = 0;
  for (const found of findAddresses(text)) {
    const domain = found.address.slice(found.address.lastIndexOf('@') + 1);
    if (!view.addresses.has(found.address.toLowerCase()) && !view.domains.has(domain.toLowerCase())) continue;
    out += `${text.slice(last, found.start)}${MASK}@${domain}`;
    last = found.end;
  }
  return last === 0 ? text : out + text.slice(last);
}

function maskDeep<T>(value: T, view: RecipientView): T {
  if (typeof value === 'string') return maskText(value, view) as T;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, view)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, view);
    return out as T;
  }
  return value;
}

function maskedRecipientField(field: HeaderField): HeaderField {
  const masked = addressesIn(field.decoded ?? field.value).map((a) => `${MASK}@${a.slice(a.lastIndexOf('@') + 1)}`);
  const value = masked.length > 0 ? masked.join(', ') : MASK;
  return { index: field.index, name: field.name, raw: `${field.name}: ${value}`, value };
}

/**
 * The analysis with the recipient hidden: recipient fields reduced to masked addresses (no display names),
 * `for <…>` in Received masked, and the local part of every address in a recipient's domain masked wherever
 * it appears (headers, hops, flags, verdicts, diagnostics). Sender-side evidence is kept as it is.
 */
export function redactAnalysis(analysis: Analysis): Analysis {
  const view = recipientsOf(analysis);
  const masked = maskDeep(analysis, view);
  masked.headers = masked.headers.map((field) =>
    RECIPIENT_FIELDS.has(field.name.toLowerCase()) ? maskedRecipientField(field) : field,
  );
  if (masked.summary.to)
    masked.summary.to = masked.summary.to.map((a) => ({
      address: maskText(a.address, view),
      raw: maskText(a.address, view),
    }));
  return masked;
}

export function redactEnrichment(enrichment: Enrichment, analysis: Analysis): Enrichment {
  return maskDeep(enrichment, recipientsOf(analysis));
}

// --- Markdown ---------------------------------------------------------------------------------------------

/** Header text as inert Markdown: one line, every character that Markdown or HTML would act on escaped. */
export function md(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_[\]<>|#!~()&]/g, (ch) => `\\${ch}`)
    .trim();
}

/** A code span for machine text (IPs, host names); falls back to escaped text if it holds a backtick. */
function code(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  return flat.includes('`') ? md(flat) : `\`${flat}\``;
}

export function analysisMarkdown(analysis: Analysis, enrichment?: Enrichment | null): string {
  const extra = enrichment?.flags ?? [];
  const { summary, handoff, auth } = analysis;
  const lines: string[] = [];
  lines.push(`## Hopscope report${summary.subject ? `: ${md(summary.subject)}` : ''}`, '');
  lines.push(`**${VERDICT_LABEL[verdictOf(analysis, extra)]}:** ${md(headlineOf(analysis, extra))}`, '');
  if (summary.from)
    lines.push(`- **From:** ${summary.from.name ? `${md(summary.from.name)} ` : ''}${code(summary.from.address)}`);
  if (summary.replyTo?.length) lines.push(`- **Reply-To:** ${summary.replyTo.map((a) => code(a.address)).join(', ')}`);
  if (summary.date) lines.push(`- **Date:** ${md(summary.date)}`);
  if (summary.messageId) lines.push(`- **Message-ID:** ${code(summary.messageId)}`);
  if (summary.handoffIp)
    lines.push(
      `- **Handoff IP:** ${code(summary.handoffIp)}${handoff ? ` (${handoff.confidence} confidence, hop ${handoff.hop + 1})` : ''}`,
    );
  const dkim = auth.dkim?.find((v) => v.result === 'pass') ?? auth.dkim?.[0];
  const chips = (
    [
      ['SPF', auth.spf],
      ['DKIM', dkim],
      ['DMARC', auth.dmarc],
    ] as const
  ).map(([name, v]) => `${name} ${v ? md(v.result) : 'none'}`);
  lines.push(`- **Authentication (recipient's servers):** ${chips.join(' · ')}`);
  lines.push(
    `- **Path:** ${summary.hopCount} hop(s)${summary.totalDelaySeconds !== null ? `, ${formatDuration(summary.totalDelaySeconds)} in transit` : ''}`,
    '',
  );

  const flags = flagsBySeverity([...analysis.flags, ...extra]);
  if (flags.length > 0) {
    lines.push(`### Findings (${flags.length})`, '');
    for (const flag of flags)
      lines.push(`- **${SEVERITY_LABEL[flag.severity]}:** ${md(flag.title)}. ${md(flag.detail)}`);
    lines.push('');
  }

  if (analysis.hops.length > 0) {
    lines.push(
      `### Path (oldest first)`,
      '',
      '| # | From | By | With | Time | Delay | Zone |',
      '|---|---|---|---|---|---|---|',
    );
    for (const hop of analysis.hops) {
      const from = [hop.from.rdns ?? hop.from.helo, hop.from.ip ? `[${hop.from.ip}]` : undefined]
        .filter(Boolean)
        .join(' ');
      const marks = [
        handoff?.hop === hop.index ? 'handoff' : '',
        analysis.origin?.hop === hop.index ? 'origin' : '',
      ].filter(Boolean);
      lines.push(
        `| ${hop.index + 1} | ${from ? code(from) : '—'} | ${hop.by.host ? code(hop.by.host) : '—'} | ${hop.with ? md(hop.with) : '—'}${hop.tls ? ' TLS' : ''} | ${hop.date ? md(formatHopDate(hop.date)) : '—'} | ${hop.delaySeconds !== null ? md(formatDuration(hop.delaySeconds)) : '—'} | ${ZONE_LABEL[hop.zone]}${marks.length ? ` (${marks.join(', ')})` : ''} |`,
      );
    }
    lines.push('');
  }

  if (auth.results.length > 0) {
    lines.push('### Authentication-Results', '');
    for (const header of [...auth.results].sort((a, b) => Number(b.trusted) - Number(a.trusted))) {
      const results = header.results.map((r) => `${r.method}=${r.result}`).join(' ');
      lines.push(
        `- ${header.trusted ? 'Trusted' : `**Untrusted** (${md(header.trustReason)})`}: ${code(header.authservId ?? '(no authserv-id)')} ${md(results)}`,
      );
    }
    lines.push('');
  }

  if (enrichment) {
    const ips = Object.values(enrichment.ips);
    if (ips.length > 0) {
      lines.push('### Lookups', '');
      for (const ip of ips) {
        const listed = ip.blocklists.filter((b) => b.status === 'listed').map((b) => b.zone);
        lines.push(
          `- ${code(ip.ip)}: PTR ${ip.ptr ? code(ip.ptr) : md(ip.status.ptr.status)}, FCrDNS ${ip.fcrdns}${ip.asn ? `, AS${ip.asn.number} ${md(ip.asn.name ?? '')}` : ''}, ${listed.length ? `listed on ${listed.map(md).join(', ')}` : `not listed on ${ip.blocklists.filter((b) => b.status === 'not-listed').length} list(s)`}`,
        );
      }
      lines.push('');
    }
  }
  lines.push(
    '_Analyzed with Hopscope. Header text is quoted as written; it is evidence, not a statement by Hopscope._',
    '',
  );
  return lines.join('\n');
}

/** A file name for the export: the subject reduced to safe characters, or "message". */
export function exportFileName(analysis: Analysis, suffix: string): string {
  const base = (analysis.summary.subject ?? 'message')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${base || 'message'}${suffix}`;
}
