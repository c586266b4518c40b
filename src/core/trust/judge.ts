// What trust knows about the recipient's side while it judges a chain (./chain.ts): the recipient's
// organisations, providers and networks as they are learned hop by hop, which hosts and authorities are its
// own, and whether two adjacent hops link up.

import type { Hop } from '../types';
import type { ChainHop } from './chain';
import { distinctiveLabel, firstLabel, isInternalAddress, isTransparent, peerName } from './hop-facts';
import { inProviderNetwork, Organisations, providerOfOrg } from './organisation';
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
  private readonly providers = new Map<string, Provider>();
  /** Organisations of the addresses the recipient's servers accepted the message `for`. */
  readonly mailOrgs = new Set<string>();

  private readonly knownHosts: ReadonlySet<string>;

  constructor(
    private readonly chain: ChainHop[],
    recipientHosts: string[],
  ) {
    this.knownHosts =
      recipientHosts.length === 0
        ? NO_HOSTS
        : new Set(recipientHosts.map((h) => Organisations.normalise(h)).filter((h): h is string => !!h));
  }

  /** Is this provider one of the recipient's (see addRecipient)? Asks the id-keyed map, no Set copied per analysis. */
  hasRecipientProvider(id: string): boolean {
    return this.providers.has(id);
  }

  addRecipient(host: string | undefined): void {
    const key = this.orgs.of(host);
    if (!key) return;
    this.recipientOrgs.add(key);
    const provider = providerOfOrg(key);
    if (provider) this.providers.set(provider.id, provider);
  }

  recipientProviders(): Provider[] {
    return [...this.providers.values()];
  }

  inRecipientNetwork(ip: string | undefined): boolean {
    if (!ip) return false;
    for (const p of this.providers.values()) if (inProviderNetwork(ip, p)) return true;
    return false;
  }

  isRecipientHost(host: string | undefined): boolean {
    const h = this.orgs.name(host);
    if (!h) return false;
    const key = this.orgs.of(h);
    if (!key || !this.recipientOrgs.has(key)) return false;
    return !providerOfOrg(key)?.outbound?.(h);
  }

  /** Was the peer of this recipient-side hop itself one of the recipient's machines? */
  fromInside(c: ChainHop): boolean {
    const h = c.hop;
    if (c.kind === 'fetch' || c.kind === 'local' || c.kind === 'filter') return true;
    if (!h.from.ip && !h.from.rdns && !h.from.helo) return true;
    if (h.from.ip && (isInternalAddress(h) || this.inRecipientNetwork(h.from.ip))) {
      // A provider's outbound relay for other tenants can sit in its internal range too.
      const name = peerName(h, this.orgs);
      return !(name && this.isOutbound(name));
    }
    const name = peerName(h, this.orgs);
    if (!name) return false;
    // The rDNS or the HELO may name a learned server, but not a HELO that parrots the receiving host itself
    // (`from mx.victim (spammer.example [ip]) by mx.victim`), a classic spam trick.
    const helo = this.orgs.name(h.from.helo);
    const parrot = helo === this.orgs.name(h.by.host);
    if (this.knownHosts.has(name) || (helo && !parrot && this.knownHosts.has(helo))) return true;
    if (Organisations.isBare(name)) return !h.from.ip;
    // The receiver's rDNS when it recorded one, else the HELO (peerName drops a HELO parroting the receiver).
    if (this.isRecipientHost(name)) return true;
    // A machine whose rDNS (looked up by the recipient, not claimed by the peer) is in the recipient's own
    // mail domain is one of the recipient's servers: an MX that forwards to the mailbox host.
    const rdns = this.orgs.name(h.from.rdns);
    const key = rdns ? this.orgs.of(rdns) : null;
    return key !== null && this.mailOrgs.has(key) && !this.isOutbound(rdns!);
  }

  /** An authserv-id or SPF receiver that names the recipient's infrastructure or its provider. */
  isAuthority(authority: string): boolean {
    const a = this.orgs.name(authority);
    if (!a) return false;
    if (this.isRecipientHost(a)) return true;
    for (const p of this.providers.values()) {
      const ids = AUTHSERV_IDS.get(p) ?? [];
      for (let k = 0; k < ids.length; k++) {
        const { id, dotted } = ids[k]!;
        if (a === id || a.endsWith(dotted) || a.startsWith(id)) return true;
      }
    }
    return false;
  }

  /**
   * A host of the provider that is its organisation, matching that provider's outbound pattern. The
   * patterns are asked first: they are cheap, and most hosts match none, which spares their organisation
   * lookup (a Public Suffix List walk for a host seen nowhere else).
   */
  private isOutbound(host: string): boolean {
    for (const p of OUTBOUND_PROVIDERS) {
      if (p.outbound!(host)) {
        return !!providerOfOrg(this.orgs.of(host))?.outbound?.(host);
      }
    }
    return false;
  }

  /** Identities (names and IPs) that the next older hop's `by` should show if the chain is consistent. */
  identities(h: Hop): Set<string> {
    const out = new Set<string>();
    this.addIdentity(out, h.from.rdns);
    this.addIdentity(out, h.from.helo);
    this.addIdentity(out, h.from.ip);
    return out;
  }

  private addIdentity(out: Set<string>, name: string | undefined): void {
    const n = this.orgs.name(name);
    if (n && n !== 'unknown') out.add(n);
  }

  /** Does `older.by` name the machine that the newer hop says it received from? */
  links(older: Hop, expected: Set<string>, newer: Hop): 'link' | 'soft' | 'hard' {
    const byHost = this.orgs.name(older.by.host);
    const byIp = this.orgs.name(older.by.ip);
    if (!byHost && !byIp) return 'soft';
    if ((byHost && expected.has(byHost)) || (byIp && expected.has(byIp))) return 'link';
    if (byHost) {
      const label = firstLabel(byHost);
      const byOrg = this.orgs.of(byHost);
      const byBrand = this.orgs.brand(byHost);
      for (const e of expected) {
        if (
          firstLabel(e) === label &&
          (Organisations.isBare(e) || Organisations.isBare(byHost) || distinctiveLabel(label))
        )
          return 'link';
        const eOrg = this.orgs.of(e);
        if (byOrg && eOrg === byOrg) return 'link';
        if (byBrand && this.orgs.brand(e) === byBrand) return 'link';
      }
      // The same host wrote both headers: a filter or re-injection stage.
      if (byHost === this.orgs.name(newer.by.host)) return 'link';
      // An internal relay of one organisation: the newer hop came from a private or bare address, or from a
      // machine known only by a bare name (a LAN client `from MATT_LINUX by hippo.example.co.uk`).
      const newerPeer = peerName(newer, this.orgs);
      const newerFromAnonymous =
        isInternalAddress(newer) ||
        (!newer.from.rdns && !newerPeer) ||
        (!newer.from.ip && newerPeer !== undefined && Organisations.isBare(newerPeer));
      if (newerFromAnonymous && byOrg && byOrg === this.orgs.of(newer.by.host)) return 'link';
      if (Organisations.isPlaceholder(byHost) || Organisations.isBare(byHost)) {
        // A machine known only by a bare name (`by cmsmtp`) that received from a host of the same organisation
        // as the one that handed the message on: an internal relay of that organisation.
        const olderOrg = this.orgs.of(peerName(older, this.orgs));
        const newerOrg = this.orgs.of(peerName(newer, this.orgs));
        if (olderOrg?.startsWith('d:') && olderOrg === newerOrg) return 'link';
        return 'soft';
      }
      return 'hard';
    }
    return 'soft';
  }

  /** Walks down from the top and returns the top-first index of the structural handoff, or -1. */
  structuralHandoff(trustedHosts: string[]): number {
    const top = this.chain.find((c) => c.hop.by.host && !isTransparent(c, this.orgs));
    if (!top) return -1;
    this.addRecipient(top.hop.by.host);
    for (const t of trustedHosts) this.addRecipient(t);
    let adoptNextBy = false;
    for (let i = 0; i < this.chain.length; i++) {
      const c = this.chain[i]!;
      if (adoptNextBy && c.hop.by.host) {
        this.addRecipient(c.hop.by.host);
        adoptNextBy = false;
      }
      if (isTransparent(c, this.orgs)) continue;
      // The recipient's server wrote this hop, so the address it accepted the message for is the recipient's.
      const forOrg = c.hop.for ? this.orgs.of(c.hop.for.slice(c.hop.for.lastIndexOf('@') + 1)) : null;
      if (forOrg) this.mailOrgs.add(forOrg);
      if (this.fromInside(c)) {
        adoptNextBy = true;
        continue;
      }
      return i;
    }
    return -1;
  }
}
