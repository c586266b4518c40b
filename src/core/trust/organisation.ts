import { registrableDomain } from '../psl';
import { compilePrefix, type IpPrefix, ipInAnyPrefix, isIpAddress } from '../ip';
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
  /** normalise() per host as written; null for no name. */
  private readonly names = new Map<string, string | null>();

  /**
   * normalise(), memoised for this analysis: trust asks for the same few hop names many times per hop, and
   * trim plus toLowerCase (which builds a new string before finding nothing to change) cost more than a
   * lookup by the very string object, whose hash V8 keeps after the first lookup.
   */
  name(host: string | undefined): string | undefined {
    if (!host) return undefined;
    const hit = this.names.get(host);
    if (hit !== undefined) return hit ?? undefined;
    const h = Organisations.normalise(host);
    this.names.set(host, h ?? null);
    return h;
  }

  /** Lower-cased host without trailing dot or brackets; undefined for empty text. */
  static normalise(host: string | undefined): string | undefined {
    if (!host) return undefined;
    let h = host.trim().toLowerCase();
    if (h.endsWith('.')) h = h.slice(0, -1);
    return h === '' ? undefined : h;
  }

  static isPlaceholder(host: string): boolean {
    return PLACEHOLDERS.has(host) || host.startsWith('localhost.') || isIpAddress(host);
  }

  static isBare(host: string): boolean {
    return !host.includes('.');
  }

  /** Organisation key: `p:<provider>`, `d:<registrable domain>`, `b:<bare label>`, or null. */
  of(host: string | undefined): string | null {
    const h = this.name(host);
    if (h === undefined) return null;
    const hit = this.cache.get(h);
    if (hit !== undefined) return hit;
    let key: string | null;
    if (Organisations.isPlaceholder(h)) key = null;
    else if (Organisations.isBare(h)) key = `b:${h}`;
    else {
      const known = providerBySuffix(h);
      if (known) key = `p:${known.id}`;
      else {
        const domain = registrableDomain(h);
        const provider = domain ? providerOfDomain(domain) : undefined;
        key = provider ? `p:${provider.id}` : domain ? `d:${domain}` : `b:${h}`;
      }
    }
    this.cache.set(h, key);
    return key;
  }

  /** The registrable domain's first label (`t-online` for t-online.de): links the same name under two suffixes. */
  brand(host: string | undefined): string | null {
    const key = this.of(host);
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

export function providerOfKey(key: string | null): string | undefined {
  return key?.startsWith('p:') ? key.slice(2) : undefined;
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
