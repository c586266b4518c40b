import { registrableDomain } from '../psl';
import { isIpAddress } from '../ip';
import { compilePrefix, type IpPrefix, ipInAnyPrefix } from '../ip-scope';
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

  /** normalise(). Not memoised: the chain judge reads each hop's names once (hop-facts.ts's HopNames). */
  name(host: string | undefined): string | undefined {
    return Organisations.normalise(host);
  }

  /** Lower-cased host without trailing dot or brackets; undefined for empty text. */
  static normalise(host: string | undefined): string | undefined {
    if (!host) return undefined;
    let h = host.trim().toLowerCase();
    if (h.endsWith('.')) h = h.slice(0, -1);
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
    if (Organisations.isPlaceholder(h)) key = null;
    else if (Organisations.isBare(h)) key = `b:${h}`;
    else {
      const known = providerBySuffix(h);
      if (known) key = orgKeyOf(known);
      else {
        const domain = registrableDomain(h);
        const provider = domain ? providerOfDomain(domain) : undefined;
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
 * The provider whose domain the host is or ends in, without the Public Suffix List walk: the provider
 * table lists registrable domains of two or three labels (`outlook.com`, `yahoo.co.jp`), and no ICANN
 * rule sits below any of them, so a host ending in one has that one as its registrable domain. Most hops
 * of big-provider mail are such hosts, and this spares tldts for them.
 */
function providerBySuffix(host: string): Provider | undefined {
  const last = host.lastIndexOf('.');
  if (last <= 0) return undefined;
  const second = host.lastIndexOf('.', last - 1);
  const two = providerOfDomain(second < 0 ? host : host.slice(second + 1));
  if (two) return two;
  if (second <= 0) return undefined;
  const third = host.lastIndexOf('.', second - 1);
  return providerOfDomain(third < 0 ? host : host.slice(third + 1));
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
