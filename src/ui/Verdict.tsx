import type { Analysis, Flag, Verdict } from '../core/types';
import { authTone, formatDuration, headlineOf, plural, VERDICT_LABEL, verdictOf } from './format';
import { hopAnchor, reveal } from './reveal';

interface VerdictLineProps {
  analysis: Analysis;
  /** Findings from lookups, which can make the verdict worse. */
  extraFlags?: readonly Flag[];
  /** The handoff IP's reputation in a few words, once lookups have said something. */
  reputation?: string | null;
}

/** The one-glance answer: verdict, worst finding, handoff IP and its reputation, SPF/DKIM/DMARC. */
export function VerdictLine({ analysis, extraFlags = [], reputation }: VerdictLineProps) {
  const { summary, handoff, auth } = analysis;
  const verdict = verdictOf(analysis, extraFlags);
  return (
    <section class={`verdict verdict-${verdict}`} aria-labelledby="verdict-heading">
      <div class="verdict-top">
        <span class={`verdict-badge verdict-${verdict}`}>{VERDICT_LABEL[verdict]}</span>
        <h2 id="verdict-heading" class="verdict-headline" elementtiming="hopscope-report">
          {headlineOf(analysis, extraFlags)}
        </h2>
      </div>
      <dl class="facts">
        <div>
          <dt>Handoff IP</dt>
          <dd>
            {summary.handoffIp ? (
              <>
                {handoff ? (
                  <a
                    class="mono ip-link"
                    href={`#${hopAnchor(handoff.hop)}`}
                    title={summary.handoffIp}
                    onClick={(event) => {
                      event.preventDefault();
                      reveal(hopAnchor(handoff.hop));
                    }}
                  >
                    {summary.handoffIp}
                  </a>
                ) : (
                  <span class="mono">{summary.handoffIp}</span>
                )}
                {handoff && <span class="muted"> · {handoff.confidence} confidence</span>}
                {reputation && (
                  <span class={/^listed/.test(reputation) ? 'status status-listed' : 'muted'}> · {reputation}</span>
                )}
              </>
            ) : (
              <span class="muted">not found</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Path</dt>
          <dd>
            {plural(summary.hopCount || analysis.hops.length, 'hop')}
            {summary.totalDelaySeconds !== null && (
              <span class="muted"> · {formatDuration(summary.totalDelaySeconds)} in transit</span>
            )}
          </dd>
        </div>
        <AuthFacts spf={auth.spf} dkim={auth.dkim} dmarc={auth.dmarc} />
      </dl>
    </section>
  );
}

function AuthFacts({ spf, dkim, dmarc }: { spf?: Verdict; dkim?: Verdict[]; dmarc?: Verdict }) {
  // DKIM may carry several signatures: one pass is enough to show pass, as receivers evaluate it.
  const dkimShown = dkim && dkim.length > 0 ? (dkim.find((v) => v.result === 'pass') ?? dkim[0]) : undefined;
  const items: Array<[string, Verdict | undefined]> = [
    ['SPF', spf],
    ['DKIM', dkimShown],
    ['DMARC', dmarc],
  ];
  return (
    <div>
      <dt>Authentication</dt>
      <dd class="auth-chips">
        {items.every(([, verdict]) => !verdict) ? (
          <span class="muted">no verdict from the recipient's servers</span>
        ) : (
          items.map(([name, verdict]) => (
            <span key={name} class={`chip tone-${verdict ? authTone(verdict.result) : 'neutral'}`}>
              {name} <strong>{verdict ? verdict.result : 'none'}</strong>
            </span>
          ))
        )}
      </dd>
    </div>
  );
}
