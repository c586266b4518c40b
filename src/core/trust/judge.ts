// What trust knows about the recipient's side while it judges a chain (./chain.ts): the recipient's
// organisations, providers and networks as they are learned hop by hop, which hosts and authorities are its
// own, and whether two adjacent hops link up.

import { wordIs } from '../received/tokenize';
import type { ChainHop } from './chain';
import { distinctiveLabel, firstLabel, HopNames, isInternalAddress } from './hop-facts';
import { inProviderNetwork, mayBeOfOrg, Organisations, providerOfOrg } from './organisation';
import { PROVIDERS, type Provider } from './providers';

/** The providers with an outbound pattern (see isOutbound). */
const OUTBOUND_PROVIDERS = PROVIDERS.filter((p) => p.outbound !== undefined);

/**
 * Each provider's authserv-ids with the dotted form isAuthority compares subdomains with, built once:
 * a template string per id and per question would be allocated for every A-R and SPF claim asked about.
 */
const AUTHSERV_IDS = new Map<Provider, Array<{ id: string; dotted: string }>>(
  PROVIDERS.map((p) => [p, (p.authservIds ?? []).map((id) => ({ id, dotted: `.${id}` }))]),
);

/** The learned hosts when the caller names none (most analyses): one shared, never-written set. */
const NO_HOSTS: ReadonlySet<string> = new Set();

/** The recipient's side of one chain, learned as judgeChain walks it from the top; one per analysis. */
export class ChainJudge {
  readonly orgs = new Organisations();
  readonly recipientOrgs = new Set<string>();
  /**
   * The recipient's providers (see addRecipient), one or two: a list, walked for every hop's address and
   * every authority asked about, and searched by id (a Map would cost more to make than its lookups save).
   */
  private readonly providerList: Provider[] = [];
  /** The (normalised) domains of the addresses the recipient's servers accepted the message `for`. */
  private readonly mailDomains: string[] = [];
  /**
   * The first labels of the `by` names of the recipient's hops above the one being judged (see namesZoneHost),
   * gathered on first use: few chains have a bare peer to ask about, and a label sliced and added for every
   * hop walked cost all the others.
   */
  private zoneLabels: Set<string> | undefined;
  /** How many hops from the top zoneLabels has taken in. */
  private zoneLabelsTo = 0;
  /** The chain's hops with their names, top first (as the chain). */
  readonly hops: HopNames[];

  private readonly knownHosts: ReadonlySet<string>;

  constructor(chain: ChainHop[], recipientHosts: string[]) {
    this.knownHosts =
      recipientHosts.length === 0
        ? NO_HOSTS
        : new Set(recipientHosts.map((h) => Organisations.normalise(h)).filter((h): h is string => !!h));
    this.hops = new Array(chain.length);
    for (let i = 0; i < chain.length; i++) this.hops[i] = new HopNames(chain[i]!, i > 0 ? this.hops[i - 1] : undefined);
  }

  /** Is this provider one of the recipient's (see addRecipient)? */
  hasRecipientProvider(id: string): boolean {
    for (const p of this.providerList) if (p.id === id) return true;
    return false;
  }

  /** Adds the organisation of a host (`key`: its Organisations key) to the recipient's. */
  addRecipient(key: string | null): void {
    if (!key) return;
    this.recipientOrgs.add(key);
    const provider = providerOfOrg(key);
    if (provider && !this.hasRecipientProvider(provider.id)) {
      this.providerList.push(provider);
    }
  }

  recipientProviders(): readonly Provider[] {
    return this.providerList;
  }

  inRecipientNetwork(ip: string | undefined): boolean {
    if (!ip) return false;
    for (const p of this.providerList) if (inProviderNetwork(ip, p)) return true;
    return false;
  }

  /**
   * Is `label` (a bare name: no dot) the first label of a host that wrote one of the recipient's hops above hop
   * `i`? A set lookup, its labels added as the walk goes down, so that a chain of such hops costs one step each
   * however long it is. Every hop above `i` that is not transparent was found inside: structuralHandoff, the
   * only caller (through fromInside), stops at the first that is not.
   */
  private namesZoneHost(label: string, i: number): boolean {
    if (label === 'localhost') return false;
    this.zoneLabels ??= new Set();
    const labels = this.zoneLabels;
    for (; this.zoneLabelsTo < i; this.zoneLabelsTo++) {
      const v = this.hops[this.zoneLabelsTo]!;
      const by = v.transparent ? undefined : v.by;
      if (!by) continue;
      const first = firstLabel(by);
      if (first !== '' && first !== by) labels.add(first);
    }
    return labels.has(label);
  }

