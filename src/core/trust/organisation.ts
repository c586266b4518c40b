import { trimEnds } from '../chars';
import { isIpAddress } from '../ip';
import { compilePrefix, type IpPrefix, ipInAnyPrefix } from '../ip-scope';
import { registrableDomain } from '../psl';
import { PROVIDERS, type Provider, providerOfDomain } from './providers';

/** Placeholder names that say nothing about who wrote a hop (`by localhost`, `by 0`, `by smtp`). */
const PLACEHOLDERS = new Set([
  'localhost',
  'localhost.localdomain',
  'localdomain',
  'unknown',
  '0',
  'smtp',
  'mail',
  'mailhost',
]);

/**
 * The organisation of a host name, as used to judge who wrote which hop (DESIGN.md §5):
 * a provider from the provider table, else the registrable domain (ICANN section of the PSL), else the
 * bare label itself (`lugh`, `jalapeno`). IP literals and placeholders have no organisation.
 * One instance per analysis memoises the PSL lookups.
 */
export class Organisations {
  /** Organisation keys by normalised host. */
  private readonly cache = new Map<string, string | null>();

  /**
   * Lower-cased host without trailing dot or brackets; undefined for empty text. Not memoised: the chain judge
   * normalises each hop's names once (hop-facts.ts's HopNames).
   */
  static normalise(host: string | undefined): string | undefined {
    if (!host) return undefined;
    let h = trimEnds(host).toLowerCase();
    if (h.charCodeAt(h.length - 1) === 46 /* . */) h = h.slice(0, -1);
    return h === '' ? undefined : h;
  }

  /**
   * normalise(name) for a `name` that normalise() returned: the same string unless its end is a dot or
   * white space (of `x..` or `x .`), as toLowerCase changes no lower-cased text and trim found nothing at
   * its start. Trust hands its names to of() and isRecipientHost(), which normalise what they are given.
   */
  static renormalise(name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    const last = name.charCodeAt(name.length - 1);
    return last > 32 && last < 127 && last !== 46 /* . */ ? name : Organisations.normalise(name);
  }

  static isPlaceholder(host: string): boolean {
    return PLACEHOLDERS.has(host) || host.startsWith('localhost.') || isIpAddress(host);
  }

  static isBare(host: string): boolean {
    return !host.includes('.');
  }

  /** Organisation key: `p:<provider>`, `d:<registrable domain>`, `b:<bare label>`, or null. */
  of(host: string | undefined): string | null {
    return this.ofNormalised(Organisations.normalise(host));
  }

  /** of(name) for a `name` that normalise() returned (see renormalise). */
  ofName(name: string | undefined): string | null {
    return this.ofNormalised(Organisations.renormalise(name));
  }

  /** of(host) given normalise(host): for a hop's names, which trust normalises once (HopNames). */
  ofNormalised(h: string | undefined): string | null {
    if (h === undefined) return null;
    const hit = this.cache.get(h);
    if (hit !== undefined) return hit;
    let key: string | null;
    if (Organisations.isBare(h)) key = Organisations.isPlaceholder(h) ? null : `b:${h}`;
    else {
      // A provider's host is told by its last labels and not memoised: most names looked up are such hosts,
      // each seen once (every hop of Microsoft 365 has its own), and an entry per name grew the memo for
      // nothing. They are read before the placeholder test: no placeholder ends in a provider's domain but a
      // name under `localhost.`, and no IP address does.
      const known = providerBySuffix(h);
      if (known) return h.startsWith('localhost.') ? null : orgKeyOf(known);
      if (Organisations.isPlaceholder(h)) key = null;
      else {
        const domain = registrableDomain(h);
        // The registrable domain is most often one of the suffixes providerBySuffix found in no provider row
        // (then a suffix of h of the same length): that lookup is not made twice. A trailing dot, which the
        // suffix list ignores, makes the lengths not comparable.
        const checked =
          domain !== null &&
          h.charCodeAt(h.length - 1) !== 46 /* . */ &&
          (domain.length === CHECKED.two || domain.length === CHECKED.three);
        const provider = domain && !checked ? providerOfDomain(domain) : undefined;
        key = provider ? orgKeyOf(provider) : domain ? `d:${domain}` : `b:${h}`;
      }
    }
    this.cache.set(h, key);
    return key;
  }

  /** The registrable domain's first label (`t-online` for t-online.de): links the same name under two suffixes. */
  brand(name: string | undefined): string | null {
    const key = this.ofName(name);
    if (!key?.startsWith('d:')) return key;
    const dot = key.indexOf('.');
    return dot > 2 ? `n:${key.slice(2, dot)}` : key;
  }
}

/**
 * Whether the organisation key of `name` (a normalise() result, as ofNormalised looks it up) can be `key`,
 * told without its lookup: a name of key `d:<domain>` is that domain or ends in it after a dot, one of key
 * `p:<provider>` likewise with one of the provider's domains, and one of key `b:<label>` is that label. A
 * trailing dot, which the suffix list ignores, is left to the lookup.
 */
export function mayBeOfOrg(name: string, key: string): boolean {
  if (name.charCodeAt(name.length - 1) === 46 /* . */) return true;
  if (key.startsWith('b:')) return name.length === key.length - 2 && key.endsWith(name);
  const domains = PROVIDER_DOMAINS.get(key);
  if (domains === undefined) return endsInDomain(name, key, 2);
  for (const d of domains) if (endsInDomain(name, d, 0)) return true;
  return false;
}

