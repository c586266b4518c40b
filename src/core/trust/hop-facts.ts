// Facts about single hops and pairs of hops that the chain judge (chain.ts) decides with: which addresses are
// internal, the name a hop's peer goes by, host labels too generic to tie two machines together, hops that
// record no handover, and dates too far apart for one relay to have handed over to the next.

import { isDigit } from '../chars';
import type { Hop } from '../types';
import type { ChainHop } from './chain';
import { Organisations } from './organisation';

const HOUR = 3600_000;
const SKEW_LATER = 2 * HOUR + 5 * 60_000;
const TZ_ERROR_MAX = 14 * HOUR;
const TZ_ERROR_SLACK = 10 * 60_000;
const QUEUE_MAX = 7 * 24 * HOUR;

// Scopes come from Hop.ipScope, which buildHops computed from `from.ip` once (set exactly when it is).
export function isLoopbackOrLinkLocal(h: Hop): boolean {
  const s = h.ipScope;
  return s === 'loopback' || s === 'link-local';
}

export function isInternalAddress(h: Hop): boolean {
  const s = h.ipScope;
  return s === 'loopback' || s === 'link-local' || s === 'private' || s === 'shared';
}

/**
 * A chain hop with its names normalised (Organisations.normalise) and what the judge derives from them alone,
 * each worked out on first use and kept for the analysis: the judge asks for the same few names of a hop a
 * dozen times (the walk down to the handoff, the sender zone, the link tests between neighbours), while
 * many hops, below a chain break, need none. null in a slot: not worked out yet.
 */
export class HopNames {
  readonly hop: Hop;
  private rdnsName: string | undefined | null = null;
  private heloName: string | undefined | null = null;
  private byName: string | undefined | null = null;
  private peerName: string | undefined | null = null;
  private isTransparent: boolean | null = null;

  /**
   * `newer`: the hop above this one (the chain is top-first). Its client is most often the machine that wrote
   * this hop, named the same (`from SJ0PR19MB6655.…outlook.com` above `by SJ0PR19MB6655.…outlook.com`).
   */
  constructor(
    readonly c: ChainHop,
    private readonly newer?: HopNames,
  ) {
    this.hop = c.hop;
  }

  get rdns(): string | undefined {
    if (this.rdnsName === null) this.rdnsName = Organisations.normalise(this.hop.from.rdns);
    return this.rdnsName;
  }

  /** Most HELO names are the rDNS text itself (`from X (X [ip])`, Microsoft's `from X (ip) by`): normalised once. */
  get helo(): string | undefined {
    if (this.heloName === null) {
      const helo = this.hop.from.helo;
      this.heloName = helo !== undefined && helo === this.hop.from.rdns ? this.rdns : Organisations.normalise(helo);
    }
    return this.heloName;
  }

  /**
   * The receiving host (`by`). When the hop above names it as its client by the same text, that hop's rDNS is
   * taken rather than a second lower-cased copy: one string, whose organisation is then looked up once.
   */
  get by(): string | undefined {
    if (this.byName === null) {
      const host = this.hop.by.host;
      const newer = this.newer;
      this.byName =
        newer !== undefined && host !== undefined && host === newer.hop.from.rdns
          ? newer.rdns
          : Organisations.normalise(host);
    }
    return this.byName;
  }

  /** The receiver's address: as the Received parser returns it (parseIp), already what normalise() makes of it. */
  get byIp(): string | undefined {
    return this.hop.by.ip;
  }

  /** The name the hop's peer goes by: the rDNS the receiver looked up, else the HELO unless it parrots the receiver. */
  get peer(): string | undefined {
    if (this.peerName === null) {
      const rdns = this.rdns;
      let peer: string | undefined;
      if (rdns && rdns !== 'unknown') peer = rdns;
      else {
        const helo = this.helo;
        if (helo && helo !== 'unknown' && !helo.startsWith('[') && helo !== this.by) peer = helo;
      }
      this.peerName = peer;
    }
    return this.peerName;
  }

  /** The hop records no handover between two machines: it neither links nor breaks the chain. */
  get transparent(): boolean {
    if (this.isTransparent === null) this.isTransparent = isTransparent(this.c, this);
    return this.isTransparent;
  }
}

/** Words that, numbered, make host labels too common to identify a machine across two domains. */
const GENERIC_WORDS = [
  'mail',
  'smtp',
  'mx',
  'mta',
  'relay',
  'out',
  'outbound',
  'inbound',
  'in',
  'mailhost',
  'mailgw',
  'gw',
  'gate',
  'gateway',
  'www',
  'web',
  'host',
  'server',
  'ns',
  'localhost',
  'email',
  'exchange',
  'post',
  'postfix',
  'exim',
];

