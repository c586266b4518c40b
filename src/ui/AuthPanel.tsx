import type { AuthResultsHeader, AuthView } from '../core/types';
import { EvidenceList } from './Evidence';
import { authTone, plural } from './format';
import { FirstOf } from './long-lists';
import type { LookupState } from './lookups-client';
import { ArcChainLine, ArcInstanceCheck, SignatureResult, signatureChecks } from './Signatures';
import { defaultTrustedSealers, useSealerTable } from './sealers';

/** Fields (and results in one field) shown before "Show all": a message may repeat a field thousands of times. */
const FIELDS_SHOWN = 50;

/** The props a reader looks for first, in this order; the rest follow as written. */
const KEY_PROPS = ['header.d', 'header.from', 'smtp.mailfrom', 'header.i', 'header.s', 'smtp.helo', 'policy.dmarc'];

function propsText(props: Record<string, string>): string {
  const keys = Object.keys(props).sort((a, b) => (KEY_PROPS.indexOf(a) + 1 || 99) - (KEY_PROPS.indexOf(b) + 1 || 99));
  return keys.map((key) => `${key}=${props[key]}`).join(' ');
}

interface AuthPanelProps {
  auth: AuthView;
  /** The lookups, which verify the DKIM signatures and ARC chain as their keys arrive. */
  lookup?: LookupState | null | undefined;
  /** ARC sealer domains the user trusts; null or absent: the defaults. */
  trustedSealers?: string[] | null | undefined;
}

/**
 * Authentication: the Authentication-Results the recipient's servers wrote come first; headers that arrived
 * with the message are marked untrusted with the reason. Then Received-SPF, DKIM signatures and ARC sets,
 * each with what verifying it proved once the lookups have fetched the keys.
 */
