import { permittedSenderIp, senderIpIs } from '../auth/ip-text';
import { parseIp } from '../ip';
import type { AuthResultsHeader, HeaderField } from '../types';
import type { ConnectingIpClaim } from './chain';
import { PROVIDERS } from './providers';

/** The SPF comments an A-R field carried (collected through parseAuthResults' comment sink), and its results. */
export interface AuthResultsComments {
  header: number;
  authservId: string | null;
  comments: Array<{ method: string | null; text: string }>;
  /** The parsed results, whose props claims read `smtp.remote-ip` and iprev's `policy.iprev` from. */
  results: AuthResultsHeader['results'];
}

const REMOTE_IP = 'smtp.remote-ip';
const IPREV = 'policy.iprev';

const FOREFRONT_REPORT = 'x-forefront-antispam-report';

/**
 * The provider that states the connecting IP in each field of its `connectingIpHeaders`, by the field's
 * lower-cased name. FieldIndex gathers these fields (and the Forefront report, read differently) in its one
 * pass over the names, so this is asked only of them.
 */
const CLAIM_PROVIDERS = new Map<string, string>();
for (const p of PROVIDERS) for (const h of p.connectingIpHeaders ?? []) CLAIM_PROVIDERS.set(h, p.id);

/**
 * Every statement in the headers of which IP connected to a receiving server: Microsoft's
 * `(sender IP is …)`, Google's `designates … as permitted sender`, `smtp.remote-ip=` / `policy.iprev=`,
 * Received-SPF `client-ip=`, and provider headers such as X-Sender-IP or the trusted Forefront report's CIP.
 * Whether a claim counts is decided by trust (judgeChain), from who makes it and where it sits.
 */
export function collectClaims(
  /** The fields that may state a connecting IP, in order (FieldIndex's `named.connectingIp`). */
  fields: readonly HeaderField[],
  authResults: AuthResultsComments[],
  receivedSpf: Array<{ header: number; clientIp?: string; authority?: string; comment?: string }>,
): ConnectingIpClaim[] {
  const claims: ConnectingIpClaim[] = [];
  for (const ar of authResults) {
    const authority = ar.authservId ?? undefined;
    const provider = ar.authservId === null ? 'microsoft' : undefined;
    for (const c of ar.comments) {
      if (c.method !== 'spf') continue;
      const ms = senderIpIs(c.text);
      if (ms) claims.push(claim(ms, "Authentication-Results 'sender IP is'", ar.header, authority, provider));
      const g = permittedSenderIp(c.text);
      if (g)
        claims.push(
          claim(g, 'Authentication-Results SPF "designates … as permitted sender"', ar.header, authority, provider),
        );
    }
    for (const r of ar.results) {
      // The two properties asked for directly, not every property copied out first. Written both (rare),
      // they are taken in the order they were written.
      const props = r.props;
      const remote = Object.hasOwn(props, REMOTE_IP);
      const iprev = r.method === 'iprev' && Object.hasOwn(props, IPREV);
      if (remote && iprev) {
        for (const key in props)
          if (key === REMOTE_IP || key === IPREV) propClaim(claims, key, props[key]!, ar.header, authority, provider);
      } else if (remote) propClaim(claims, REMOTE_IP, props[REMOTE_IP]!, ar.header, authority, provider);
      else if (iprev) propClaim(claims, IPREV, props[IPREV]!, ar.header, authority, provider);
    }
  }
  for (const spf of receivedSpf) {
    const ip = spf.clientIp ?? (spf.comment ? permittedSenderIp(spf.comment) : undefined);
    if (ip) claims.push(claim(ip, 'Received-SPF client-ip', spf.header, spf.authority, undefined));
  }
  for (const h of fields) {
    const name = h.name.toLowerCase();
    const provider = CLAIM_PROVIDERS.get(name);
    if (provider) {
      const ip = parseIp(h.value.trim())?.ip;
      if (ip) claims.push(claim(ip, h.name, h.index, undefined, provider, false));
    } else if (name === FOREFRONT_REPORT) {
      const at = h.value.indexOf('CIP:');
      if (at >= 0) {
        const end = h.value.indexOf(';', at);
        const ip = parseIp(h.value.slice(at + 4, end < 0 ? undefined : end).trim())?.ip;
        if (ip && ip !== '255.255.255.255')
          claims.push(claim(ip, 'X-Forefront-Antispam-Report CIP', h.index, undefined, 'microsoft', false));
      }
    }
  }
  return claims;
}

function propClaim(
  claims: ConnectingIpClaim[],
  key: string,
  value: string,
  header: number,
  authority: string | undefined,
  provider: string | undefined,
): void {
  const ip = parseIp(value)?.ip;
  if (ip) claims.push(claim(ip, `Authentication-Results ${key}`, header, authority, provider));
}

function claim(
  ip: string,
  source: string,
  header: number,
  authority: string | undefined,
  provider: string | undefined,
  positional = true,
): ConnectingIpClaim {
  const c: ConnectingIpClaim = { ip, source, header, positional };
  if (authority) c.authority = authority;
  if (provider) c.provider = provider;
  return c;
}