  /**
   * Can the organisation of `name` (a normalise() result) be one of the recipient's, told from its text
   * (mayBeOfOrg)? Most names asked about are the sender's, of another organisation than the one or two the
   * recipient has: their organisation lookup, a Public Suffix List walk for a name seen nowhere else, is spared.
   */
  private mayBeRecipientOrg(name: string): boolean {
    for (const key of this.recipientOrgs) if (mayBeOfOrg(name, key)) return true;
    return false;
  }

  /** Is this host name (a normalise() result) one of the recipient's hosts? */
  isRecipientHost(name: string | undefined): boolean {
    const h = Organisations.renormalise(name);
    if (!h || !this.mayBeRecipientOrg(h)) return false;
    const key = this.orgs.ofNormalised(h);
    if (!key || !this.recipientOrgs.has(key)) return false;
    return !providerOfOrg(key)?.outbound?.(h);
  }

  /**
   * Was the peer of this recipient-side hop (hop `i`, below hops all found inside) itself one of the
   * recipient's machines?
   */
  private fromInside(v: HopNames, i: number): boolean {
    const c = v.c;
    const h = v.hop;
    if (c.kind === 'fetch' || c.kind === 'local' || c.kind === 'filter') return true;
    if (!h.from.ip && !h.from.rdns && !h.from.helo) return true;
    // LMTP (RFC 2033) hands mail to a mailbox store within one site, never across the internet: the hop that
    // says so is a delivery step inside the recipient (`from mail.example by imap.example with LMTP`). So is a
    // hop that recorded no peer address and names the receiving host as its peer (`from mail.example by
    // mail.example with LMTP`, Dovecot's local delivery): a machine handing the message to itself. An edge
    // MTA records the address of the client it accepted a message from; a handoff without one is no handoff.
    if (isLmtp(h.with) || (!h.from.ip && !h.from.rdns && v.helo !== undefined && v.helo === v.by)) return true;
    const name = v.peer;
    if (h.from.ip && (isInternalAddress(h) || this.inRecipientNetwork(h.from.ip))) {
      // A provider's outbound relay for other tenants can sit in its internal range too.
      return !(name && this.isOutbound(name));
    }
    if (!name) return false;
    // The rDNS or the HELO may name a learned server, but not a HELO that parrots the receiving host itself
    // (`from mx.victim (spammer.example [ip]) by mx.victim`), a classic spam trick.
    if (this.knownHosts !== NO_HOSTS) {
      const helo = v.helo;
      const parrot = helo === v.by;
      if (this.knownHosts.has(name) || (helo && !parrot && this.knownHosts.has(helo))) return true;
    }
    // A bare name is one the receiver resolved from its own site's tables (hosts file, local search domain):
    // with an address, it is inside when it is the receiver's own rDNS, distinct from the HELO, for a host
    // whose full name wrote one of the recipient's hops above (`from leibniz ([ip] helo=…) by es.example.edu`
    // below `… by leibniz.math.example.edu`). A HELO is the peer's claim and never enough.
    if (Organisations.isBare(name))
      return !h.from.ip || (name === v.rdns && name !== v.helo && this.namesZoneHost(name, i));
    // The receiver's rDNS when it recorded one, else the HELO (HopNames.peer drops a HELO parroting the receiver).
    if (this.isRecipientHost(name)) return true;
    // A machine whose rDNS (looked up by the recipient, not claimed by the peer) is in the recipient's own
    // mail domain is one of the recipient's servers: an MX that forwards to the mailbox host. Not a mail
    // provider's machine (the provider table), which relays for all its users: when the address is at that
    // provider (`for <user@yahoo.com>` on a server that Yahoo forwards the user's mail to), the provider is
    // the forwarder, on the sender side. Were it the recipient's provider, isRecipientHost said so above.
    // Nor a machine whose own Received below names it in another organisation (signsElsewhere).
    // (No 'for' address seen: no lookup of the rDNS's organisation.)
    const rdns = v.rdns;
    if (this.mailDomains.length === 0 || !rdns) return false;
    const key = this.orgs.ofName(rdns);
    return key !== null && providerOfOrg(key) === undefined && this.isMailOrg(key) && !this.signsElsewhere(v, i, key);
  }

