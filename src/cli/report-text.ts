import type { Analysis, Flag, Hop } from '../core/types';

const SEVERITY_MARK: Record<Flag['severity'], string> = {
  danger: 'DANGER ',
  warning: 'WARNING',
  info: 'info   ',
  good: 'good   ',
};
const SEVERITY_ORDER: Record<Flag['severity'], number> = { danger: 0, warning: 1, info: 2, good: 3 };

function hopLine(hop: Hop, a: Analysis): string {
  const from = [hop.from.rdns ?? hop.from.helo, hop.from.ip ? `[${hop.from.ip}]` : undefined].filter(Boolean).join(' ');
  const by = hop.by.host ?? hop.by.ip ?? '?';
  const marks: string[] = [];
  if (a.handoff?.hop === hop.index) marks.push('HANDOFF');
  if (a.origin?.hop === hop.index) marks.push('ORIGIN');
  const proto = [hop.with, hop.tls?.version].filter(Boolean).join(' ');
  const delay = hop.delaySeconds === null ? '' : ` +${formatDelay(hop.delaySeconds)}`;
  const head = `${String(hop.index + 1).padStart(3)}. ${from || '(no peer)'} → ${by}`;
  const tail = [proto, hop.date ? `${hop.date}${delay}` : undefined, `[${hop.zone}]`, ...marks]
    .filter(Boolean)
    .join('  ');
  return `${head}\n       ${tail}${hop.parsed ? '' : '  (unparsed)'}`;
}

export function formatDelay(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let s = Math.abs(seconds);
  if (s < 60) return `${sign}${s}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  if (h < 48) return `${sign}${h}h${Math.floor(s / 60) ? `${Math.floor(s / 60)}m` : ''}`;
  return `${sign}${Math.floor(h / 24)}d${h % 24 ? `${h % 24}h` : ''}`;
}

/** The human report printed by `hopscope analyze FILE` (the JSON form is the Analysis itself). */
export function renderText(file: string, a: Analysis): string {
  const out: string[] = [];
  const s = a.summary;
  out.push(`== ${file}`);
  if (s.subject !== undefined) out.push(`Subject:  ${s.subject}`);
  if (s.from) out.push(`From:     ${s.from.raw}`);
  if (s.date) out.push(`Date:     ${s.date}`);
  out.push(`Verdict:  ${s.verdict.toUpperCase()}   (${a.headers.length} header fields, ${s.hopCount} hops)`);
  if (a.handoff) {
    out.push(`Handoff:  ${a.handoff.ip}  (${a.handoff.confidence} confidence: ${a.handoff.reason})`);
    if (a.handoff.confirmedBy.length) out.push(`          confirmed by ${a.handoff.confirmedBy.join(', ')}`);
  } else out.push('Handoff:  none found');
  if (a.origin)
    out.push(`Origin:   ${a.origin.ip ?? '(no IP)'}  (${a.origin.confidence} confidence: ${a.origin.reason})`);
  const auth = [
    a.auth.spf ? `SPF ${a.auth.spf.result}` : undefined,
    a.auth.dkim?.length ? `DKIM ${a.auth.dkim.map((d) => d.result).join('/')}` : undefined,
    a.auth.dmarc ? `DMARC ${a.auth.dmarc.result}` : undefined,
    a.auth.arc ? `ARC ${a.auth.arc.result}` : undefined,
    a.auth.compauth ? `compauth ${a.auth.compauth.result}` : undefined,
  ].filter(Boolean);
  out.push(`Auth:     ${auth.length ? auth.join(' · ') : 'no trusted Authentication-Results'}`);
  if (a.hops.length) {
    out.push('', 'Hops (oldest first):');
    for (const hop of a.hops) out.push(hopLine(hop, a));
    if (s.totalDelaySeconds !== null) out.push(`     total delay ${formatDelay(s.totalDelaySeconds)}`);
  }
  if (a.antispam.length) {
    out.push('', 'Spam verdicts:');
    for (const v of a.antispam)
      out.push(
        `  ${v.trusted ? ' ' : '?'} ${v.field}: ${v.summary ?? v.items.map((i) => `${i.key}=${i.value}`).join(' ')}`,
      );
  }
  if (a.flags.length) {
    out.push('', 'Flags:');
    const flags = [...a.flags].sort((x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity]);
    for (const f of flags) out.push(`  ${SEVERITY_MARK[f.severity]} ${f.title}${f.detail ? ` — ${f.detail}` : ''}`);
  }
  if (a.diagnostics.length) {
    out.push('', `Diagnostics (${a.diagnostics.length}):`);
    for (const d of a.diagnostics.slice(0, 20)) {
      out.push(`  ${d.code}${d.header !== undefined ? ` (header ${d.header})` : ''}: ${d.message}`);
    }
    if (a.diagnostics.length > 20) out.push(`  … ${a.diagnostics.length - 20} more (use --json)`);
  }
  return out.join('\n');
}
