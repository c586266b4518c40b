import type { FlagRule } from '../index';
import { AUTHENTICATION_RULES } from './authentication';
import { FILTER_RULES } from './filters';
import { IDENTITY_RULES } from './identity';
import { PATH_RULES } from './path';

/** The order flags are reported in (and evaluated), kept stable across modules: the JSON contract lists them so. */
const ORDER = [
  'spf-fail',
  'dkim-fail',
  'dmarc-fail',
  'arc-fail',
  'compauth-fail',
  'from-not-aligned',
  'display-name-address',
  'from-no-address',
  'hidden-characters',
  'reply-to-differs',
  'return-path-differs',
  'from-domain-lookalike',
  'date-skew',
  'date-future',
  'hop-delay-negative',
  'hop-delay-huge',
  'chain-broken',
  'impossible-client-address',
  'handoff-claim-disagrees',
  'injected-auth-results',
  'untrusted-auth-results',
  'missing-message-id',
  'missing-date',
  'dkim-body-length',
  'dkim-weak-algorithm',
  'dmarc-aligned-pass',
  'tls-every-hop',
  'recipient-filter-verdict',
  'handoff-private',
];

const byId = new Map(
  [...AUTHENTICATION_RULES, ...IDENTITY_RULES, ...PATH_RULES, ...FILTER_RULES].map((r) => [r.id, r]),
);

export const RULES: readonly FlagRule[] = ORDER.map((id) => byId.get(id)!);
