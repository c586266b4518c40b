import { getDomain } from 'tldts';
import { ipInPrefix, parseIp } from '../ip';
import { type Provider, providerOfDomain } from './providers';

const TLDTS_OPTIONS = {
  allowPrivateDomains: false,
  detectIp: false,
  extractHostname: false,
  validateHostname: false,
  mixedInputs: false,
} as const;

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
  private readonly cache = new Map<string, string | null>();

  /** Lower-cased host without trailing dot or brackets; undefined for empty text. */
  static normalise(host: string | undefined): string | undefined {
    if (!host) return undefined;
    let h = host.trim().toLowerCase();
    if (h.endsWith('.')) h = h.slice(0, -1);
    return h === '' ? undefined : h;
  }

  static isPlaceholder(host: string): boolean {
    return PLACEHOLDERS.has(host) || host.startsWith('localhost.') || parseIp(host) !== undefined;
  }

  static isBare(host: string): boolean {
    return !host.includes('.');
  }

  /** Organisation key: `p:<provider>`, `d:<registrable domain>`, `b:<bare label>`, or null. */
  of(host: string | undefined): string | null {
    const h = Organisations.normalise(host);
    if (h === undefined) return null;
    const hit = this.cache.get(h);
    if (hit !== undefined) return hit;
    let key: string | null;
    if (Organisations.isPlaceholder(h)) key = null;
    else if (Organisations.isBare(h)) key = `b:${h}`;
    else {
      const domain = getDomain(h, TLDTS_OPTIONS);
      const provider = domain ? providerOfDomain(domain) : undefined;
      key = provider ? `p:${provider.id}` : domain ? `d:${domain}` : `b:${h}`;
    }
    this.cache.set(h, key);
    return key;
  }

  /** The registrable domain's first label (`t-online` for t-online.de): links the same name under two suffixes. */
  brand(host: string | undefined): string | null {
    const key = this.of(host);
    if (!key || !key.startsWith('d:')) return key;
    const dot = key.indexOf('.');
    return dot > 2 ? `n:${key.slice(2, dot)}` : key;
  }
}

export function providerOfKey(key: string | null): string | undefined {
  return key?.startsWith('p:') ? key.slice(2) : undefined;
}

export function inProviderNetwork(ip: string, provider: Provider | undefined): boolean {
  if (!provider?.internalPrefixes) return false;
  for (const prefix of provider.internalPrefixes) if (ipInPrefix(ip, prefix)) return true;
  return false;
}