export function AuthPanel({ auth, lookup, trustedSealers }: AuthPanelProps) {
  const checks = signatureChecks(lookup);
  // The defaults need the table; ask for it only when there is a verified ARC instance to mark.
  const table = useSealerTable(
    !trustedSealers && checks.state === 'verified' && (checks.arc?.instances.length ?? 0) > 0,
  );
  const trusted = trustedSealers ?? (table ? defaultTrustedSealers(table) : []);
  const signed = auth.dkimSignatures.length > 0 || auth.arcSets.length > 0;
  // Trusted first; among them the recipient's own Authentication-Results before ARC copies.
  const results = [...auth.results].sort(
    (a, b) =>
      Number(b.trusted) - Number(a.trusted) ||
      Number(a.kind === 'arc-authentication-results') - Number(b.kind === 'arc-authentication-results'),
  );
  const { alignment } = auth;
  return (
    <div class="auth-panel">
      {alignment.fromDomain && (
        <p class="alignment">
          From domain <span class="mono">{alignment.fromDomain}</span>
          {alignment.spfAligned !== undefined && (
            <span class={`chip tone-${alignment.spfAligned ? 'good' : 'warning'}`}>
              SPF {alignment.spfAligned ? 'aligned' : 'not aligned'}
            </span>
          )}
          {alignment.dkimAligned !== undefined && (
            <span class={`chip tone-${alignment.dkimAligned ? 'good' : 'warning'}`}>
              DKIM {alignment.dkimAligned ? 'aligned' : 'not aligned'}
            </span>
          )}
        </p>
      )}
      {results.length === 0 ? (
        <p class="empty">No Authentication-Results header: the recipient's servers recorded no verdict.</p>
      ) : (
        <ul class="auth-results">
          <FirstOf
            items={results}
            limit={FIELDS_SHOWN}
            noun={['field', 'fields']}
            render={(header) => <AuthResultsItem key={header.header} header={header} />}
          />
        </ul>
      )}
      {auth.receivedSpf.length > 0 && (
        <>
          <h4>Received-SPF</h4>
          <ul class="plain-list">
            <FirstOf
              items={auth.receivedSpf}
              limit={FIELDS_SHOWN}
              noun={['field', 'fields']}
              render={(spf) => (
                <li key={spf.header}>
                  <span class={`chip tone-${authTone(spf.result)}`}>
                    SPF <strong>{spf.result}</strong>
                  </span>{' '}
                  {spf.clientIp && <span class="mono">client-ip {spf.clientIp}</span>}
                  {spf.comment && <span class="muted wrap"> {spf.comment}</span>}
                  <EvidenceList evidence={[{ header: spf.header }]} />
                </li>
              )}
            />
          </ul>
        </>
      )}
      <h4>DKIM signatures ({auth.dkimSignatures.length})</h4>
      {signed && checks.state === 'unverified' && <p class="muted">Signatures not verified: {checks.why}.</p>}
      {auth.dkimSignatures.length === 0 ? (
        <p class="empty">The message is not DKIM-signed.</p>
      ) : (
        <ul class="plain-list">
          <FirstOf
            items={auth.dkimSignatures}
            limit={FIELDS_SHOWN}
            noun={['signature', 'signatures']}
            render={(sig) => (
              <li key={sig.header}>
                <span class="mono">d={sig.domain ?? '?'}</span> <span class="mono">s={sig.selector ?? '?'}</span>{' '}
                <span class="muted">
                  {sig.algorithm ?? 'unknown algorithm'} · {plural(sig.signedHeaders.length, 'signed header')}
                  {sig.bodyLength !== undefined && ` · body limited to l=${sig.bodyLength}`}
                </span>
                <SignatureResult checks={checks} header={sig.header} />
                <EvidenceList evidence={[{ header: sig.header }]} />
              </li>
            )}
          />
        </ul>
      )}
      {auth.arcSets.length > 0 && (
        <>
          <h4>ARC sets ({auth.arcSets.length})</h4>
          {checks.state === 'verified' && checks.arc && <ArcChainLine arc={checks.arc} />}
          <ul class="plain-list">
            <FirstOf
              items={auth.arcSets}
              limit={FIELDS_SHOWN}
              noun={['set', 'sets']}
              render={(set) => (
                <li key={set.instance}>
                  <span class="mono">i={set.instance}</span>
                  {set.seal?.cv && (
                    <span class={`chip tone-${authTone(set.seal.cv === 'none' ? 'neutral' : set.seal.cv)}`}>
                      cv={set.seal.cv}
                    </span>
                  )}{' '}
                  {set.seal?.domain && <span class="mono">sealed by {set.seal.domain}</span>}
                  {set.messageSignature?.domain && set.messageSignature.domain !== set.seal?.domain && (
                    <span class="mono"> · signed by {set.messageSignature.domain}</span>
                  )}
                  <ArcInstanceCheck checks={checks} instance={set.instance} trusted={trusted} />
                  <EvidenceList
                    evidence={[set.seal?.header, set.messageSignature?.header, set.authenticationResults?.header]
                      .filter((h): h is number => h !== undefined)
                      .map((header) => ({ header }))}
                  />
                </li>
              )}
            />
          </ul>
        </>
      )}
    </div>
  );
}

function AuthResultsItem({ header }: { header: AuthResultsHeader }) {
  const name =
    header.kind === 'arc-authentication-results'
      ? `ARC-Authentication-Results i=${header.instance ?? '?'}`
      : 'Authentication-Results';
  return (
    <li class={`auth-result ${header.trusted ? 'trusted' : 'untrusted'}`}>
      <div class="auth-result-head">
        <span class={`trust-tag ${header.trusted ? 'trusted' : 'untrusted'}`}>
          {header.trusted ? 'Trusted' : 'Untrusted'}
        </span>
        <span class="auth-result-name">{name}</span>
        <span class="mono wrap">{header.authservId ?? '(no authserv-id)'}</span>
      </div>
      <p class="trust-reason">{header.trusted ? header.trustReason : `Not used: ${header.trustReason}`}</p>
      <ul class="auth-methods">
        <FirstOf
          items={header.results}
          limit={FIELDS_SHOWN}
          noun={['result', 'results']}
          render={(result, i) => (
            <li key={`${result.method}-${i}`}>
              <span class={`chip tone-${header.trusted ? authTone(result.result) : 'neutral'}`}>
                {result.method} <strong>{result.result}</strong>
              </span>{' '}
              <span class="mono wrap muted">
                {propsText(result.props)}
                {result.reason && ` (${result.reason})`}
              </span>
            </li>
          )}
        />
      </ul>
      <EvidenceList evidence={[{ header: header.header }]} />
    </li>
  );
}
