import { Alignment } from '../auth/alignment';
import { type ParsedDate, parseDate } from '../date';
import type { FieldIndex, NamedFields } from '../headers/fields';
import type { ChainHop, ChainTrust } from '../trust/chain';
import type { Analysis, AuthResultsHeader, Evidence, Flag, Severity, Summary } from '../types';
import { RULES } from './rules';

/** What a rule sees: the analysis so far, plus what trust found that the schema does not carry. */
export interface FlagContext {
  analysis: Analysis;
  trust: ChainTrust;
  /** Untrusted A-R fields that claim the recipient's own authserv-id (arrived with the message). */
  injected: AuthResultsHeader[];
  now: number | undefined;
  /** The message's fields by name (rules look fields up here rather than scanning the headers). */
  fields: FieldIndex;
  /** fields.named (From, Subject, Date, …), for the rules' convenience. */
  named: NamedFields;
  /** The first Date field, parsed (once, however many rules read it); undefined without one. */
  headerDate: () => ParsedDate | undefined;
  /** DMARC alignment with the Organizational Domains looked up once per analysis (shared with computeAlignment). */
  alignment: Alignment;
  /**
   * domainOf(summary.from.address), as computeAlignment stored it (auth.alignment.fromDomain) before the rules
   * run: not worked out again for the identity rules that compare with it.
   */
  fromDomain: () => string | undefined;
  /** The Received chain (top-first) with each hop's parsed instant, when the caller has it. */
  chain?: readonly ChainHop[];
}

export interface Finding {
  detail: string;
  evidence: Evidence[];
  /** Overrides the rule's severity for this finding (e.g. softfail is milder than fail). */
  severity?: Severity;
  title?: string;
}

/** A finding rule (DESIGN.md §6): pure, one idea, with its own fixture that fires it and one that does not. */
export interface FlagRule {
  id: string;
  severity: Severity;
  title: string;
  check: (ctx: FlagContext) => Finding[];
}

export function evaluateFlags(
  analysis: Analysis,
  ctx: Omit<FlagContext, 'analysis' | 'named' | 'headerDate' | 'alignment' | 'fromDomain'> & {
    alignment?: Alignment;
  },
): Flag[] {
  let date: ParsedDate | undefined | null = null;
  const headerDate = (): ParsedDate | undefined => {
    if (date === null) {
      const h = ctx.fields.named.date;
      date = h ? parseDate(h.value) : undefined;
    }
    return date;
  };
  const fromDomain = (): string | undefined => analysis.auth.alignment.fromDomain;
  const full: FlagContext = {
    analysis,
    trust: ctx.trust,
    injected: ctx.injected,
    now: ctx.now,
    fields: ctx.fields,
    named: ctx.fields.named,
    headerDate,
    alignment: ctx.alignment ?? new Alignment(),
    fromDomain,
    chain: ctx.chain,
  };
  const flags: Flag[] = [];
  for (const rule of RULES) {
    let findings: Finding[];
    try {
      findings = rule.check(full);
    } catch (e) {
      // A rule bug must not take the analysis down; it becomes a diagnostic (a bug report, not a verdict).
      analysis.diagnostics.push({
        code: 'flag-rule-error',
        message: `rule ${rule.id} failed: ${(e as Error).message}`,
      });
      continue;
    }
    for (const f of findings) {
      flags.push({
        id: rule.id,
        severity: f.severity ?? rule.severity,
        title: f.title ?? rule.title,
        detail: f.detail,
        evidence: f.evidence,
      });
    }
  }
  return flags;
}

/** The summary verdict is the worst severity present (DESIGN.md §6); `unknown` when nothing could be judged. */
export function verdictOf(flags: Flag[], hadEvidence: boolean): Summary['verdict'] {
  if (flags.some((f) => f.severity === 'danger')) return 'danger';
  if (flags.some((f) => f.severity === 'warning')) return 'warning';
  return hadEvidence ? 'ok' : 'unknown';
}
