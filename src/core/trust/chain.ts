import type { FieldNames } from '../headers/fields';
import type { ParsedReceived } from '../received/types';
import type { Handoff, Hop, Origin, Zone } from '../types';
import { dateConflict, hasPeer, isClientHop, isInternalAddress, isLoopbackOrLinkLocal } from './hop-facts';
import { ChainJudge } from './judge';
import { Organisations } from './organisation';

/** A hop as trust sees it: the public Hop plus what the parser and the date parser know. */
export interface ChainHop {
  hop: Hop;
  kind: ParsedReceived['kind'];
  epochMs?: number;
}

/** A statement, by some header, of the IP that connected to the recipient's edge. */
export interface ConnectingIpClaim {
  ip: string;
  /** Human name of the evidence: "Microsoft 'sender IP is'", "Received-SPF client-ip", … */
  source: string;
  header: number;
  /** Who makes the claim: the authserv-id, the SPF receiver, or the provider whose header it is. */
  authority?: string;
  /** A claim that carries no authority of its own is accepted only from a provider in the recipient zone. */
  provider?: string;
  /** Written next to the receiver's own Received field (A-R, Received-SPF): counts only above the sender side. */
  positional?: boolean;
}

export interface ChainTrust {
  zones: Zone[];
  handoff: Handoff | null;
  origin: Origin | null;
  /** Organisation keys of the recipient's infrastructure (see Organisations.of). */
  recipientOrgs: Set<string>;
  /** Header index of the newest Received field written by the sender side; trusted headers sit above it. */
  senderBoundaryHeader: number | null;
  /** Claims that named an IP no hop shows, or a different hop than the chain: evidence for flags. */
  disagreements: ConnectingIpClaim[];
  /** Where the consistent sender chain ends, if it does before the oldest hop. */
  chainBreak: { hop: number; reason: string } | null;
  /** Is this authserv-id or host the recipient's own (a recipient-zone host, or its provider's id)? */
  isRecipientAuthority: (authority: string) => boolean;
  /** Does the recipient's provider write its A-R away from its Received field (see Provider.authResultsAnywhere)? */
  authResultsAnywhere: (authority: string) => boolean;
}

/**
 * Judges the Received chain (DESIGN.md §5): recipient zone, handoff, sender zone, origin, unverified.
 * `chain` is top-first (newest first); the returned zones are indexed by Hop.index (oldest first).
 */
