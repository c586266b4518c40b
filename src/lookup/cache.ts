// A TTL cache behind an interface: a Map for the CLI, the extension's storage.session for the browser
// (the page that runs the lookups passes its get/set pair; this module never touches a browser API).

export interface LookupCache {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` for `ttlSeconds`; a TTL of 0 or less stores nothing (DNS TTL 0 means "do not cache"). */
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
}

interface Stored<T> {
  value: T;
  /** Expiry, ms since epoch. */
  expires: number;
}

/** Longest we keep anything, whatever the TTL says (RFC 8767 §4 caps stale-able TTLs at 7 days; we use 1). */
export const MAX_CACHE_SECONDS = 86_400;

export function createMemoryCache(now: () => number = Date.now): LookupCache & { size(): number } {
  const entries = new Map<string, Stored<unknown>>();
  return {
    async get<T>(key: string) {
      const hit = entries.get(key);
      if (hit === undefined) return undefined;
      if (hit.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return hit.value as T;
    },
    async set<T>(key: string, value: T, ttlSeconds: number) {
      if (!(ttlSeconds > 0)) return;
      entries.set(key, { value, expires: now() + Math.min(ttlSeconds, MAX_CACHE_SECONDS) * 1000 });
    },
    size: () => entries.size,
  };
}

/** The storage the extension gives us: `browser.storage.session` reduced to one key at a time. */
export interface KeyValueStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove?(key: string): Promise<void>;
}

/**
 * A cache over any async key-value storage; values must be JSON-serialisable (they are: DNS answers). (The
 * parameter is not named `storage`: WXT's auto-imports took that name for its own `storage` global and bundled
 * @wxt-dev/storage, 7.4 kB with a CommonJS lock, into the extension for it.)
 */
export function createStorageCache(
  store: KeyValueStorage,
  options: { prefix?: string; now?: () => number } = {},
): LookupCache {
  const prefix = options.prefix ?? 'hopscope-lookup:';
  const now = options.now ?? Date.now;
  return {
    async get<T>(key: string) {
      const hit = (await store.get(prefix + key)) as Stored<T> | undefined;
      if (hit === undefined || hit === null || typeof hit !== 'object' || typeof hit.expires !== 'number') {
        return undefined;
      }
      if (hit.expires <= now()) {
        await store.remove?.(prefix + key);
        return undefined;
      }
      return hit.value;
    },
    async set<T>(key: string, value: T, ttlSeconds: number) {
      if (!(ttlSeconds > 0)) return;
      const stored: Stored<T> = { value, expires: now() + Math.min(ttlSeconds, MAX_CACHE_SECONDS) * 1000 };
      await store.set(prefix + key, stored);
    },
  };
}
