// The DNS side of enrichment: DoH queries behind the TTL cache, a concurrency cap and in-flight
// de-duplication (eight IPs asking one list's self-test share one query).

import type { LookupCache } from './cache';
import type { Limiter } from './concurrency';
import { type DnsResult, type DnsType, type DohOptions, dohQuery } from './doh';

export interface Resolver {
  query(name: string, type: DnsType): Promise<DnsResult>;
}

export function createResolver(
  options: DohOptions,
  cache: LookupCache,
  limiter: Limiter,
  signal?: AbortSignal,
): Resolver {
  const inFlight = new Map<string, Promise<DnsResult>>();
  return {
    query(name, type) {
      const key = `dns:${type}:${name.toLowerCase()}`;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const promise = (async (): Promise<DnsResult> => {
        const cached = await cache.get<DnsResult>(key);
        if (cached) return cached;
        const result = await limiter.run(() => dohQuery(name, type, options, signal));
        // Only answers are cached, by their TTL; a timeout or error is retried on the next run.
        if (result.status === 'ok' || result.status === 'nxdomain') await cache.set(key, result, result.ttl);
        return result;
      })().finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    },
  };
}