  /**
   * Does the peer of hop `i` (of organisation `key`) write the next Received down itself, under the same
   * distinctive first label in another organisation (`from listman.example.org [ip]` above `… by
   * listman.other.example`)? A machine's own `by` names who runs it: whatever its reverse DNS, it is that
   * organisation's server relaying for the recipient's domain, not one of the recipient's.
   */
  private signsElsewhere(v: HopNames, i: number, key: string): boolean {
    const by = this.olderHop(i)?.by;
    if (!by || Organisations.isBare(by)) return false;
    const label = firstLabel(by);
    if (!distinctiveLabel(label) || (label !== firstLabel(v.rdns!) && (!v.helo || label !== firstLabel(v.helo))))
      return false;
    const byOrg = this.orgs.ofName(by);
    return byOrg !== null && byOrg !== key && !this.recipientOrgs.has(byOrg);
  }

  /**
   * Is `key` the organisation of an address the recipient's servers accepted the message for? The domains'
   * organisations are looked up only for domains that can have that key (mayBeOfOrg): this is asked about
   * the hop outside the recipient, whose organisation is seldom the mail domain's, so most are never looked up.
   */
  private isMailOrg(key: string): boolean {
    for (const d of this.mailDomains) if (mayBeOfOrg(d, key) && this.orgs.ofNormalised(d) === key) return true;
    return false;
  }

  /** An authserv-id or SPF receiver that names the recipient's infrastructure or its provider. */
  isAuthority(authority: string): boolean {
    const a = Organisations.normalise(authority);
    if (!a) return false;
    // The provider's own ids first: most authorities asked about are those (`protection.outlook.com` on
    // Microsoft 365 mail), told by a few string comparisons without the organisation lookup of the name.
    for (const p of this.providerList) {
      const ids = AUTHSERV_IDS.get(p) ?? [];
      for (let k = 0; k < ids.length; k++) {
        const { id, dotted } = ids[k]!;
        if (a === id || a.endsWith(dotted) || a.startsWith(id)) return true;
      }
    }
    return this.isRecipientHost(a);
  }

  /**
   * A host of the provider that is its organisation, matching that provider's outbound pattern. The
   * patterns are asked first: they are cheap, and most hosts match none, which spares their organisation
   * lookup (a Public Suffix List walk for a host seen nowhere else).
   */
  private isOutbound(host: string): boolean {
    for (const p of OUTBOUND_PROVIDERS) {
      if (p.outbound!(host)) {
        return !!providerOfOrg(this.orgs.ofName(host))?.outbound?.(host);
      }
    }
    return false;
  }

  /**
   * Identities (names and IPs) that the next older hop's `by` should show if the chain is consistent, in
   * the order first seen, without repeats. A list, not a Set: it holds one to three names.
   */
  identities(v: HopNames): string[] {
    const out: string[] = [];
    addIdentity(out, v.rdns);
    addIdentity(out, v.helo);
    // The client address as the Received parser returns it (parseIp): normalise() would return the same text.
    addIdentity(out, v.hop.from.ip);
    return out;
  }

  /** Does `older.by` name the machine that the newer hop says it received from? */
  links(older: HopNames, expected: readonly string[], newer: HopNames): 'link' | 'soft' | 'hard' {
    const byHost = older.by;
    const byIp = older.byIp;
    if (!byHost && !byIp) return 'soft';
    if ((byHost && expected.includes(byHost)) || (byIp && expected.includes(byIp))) return 'link';
    if (byHost) {
      const label = firstLabel(byHost);
      const byOrg = this.orgs.ofName(byHost);
      const byBrand = this.orgs.brand(byHost);
      for (const e of expected) {
        if (
          firstLabel(e) === label &&
          (Organisations.isBare(e) || Organisations.isBare(byHost) || distinctiveLabel(label))
        )
          return 'link';
        const eOrg = this.orgs.ofName(e);
        if (byOrg && eOrg === byOrg) return 'link';
        if (byBrand && this.orgs.brand(e) === byBrand) return 'link';
      }
      // The same host wrote both headers: a filter or re-injection stage.
      if (byHost === newer.by) return 'link';
      // An internal relay of one organisation: the newer hop came from a private or bare address, or from a
      // machine known only by a bare name (a LAN client `from MATT_LINUX by hippo.example.co.uk`).
      const newerPeer = newer.peer;
      const nh = newer.hop;
      const newerFromAnonymous =
        isInternalAddress(nh) ||
        (!nh.from.rdns && !newerPeer) ||
        (!nh.from.ip && newerPeer !== undefined && Organisations.isBare(newerPeer));
      if (newerFromAnonymous && byOrg && byOrg === this.orgs.ofNormalised(newer.by)) return 'link';
      if (Organisations.isPlaceholder(byHost) || Organisations.isBare(byHost)) {
        // A machine known only by a bare name (`by cmsmtp`) that received from a host of the same organisation
        // as the one that handed the message on, by its rDNS or its HELO (`from pd5mo1so.prod.shaw.ca
        // (h24-….cg.shawcable.net [ip])` above `from pd5mr2so.prod.shaw.ca … by l-daemon`): an internal relay
        // of that organisation.
        const olderOrg = this.orgs.ofName(older.peer);
        if (!olderOrg?.startsWith('d:')) return 'soft';
        if (olderOrg === this.orgs.ofName(newerPeer)) return 'link';
        const newerHelo = newer.helo;
        return newerHelo &&
          newerHelo !== newerPeer &&
          newerHelo !== newer.by &&
          olderOrg === this.orgs.ofName(newerHelo)
          ? 'link'
          : 'soft';
      }
      return 'hard';
    }
    return 'soft';
  }

