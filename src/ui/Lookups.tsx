import type { ComponentChildren } from 'preact';
import type { BlocklistAnswer, DomainEnrichment, Enrichment, IpEnrichment, ItemState } from '../lookup/types';
import type { LookupState } from './lookups-client';

export { reputationOf } from './reputation';

/** Words for every status, so a state is never only a colour or a spinner. */
const STATUS_WORD: Record<string, string> = {
  pending: 'waiting…',
  timeout: 'timed out',
  error: 'error',
  none: 'none',
  'not-applicable': 'not applicable',
  'over-quota': 'over quota',
  refused: 'refused',
  unreliable: 'unreliable',
  listed: 'listed',
  'not-listed': 'not listed',
  ok: 'ok',
};

interface LookupsProps {
  lookup: LookupState;
  onRetry?: () => void;
  onOpenSettings?: () => void;
}

/** Lookups filling in as answers arrive; each item shows its own status. */
export function Lookups({ lookup, onRetry, onOpenSettings }: LookupsProps) {
  if (lookup.state === 'off') {
    return (
      <p class="muted lookups-off">
        Network lookups are off: nothing about this message has left your computer.{' '}
        {onOpenSettings && (
          <button type="button" class="link-button" onClick={onOpenSettings}>
            Turn on in Settings
          </button>
        )}
      </p>
    );
  }
  const enrichment = lookup.enrichment;
  // Once nothing more will arrive, a pending item is an item that got no answer.
  const settled = lookup.state !== 'running';
  const ips = enrichment ? Object.values(enrichment.ips) : [];
  const domains = enrichment ? Object.values(enrichment.domains) : [];
  return (
    <div class="lookups" aria-busy={lookup.state === 'running'}>
      <p class="lookup-status" role="status">
        {lookup.state === 'running' && (enrichment ? 'Answers are arriving…' : 'Looking up…')}
        {lookup.state === 'done' && doneSummary(lookup.enrichment)}
        {lookup.state === 'stalled' && 'Some lookups gave no answer in time; they are marked “no answer”.'}
        {lookup.state === 'error' && `Lookups stopped: ${lookup.message}`}
        {(lookup.state === 'stalled' || lookup.state === 'error') && onRetry && (
          <>
            {' '}
            <button type="button" class="link-button" onClick={onRetry}>
              Retry
            </button>
          </>
        )}
      </p>
      {ips.length > 0 && (
        <ul class="lookup-items">
          {ips.map((ip) => (
            <IpItem key={ip.ip} ip={ip} settled={settled} />
          ))}
        </ul>
      )}
      {enrichment?.skippedIps !== undefined && (
        <p class="muted">
          {enrichment.skippedIps.toLocaleString()} more hop addresses were not looked up: only those nearest the handoff
          are.
        </p>
      )}
      {domains.length > 0 && (
        <ul class="lookup-items">
          {domains.map((domain) => (
            <DomainItem key={domain.domain} domain={domain} settled={settled} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** "All lookups answered." or how many failed, so a finished run full of errors does not read as a success. */
function doneSummary(enrichment: Enrichment): string {
  let failed = 0;
  for (const ip of Object.values(enrichment.ips)) {
    failed += Object.values(ip.status).filter((s) => ['timeout', 'error', 'over-quota'].includes(s.status)).length;
    failed += ip.blocklists.filter((b) =>
      ['timeout', 'error', 'over-quota', 'refused', 'unreliable'].includes(b.status),
    ).length;
  }
  for (const domain of Object.values(enrichment.domains))
    failed += Object.values(domain.status).filter((s) => ['timeout', 'error', 'over-quota'].includes(s.status)).length;
  return failed === 0 ? 'All lookups answered.' : `Lookups finished; ${failed} gave no usable answer (marked below).`;
}

function word(status: string, settled: boolean): string {
  if (status === 'pending' && settled) return 'no answer';
  return STATUS_WORD[status] ?? status;
}

function Status({ state, settled, children }: { state: ItemState; settled: boolean; children?: ComponentChildren }) {
  if (state.status === 'ok' && children) return <>{children}</>;
  return (
    <span
      class={`status status-${state.status === 'pending' && settled ? 'timeout' : state.status}`}
      title={state.detail}
    >
      {word(state.status, settled)}
    </span>
  );
}

export function blocklistSummary(answers: readonly BlocklistAnswer[], settled: boolean): string {
  if (answers.length === 0) return settled ? 'no lists asked' : 'waiting…';
  const counts = new Map<string, number>();
  for (const a of answers) {
    const key = word(a.status, settled);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key} ${n}`).join(' · ');
}

/** The looked-up IP or domain and the roles it plays in the message (handoff, origin, from, …). */
function LookupHead({ name, roles }: { name: string; roles: readonly string[] }) {
  return (
    <div class="lookup-head">
      <span class="mono ellipsis" title={name}>
        {name}
      </span>
      {roles.map((role) => (
        <span key={role} class="role-tag">
          {role}
        </span>
      ))}
    </div>
  );
}

function IpItem({ ip, settled }: { ip: IpEnrichment; settled: boolean }) {
  const listed = ip.blocklists.filter((b) => b.status === 'listed');
  return (
    <li class={`lookup-item${listed.length ? ' is-listed' : ''}`}>
      <LookupHead name={ip.ip} roles={ip.roles} />
      <dl class="lookup-facts">
        <div>
          <dt>PTR</dt>
          <dd>
            <Status state={ip.status.ptr} settled={settled}>
              {ip.ptr ? (
                <span class="mono ellipsis" title={ip.ptr}>
                  {ip.ptr}
                </span>
              ) : (
                'none'
              )}
            </Status>
          </dd>
        </div>
        <div>
          <dt>FCrDNS</dt>
          <dd>
            <Status state={ip.status.fcrdns} settled={settled}>
              <span class={`status status-${ip.fcrdns === 'pass' ? 'ok' : 'warn'}`}>{ip.fcrdns}</span>
            </Status>
          </dd>
        </div>
        <div>
          <dt>Network</dt>
          <dd>
            <Status state={ip.status.asn} settled={settled}>
              {ip.asn ? (
                <span class="ellipsis" title={`${ip.asn.prefix ?? ''} ${ip.asn.country ?? ''}`.trim()}>
                  AS{ip.asn.number} {ip.asn.name ?? ''}
                  {ip.asn.country ? ` · ${ip.asn.country}` : ''}
                  {ip.asn.prefix ? ` · ${ip.asn.prefix}` : ''}
                </span>
              ) : (
                'unknown'
              )}
            </Status>
          </dd>
        </div>
        <div>
          <dt>Blocklists</dt>
          <dd>
            <span class={listed.length ? 'status status-listed' : ''}>{blocklistSummary(ip.blocklists, settled)}</span>
            {listed.length > 0 && (
              <ul class="listed">
                {listed.map((b) => (
                  <li key={b.list}>
                    <span class="mono">{b.zone}</span> {b.codes.join(', ')}
                    {b.meaning && <span class="muted"> {b.meaning}</span>}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </li>
  );
}

function DomainItem({ domain, settled }: { domain: DomainEnrichment; settled: boolean }) {
  return (
    <li class="lookup-item">
      <LookupHead name={domain.domain} roles={domain.roles} />
      <dl class="lookup-facts">
        <div>
          <dt>Registered</dt>
          <dd>
            <Status state={domain.status.rdap} settled={settled}>
              {domain.registered ? (
                <>
                  {domain.registered.slice(0, 10)}
                  {domain.ageDays !== null && (
                    <span class={domain.ageDays < 30 ? 'status status-listed' : 'muted'}>
                      {' '}
                      ({domain.ageDays} days ago)
                    </span>
                  )}
                </>
              ) : (
                'unknown'
              )}
            </Status>
          </dd>
        </div>
        <div>
          <dt>SPF record</dt>
          <dd>
            <Status state={domain.status.spf} settled={settled}>
              <span class="mono wrap">{domain.spf ?? 'none'}</span>
            </Status>
          </dd>
        </div>
        <div>
          <dt>DMARC record</dt>
          <dd>
            <Status state={domain.status.dmarc} settled={settled}>
              <span class="mono wrap">{domain.dmarc ?? 'none'}</span>
            </Status>
          </dd>
        </div>
      </dl>
    </li>
  );
}
