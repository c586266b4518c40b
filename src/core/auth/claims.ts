// What a receiver says about the IP address that connected to it (DESIGN.md §5, the handoff): the
// statements that can confirm (or contradict) the handoff hop of the Received chain.
//
// Authentication-Results / ARC-Authentication-Results:
//   - Microsoft 365:   spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=…
//   - Google and most SPF milters: spf=pass (google.com: domain of … designates 192.0.2.1 as permitted sender)
//   - Proton and others: smtp.remote-ip=192.0.2.1 (on any result, e.g. `arc=none smtp.remote-ip=…`)
//   - iprev (RFC 8601 §2.7.3): iprev=pass policy.iprev=192.0.2.1, or iprev=pass … smtp.remote-ip=…
// Received-SPF (RFC 7208 §9.1): client-ip=192.0.2.1, and the comment's "designates X as permitted sender".
//
// Every IP is checked strictly: a redacted `phishing@pot.143.18.178` yields nothing. Whether the field
// that makes the claim can be trusted is the trust layer's question, not this module's.

import { parseArcAuthResults, parseAuthResults } from './authres';
import { parseIpLiteral, permittedSenderIp, senderIpIs } from './ip-text';
import { parseReceivedSpf } from './received-spf';

export interface ConnectingIpClaim {
  /** Which statement named the IP; shown to the user as the handoff's `confirmedBy`. */
  source: string;
  ip: string;
}

export type ClaimField = 'authentication-results' | 'arc-authentication-results' | 'received-spf';

export const CLAIM_SOURCES = {
  microsoftSenderIp: "Microsoft 'sender IP is'",
  permittedSender: "SPF comment 'designates … as permitted sender'",
  remoteIp: 'smtp.remote-ip',
  policyIprev: 'policy.iprev',
  receivedSpfClientIp: 'Received-SPF client-ip',
  receivedSpfComment: "Received-SPF comment 'designates … as permitted sender'",
} as const;

function add(claims: ConnectingIpClaim[], source: string, ip: string | undefined): void {
  if (ip === undefined) return;
  for (const c of claims) if (c.source === source && c.ip === ip) return;
  claims.push({ source, ip });
}

/**
 * The connecting-IP claims in one field value, without duplicates: claims read from comments
 * first, then those read from properties, each in the order they appear.
 * `field` says which header the value came from (default Authentication-Results).
 */
export function connectingIpClaims(value: string, field: ClaimField = 'authentication-results'): ConnectingIpClaim[] {
  const claims: ConnectingIpClaim[] = [];
  if (field === 'received-spf') {
    const spf = parseReceivedSpf(value);
    const stated = spf.props['client-ip'];
    add(claims, CLAIM_SOURCES.receivedSpfClientIp, stated === undefined ? undefined : parseIpLiteral(stated));
    if (spf.comment !== undefined) add(claims, CLAIM_SOURCES.receivedSpfComment, permittedSenderIp(spf.comment));
    return claims;
  }
  const onComment = (text: string, method: string | null): void => {
    if (method !== 'spf') return;
    add(claims, CLAIM_SOURCES.microsoftSenderIp, senderIpIs(text));
    add(claims, CLAIM_SOURCES.permittedSender, permittedSenderIp(text));
  };
  const parsed =
    field === 'arc-authentication-results' ? parseArcAuthResults(value, onComment) : parseAuthResults(value, onComment);
  for (const result of parsed.results) {
    const remote = result.props['smtp.remote-ip'];
    if (remote !== undefined) add(claims, CLAIM_SOURCES.remoteIp, parseIpLiteral(remote));
    const iprev = result.props['policy.iprev'];
    if (iprev !== undefined && result.method === 'iprev') add(claims, CLAIM_SOURCES.policyIprev, parseIpLiteral(iprev));
  }
  return claims;
}
