import type { Analysis, Verdict } from '../core/types';
import { authTone, flagsBySeverity, formatDuration, plural, VERDICT_LABEL } from './format';
import { hopAnchor, reveal } from './reveal';

/** The one-glance answer: verdict, worst finding, handoff IP, SPF/DKIM/DMARC. */
export function VerdictLine({ analysis }: { analysis: Analysis }) {
  const { summary, handoff, auth } = analysis;
  const worst = flagsBySeverity(analysis.flags).find(
    (flag) => flag.severity === 'danger' || flag.severity === 'warning',
  );
  const headline =
    worst?.title ??
    (summary.verdict === 'ok'
      ? 'Nothing suspicious was found.'
      : analysis.hops.length === 0
        ? 'No Received headers were found: paste the full headers to see the path.'
        : 'No findings either way.');
  return (
    <section class={`verdict verdict-${summary.verdict}`} aria-labelledby="verdict-heading">
      <div class="verdict-top">
        <span class={`verdict-badge verdict-${summary.verdict}`}>{VERDICT_LABEL[summary.verdict]}</span>
        <h2 id="verdict-heading" class="verdict-headline">
          {headline}
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
                    class="mono"
                    href={`#${hopAnchor(handoff.hop)}`}
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
  if (items.every(([, verdict]) => !verdict)) return null;
  return (
    <div>
      <dt>Authentication</dt>
      <dd class="auth-chips">
        {items.map(([name, verdict]) => (
          <span key={name} class={`chip tone-${verdict ? authTone(verdict.result) : 'neutral'}`}>
            {name} <strong>{verdict ? verdict.result : 'none'}</strong>
          </span>
        ))}
      </dd>
    </div>
  );
}