/**
 * `mail.a.com` is not `mail.b.org`: a label that is one of GENERIC_WORDS followed by a numbering
 * (`[0-9-]*[a-z]?[0-9]*`: `mx2`, `out-03`, `relay1b`, `in4a7`). A scanner rather than the regular
 * expression it replaces, which backtracked quadratically on `in000…0_` (scripts/redos-check.mjs).
 */
function isGenericLabel(label: string): boolean {
  for (const word of GENERIC_WORDS) if (label.startsWith(word) && isNumbering(label, word.length)) return true;
  return false;
}

/** label[from…] is digits and hyphens, then at most one lower-case letter, then digits only. */
function isNumbering(label: string, from: number): boolean {
  let i = from;
  while (i < label.length && (isDigit(label.charCodeAt(i)) || label.charCodeAt(i) === 45)) i++;
  if (i === label.length) return true;
  const c = label.charCodeAt(i);
  if (c < 97 || c > 122) return false;
  for (i++; i < label.length; i++) if (!isDigit(label.charCodeAt(i))) return false;
  return true;
}

/**
 * A first label distinctive enough that the same machine under two names (`listman.example.org` written by
 * itself, `listman.example.com` by its peer, renamed or anonymised) counts as one.
 */
export function distinctiveLabel(label: string): boolean {
  return label.length >= 5 && !isGenericLabel(label) && !/^[0-9-]+$/.test(label);
}

/** `mx1` of `mx1.example.org`; the whole name when it has no dot. */
export function firstLabel(host: string): string {
  const dot = host.indexOf('.');
  return dot < 0 ? host : host.slice(0, dot);
}

/** See HopNames.transparent. */
function isTransparent(c: ChainHop, names: HopNames): boolean {
  const h = c.hop;
  if (!h.parsed && !h.from.ip && !h.by.host) return true;
  if (!h.from.ip && !h.from.helo && !h.from.rdns && !h.by.host && !h.by.ip) return true;
  if (c.kind === 'filter') return true;
  // The rest concerns hops with no peer address or a loopback one; the others need not have their `by` name
  // normalised here.
  if (h.from.ip && !isLoopbackOrLinkLocal(h)) return false;
  const by = names.by;
  // Loopback re-injection (`from localhost [127.0.0.1] by localhost`) and local stages with a placeholder `by`.
  if (!by || Organisations.isPlaceholder(by)) return true;
  // A content filter on the same machine, named by a bare label (`from mx.example.org [127.0.0.1] by IMSVA`,
  // `by amavisd`): the message went out over loopback and came back, nothing crossed the network.
  return !!h.from.ip && Organisations.isBare(by);
}

export function hasPeer(c: ChainHop): boolean {
  return (
    c.kind !== 'local' &&
    (c.hop.from.ip !== undefined || c.hop.from.rdns !== undefined || c.hop.from.helo !== undefined)
  );
}

/**
 * Whether the dates of two linked hops cannot both be true: the older one much later than the newer (beyond
 * clock skew and a whole-hour zone error), or more than QUEUE_MAX earlier. `heldOnHost`: the newer hop is the
 * host that received the older one taking the message back from itself over loopback, or from a machine on its
 * own private network (a mailing list manager releasing it after moderation, a held queue), so any wait before
 * it is that site's own, however long.
 */
export function dateConflict(older: number | undefined, newer: number | undefined, heldOnHost = false): string | null {
  if (older === undefined || newer === undefined) return null;
  const later = older - newer;
  if (later <= SKEW_LATER && (heldOnHost || -later <= QUEUE_MAX)) return null;
  if (later > 0 && later <= TZ_ERROR_MAX + TZ_ERROR_SLACK) {
    const off = later % HOUR;
    if (off <= TZ_ERROR_SLACK || HOUR - off <= TZ_ERROR_SLACK) return null;
  }
  return later > 0
    ? `dated ${Math.round(later / 60_000)} min after the newer hop above it`
    : `dated ${Math.round(-later / 86_400_000)} days before the newer hop above it`;
}

/** A hop whose `from` names a client IP: not a machine talking to itself, not a mailbox fetch. */
export function isClientHop(c: ChainHop): boolean {
  return c.kind !== 'fetch' && c.kind !== 'local' && !!c.hop.from.ip && !isLoopbackOrLinkLocal(c.hop);
}