export function judgeChain(
  chain: ChainHop[],
  claims: ConnectingIpClaim[],
  trustedHosts: string[] = [],
  recipientHosts: string[] = [],
  /** The header fields' names (FieldIndex): where the fields next to a Received end. */
  names?: FieldNames,
): ChainTrust {
  const judge = new ChainJudge(chain, recipientHosts);
  const zones: Zone[] = new Array(chain.length).fill('unverified');
  const structural = judge.structuralHandoff(trustedHosts);

  // Claims count only from the recipient's side: a provider in the zone, or an authority in the zone.
  // Authentication-Results and Received-SPF count only above the first Received written by the sender side
  // (RFC 8601 §5: receivers remove their own authserv-id from arriving mail, so one lower down was injected).
  // A provider that moves its A-R below the Received block (Proton) is recognised by authserv-id wherever it
  // sits, for its claims as for its verdicts (judgeAuthResults).
  const authResultsAnywhere = (a: string): boolean =>
    judge.isAuthority(a) &&
    judge.recipientProviders().some((p) => p.authResultsAnywhere && p.authservIds?.some((id) => a.endsWith(id)));
  const boundary = structural >= 0 ? chain[structural + 1]?.hop.header : undefined;
  const accepted = claims.filter((c) => {
    if (
      c.positional &&
      boundary !== undefined &&
      c.header > boundary &&
      !(c.authority !== undefined && authResultsAnywhere(c.authority))
    )
      return false;
    if (c.provider) return judge.hasRecipientProvider(c.provider);
    return c.authority ? judge.isAuthority(c.authority) : false;
  });
  // Where the sender side wrote no Received, nothing bounds them so. Below the handoff's Received and the run
  // of such fields right under it (where Gmail writes its own) they may be the sending side's: another
  // Microsoft 365 tenant, whose own hops are stripped, leaves its X-MS-Exchange-Authentication-Results and
  // Received-SPF there, about the connection into it. Such a claim still confirms the handoff (Outlook.com's
  // older layout moved its own Received-SPF down there) but does not contradict it.
  const confirmOnlyBelow =
    structural >= 0 && boundary === undefined ? traceRunEnd(names, chain[structural]!.hop.header) : undefined;
  const mayDisagree = (c: ConnectingIpClaim): boolean =>
    !(c.positional && confirmOnlyBelow !== undefined && c.header > confirmOnlyBelow);

  let handoffTop = structural;
  let confidence: Handoff['confidence'] = 'medium';
  let reason = '';
  const confirmedBy: string[] = [];
  const disagreements: ConnectingIpClaim[] = [];
  // The first accepted claim that names a hop's client IP (a loop: no closure or pair object per claim).
  let matchingIp: string | undefined;
  for (let k = 0; k < accepted.length && matchingIp === undefined; k++) {
    const ip = accepted[k]!.ip;
    for (let i = 0; i < chain.length; i++)
      if (chain[i]!.hop.from.ip === ip) {
        handoffTop = i;
        matchingIp = ip;
        break;
      }
  }
  if (matchingIp !== undefined) {
    confidence = 'high';
    const ip = matchingIp;
    for (const c of accepted) {
      if (c.ip === ip) {
        if (!confirmedBy.includes(c.source)) confirmedBy.push(c.source);
      } else if (mayDisagree(c)) disagreements.push(c);
    }
    reason = `the recipient's servers state that ${ip} connected to them (${confirmedBy.join(', ')})`;
  } else {
    for (const c of accepted) if (mayDisagree(c)) disagreements.push(c);
    if (structural >= 0) {
      const h = chain[structural]!.hop;
      const scope = h.from.ip ? h.ipScope : undefined;
      confidence = scope === 'public' && h.parsed ? 'medium' : 'low';
      reason = `oldest hop received by the recipient's servers (${h.by.host ?? h.by.ip ?? '?'}) from a machine outside them`;
    }
  }

  let handoff: Handoff | null = null;
  let origin: Origin | null = null;
  let chainBreak: ChainTrust['chainBreak'] = null;
  let senderBoundaryHeader: number | null = null;
  for (let i = 0; i < chain.length && i < (handoffTop < 0 ? chain.length : handoffTop); i++)
    zones[chain[i]!.hop.index] = 'recipient';
  const hc = handoffTop >= 0 ? chain[handoffTop] : undefined;
  if (hc?.hop.from.ip) {
    const h = hc.hop;
    zones[h.index] = 'handoff';
    handoff = { hop: h.index, ip: h.from.ip!, confidence, reason, confirmedBy };
    for (const c of accepted)
      if (c.ip !== h.from.ip && mayDisagree(c) && !disagreements.includes(c)) disagreements.push(c);

    // Sender zone: walk down while each older hop links to the one above it.
    const views = judge.hops;
    let newer = views[handoffTop]!;
    let newerEpoch = hc.epochMs;
    let expected = judge.identities(newer);
    let originHop: Hop | null = isClientHop(hc) ? h : null;
    let originWhy = 'the handoff is the oldest hop that names a client';
    for (let i = handoffTop + 1; i < chain.length; i++) {
      const v = views[i]!;
      const c = v.c;
      const o = v.hop;
      if (v.transparent) {
        zones[o.index] = 'sender';
        continue;
      }
      // A step with no `from` under a bare label (`by emcmailer; date`) between two hops the same host wrote is
      // that host's internal stage (a gateway handing the message between its own processes): nothing crossed
      // the network, so it neither links nor breaks.
      if (!hasPeer(c) && v.by && Organisations.isBare(v.by) && newer.by && views[i + 1]?.by === newer.by) {
        zones[o.index] = 'sender';
        continue;
      }
      const link = judge.links(v, expected, newer);
      // The host that wrote the older hop then took the message back from itself or from a machine of its own
      // network (a list manager on the LAN releasing a post after moderation): the wait between was that site's.
      const heldOnHost = isInternalAddress(newer.hop) && v.by !== undefined && v.by === newer.by;
      const conflict = link === 'link' ? dateConflict(c.epochMs, newerEpoch, heldOnHost) : null;
      if (link !== 'link' || conflict) {
        chainBreak = {
          hop: o.index,
          reason:
            conflict ??
            `'by ${o.by.host ?? o.by.ip ?? '?'}' does not match the machine the hop above received from (${expected.join(', ') || 'unnamed'})${link === 'soft' ? '; the name is too vague to check' : ''}`,
        };
        break;
      }
      zones[o.index] = 'sender';
      if (c.epochMs !== undefined) newerEpoch = c.epochMs;
      if (hasPeer(c)) {
        // A hop from loopback is a machine talking to itself (a content filter handing the message back,
        // Proofpoint's `from m0.ppops.net [127.0.0.1] by pps.reinject`): every name on it, its own `by`
        // too, is the machine the hop above received from, so a hop below may name any of them.
        if (isLoopbackOrLinkLocal(o)) {
          for (const name of judge.identities(v)) if (!expected.includes(name)) expected.push(name);
          if (v.by && !expected.includes(v.by)) expected.push(v.by);
        } else expected = judge.identities(v);
        newer = v;
      } else if (v.by && !expected.includes(v.by)) expected.push(v.by);
      if (isClientHop(c)) {
        originHop = o;
        originWhy = `the oldest hop of a consistent chain below the handoff that names a client IP`;
      }
    }
    if (originHop) {
      const scope = originHop.from.ip ? originHop.ipScope : undefined;
      const deeper = originHop.index !== h.index;
      origin = {
        hop: originHop.index,
        ip: originHop.from.ip ?? null,
        confidence: !deeper ? confidence : chainBreak ? 'low' : 'medium',
        reason: `${originWhy}${scope && scope !== 'public' ? ` (a ${scope} address)` : ''}${deeper ? '; written by the sender side, plausible but not verifiable' : ''}`,
      };
    }
  } else if (hc) {
    zones[hc.hop.index] = 'handoff';
  }
  if (hc) senderBoundaryHeader = chain[handoffTop + 1]?.hop.header ?? null;
  return {
    zones,
    handoff,
    origin,
    recipientOrgs: judge.recipientOrgs,
    senderBoundaryHeader,
    disagreements,
    chainBreak,
    isRecipientAuthority: (a) => judge.isAuthority(a),
    authResultsAnywhere,
  };
}

/**
 * The last header of the run of Received-SPF and Authentication-Results fields right below the Received at
 * `header` (`header` itself when none follows); undefined without the field names.
 */
function traceRunEnd(names: FieldNames | undefined, header: number): number | undefined {
  const count = names === undefined ? 0 : names.headers.length;
  if (names === undefined || count === 0) return undefined;
  let k = header + 1;
  while (k < count && (names.is(k, 'received-spf') || names.is(k, 'authentication-results'))) k++;
  return k - 1;
}