  /** Walks down from the top and returns the top-first index of the structural handoff, or -1. */
  structuralHandoff(trustedHosts: string[]): number {
    const hops = this.hops;
    let top: HopNames | undefined;
    for (let i = 0; i < hops.length && top === undefined; i++)
      if (hops[i]!.hop.by.host && !hops[i]!.transparent) top = hops[i];
    if (top) this.addRecipient(this.orgs.ofNormalised(top.by));
    // Receivers that write only their address (`by 192.0.2.4 with MailEnable ESMTP`) still received the
    // message: there is no organisation to learn from them, and each hop is judged by its peer alone.
    else if (!hops.some((v) => v.hop.by.ip && !v.transparent)) return -1;
    for (const t of trustedHosts) this.addRecipient(this.orgs.of(t));
    let adoptNextBy = false;
    // Most hops are written for the same address as the hop above: its organisation is not looked up again.
    let lastFor: string | undefined;
    for (let i = 0; i < hops.length; i++) {
      const v = hops[i]!;
      const h = v.hop;
      if (adoptNextBy && h.by.host) {
        this.addRecipient(this.orgs.ofNormalised(v.by));
        adoptNextBy = false;
      }
      if (v.transparent) continue;
      // The recipient's server wrote this hop, so the address it accepted the message for is the recipient's.
      if (h.for && h.for !== lastFor) {
        lastFor = h.for;
        const domain = Organisations.normalise(h.for.slice(h.for.lastIndexOf('@') + 1));
        if (domain !== undefined) this.mailDomains.push(domain);
      }
      if (this.fromInside(v, i) || this.relayedWithoutAddress(i)) {
        adoptNextBy = true;
        continue;
      }
      return i;
    }
    return -1;
  }

  /**
   * A recipient-side hop written by a machine named for the inside only (a bare label), that recorded no
   * address for its peer, a named machine that wrote the next Received down (`from mr85p00im-….me.com by
   * p58-mailgateway-smtp-… (mailgateway)` above `… by mr85p00im-….me.com (Postfix)`, as iCloud writes its
   * internal step): an internal relay, not the handoff. A handoff is the connection whose address the
   * recipient's servers recorded, and an edge MTA records it. The bare `by` keeps this to internal steps: were
   * an edge MTA with a full name to record no address, the hop below it would be the sender's to write, and
   * its address must not become the handoff. (Only the recipient's side is asked: this walk stops at the
   * first hop from outside.)
   */
  private relayedWithoutAddress(i: number): boolean {
    const v = this.hops[i]!;
    const h = v.hop;
    if (h.from.ip || !v.peer || Organisations.isBare(v.peer) || !v.by || !Organisations.isBare(v.by)) return false;
    const next = this.olderHop(i);
    return next !== undefined && next.by === v.peer && next.hop.from.ip !== undefined;
  }

  /** The next hop down from hop `i` (top-first) that is not transparent, if any. */
  private olderHop(i: number): HopNames | undefined {
    for (let k = i + 1; k < this.hops.length; k++) if (!this.hops[k]!.transparent) return this.hops[k];
    return undefined;
  }
}

/** LMTP and its RFC 3848 forms (LMTPS, LMTPA, LMTPSA), in any letter case. */
function isLmtp(protocol: string | undefined): boolean {
  return (
    wordIs(protocol, 'lmtp') || wordIs(protocol, 'lmtps') || wordIs(protocol, 'lmtpa') || wordIs(protocol, 'lmtpsa')
  );
}

function addIdentity(out: string[], name: string | undefined): void {
  if (name && name !== 'unknown' && !out.includes(name)) out.push(name);
}