/** `name` is `text[from…]` or ends in it after a dot. */
function endsInDomain(name: string, text: string, from: number): boolean {
  const length = text.length - from;
  const at = name.length - length;
  if (at < 0 || (at > 0 && name.charCodeAt(at - 1) !== 46)) return false;
  for (let i = 0; i < length; i++) if (name.charCodeAt(at + i) !== text.charCodeAt(from + i)) return false;
  return true;
}

/**
 * The provider whose domain the host is or ends in, without the Public Suffix List walk: the provider
 * table lists registrable domains of two or three labels (`outlook.com`, `yahoo.co.jp`), and no ICANN
 * rule sits below any of them, so a host ending in one has that one as its registrable domain. Most hops
 * of big-provider mail are such hosts, and this spares tldts for them.
 *
 * The host's last two and three labels are found by their suffixHash in one scan from the right, rather
 * than sliced out and looked up by text: two new strings per host name, each hashed again for the Map,
 * cost as much as the suffix list walk that most names (not a provider's) go on to anyway. The lengths
 * of the suffixes it looked up are left in CHECKED for of(), which need not ask about one of them again.
 */
function providerBySuffix(host: string): Provider | undefined {
  CHECKED.two = -1;
  CHECKED.three = -1;
  let hash = 0;
  let dots = 0;
  for (let i = host.length - 1; i >= 0; i--) {
    const c = host.charCodeAt(i);
    if (c === 46 /* . */) {
      dots++;
      // A host that is a single label behind a dot (`.com`) has no registrable domain to find here.
      if (dots === 1 && i === 0) return undefined;
      if (dots === 2) {
        const two = providerWithSuffix(host, i + 1, hash);
        if (two || i === 0) return two;
      } else if (dots === 3) return providerWithSuffix(host, i + 1, hash);
    }
    hash = suffixStep(hash, c);
  }
  // The whole host is the last two (or three) labels.
  return dots === 1 || dots === 2 ? providerWithSuffix(host, 0, hash) : undefined;
}

/** Lengths of the suffixes the last providerBySuffix looked up (-1: none); valid until the next call. */
const CHECKED = { two: -1, three: -1 };

/** The provider whose domain is host[from…], whose suffixHash is `hash`. */
function providerWithSuffix(host: string, from: number, hash: number): Provider | undefined {
  const length = host.length - from;
  if (CHECKED.two < 0) CHECKED.two = length;
  else CHECKED.three = length;
  const rows = BY_SUFFIX_HASH.get(hash);
  if (rows === undefined) return undefined;
  for (const row of rows) if (row.domain.length === length && host.startsWith(row.domain, from)) return row.provider;
  return undefined;
}

/** One character more of a suffixHash, which reads a suffix from its end. */
function suffixStep(hash: number, c: number): number {
  return (Math.imul(hash, 31) + c) | 0;
}

function suffixHash(text: string): number {
  let hash = 0;
  for (let i = text.length - 1; i >= 0; i--) hash = suffixStep(hash, text.charCodeAt(i));
  return hash;
}

/** The provider table's domains (as providerOfDomain finds them) by suffixHash. */
const BY_SUFFIX_HASH = new Map<number, Array<{ domain: string; provider: Provider }>>();
for (const p of PROVIDERS)
  for (const domain of p.domains) {
    const provider = providerOfDomain(domain)!;
    const hash = suffixHash(domain);
    const rows = BY_SUFFIX_HASH.get(hash);
    if (rows === undefined) BY_SUFFIX_HASH.set(hash, [{ domain, provider }]);
    else if (!rows.some((r) => r.domain === domain)) rows.push({ domain, provider });
  }

/** The providers by organisation key (`p:<id>`; the first row of an id, as a search of the table would find). */
const BY_ORG_KEY = new Map<string, Provider>();
/** Each provider's organisation key, built once rather than as a template string per host. */
const ORG_KEYS = new Map<Provider, string>();
for (const p of PROVIDERS) {
  const key = `p:${p.id}`;
  if (!BY_ORG_KEY.has(key)) BY_ORG_KEY.set(key, p);
  ORG_KEYS.set(p, key);
}

/** Every domain of the providers by organisation key (what a host of that key ends in). */
const PROVIDER_DOMAINS = new Map<string, string[]>();
for (const p of PROVIDERS) {
  const key = orgKeyOf(p);
  PROVIDER_DOMAINS.set(key, [...(PROVIDER_DOMAINS.get(key) ?? []), ...p.domains]);
}

function orgKeyOf(provider: Provider): string {
  return ORG_KEYS.get(provider) ?? `p:${provider.id}`;
}

/** The provider an organisation key (Organisations.of) names, if it is a provider's (`p:<id>`). */
export function providerOfOrg(key: string | null): Provider | undefined {
  return key === null ? undefined : BY_ORG_KEY.get(key);
}

function compileNetwork(provider: Provider): IpPrefix[] {
  const out: IpPrefix[] = [];
  for (const prefix of provider.internalPrefixes ?? []) {
    const p = compilePrefix(prefix);
    if (p) out.push(p);
  }
  return out;
}

/** The provider table's internal ranges, read once at load rather than on every hop. */
const NETWORKS = new Map<Provider, IpPrefix[]>(PROVIDERS.map((p) => [p, compileNetwork(p)]));

export function inProviderNetwork(ip: string, provider: Provider | undefined): boolean {
  if (!provider?.internalPrefixes) return false;
  return ipInAnyPrefix(ip, NETWORKS.get(provider) ?? compileNetwork(provider));
}
