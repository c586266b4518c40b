// JSON over HTTPS for the services that are not DNS (RDAP, RIPEstat, AbuseIPDB): timeout, cache, cap.
// Error details name the host and the HTTP status, never the URL's query or any header (keys live there).

import type { LookupCache } from './cache';
import type { Limiter } from './concurrency';
import { untilAborted, withDeadline } from './deadline';
import type { FetchLike } from './doh';

export type JsonResult =
  | { status: 'ok'; body: unknown }
  | { status: 'none'; detail: string } // 404: the service has no record
  | { status: 'over-quota'; detail: string } // 429
  | { status: 'timeout'; detail: string }
  | { status: 'error'; detail: string };

export interface JsonRequest {
  url: string;
  headers?: Record<string, string>;
  /** Cache key (must not contain secrets) and how long a successful answer is kept. */
  cacheKey: string;
  ttlSeconds: number;
}

export interface JsonClient {
  get(request: JsonRequest): Promise<JsonResult>;
}

export function createJsonClient(
  fetch: FetchLike,
  timeoutMs: number,
  cache: LookupCache,
  limiter: Limiter,
  signal?: AbortSignal,
): JsonClient {
  const inFlight = new Map<string, Promise<JsonResult>>();
  const load = async (request: JsonRequest): Promise<JsonResult> => {
    const cached = await cache.get<JsonResult>(request.cacheKey);
    if (cached) return cached;
    const result = await limiter.run(() => getJson(fetch, request, timeoutMs, signal));
    if (result.status === 'ok' || result.status === 'none')
      await cache.set(request.cacheKey, result, request.ttlSeconds);
    return result;
  };
  return {
    get(request) {
      const pending = inFlight.get(request.cacheKey);
      if (pending) return pending;
      const promise = load(request).finally(() => inFlight.delete(request.cacheKey));
      inFlight.set(request.cacheKey, promise);
      return promise;
    },
  };
}

async function getJson(
  fetch: FetchLike,
  request: JsonRequest,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<JsonResult> {
  let host = 'service';
  try {
    host = new URL(request.url).host;
  } catch {
    return { status: 'error', detail: 'not a URL' };
  }
  return withDeadline(
    timeoutMs,
    outer,
    async (signal): Promise<JsonResult> => {
      const response = await untilAborted(
        fetch(request.url, {
          headers: { accept: 'application/json, application/rdap+json', ...request.headers },
          signal,
        }),
        signal,
      );
      if (response.status === 404) return { status: 'none', detail: `${host} has no record` };
      if (response.status === 429) return { status: 'over-quota', detail: `${host} says too many requests` };
      if (response.status === 401 || response.status === 403) {
        return { status: 'error', detail: `${host} refused the request (HTTP ${response.status}; is the key valid?)` };
      }
      if (!response.ok) return { status: 'error', detail: `${host} answered HTTP ${response.status}` };
      return { status: 'ok', body: await response.json() };
    },
    (why): JsonResult =>
      why === 'timeout'
        ? { status: 'timeout', detail: `no answer from ${host} within ${timeoutMs} ms` }
        : { status: 'error', detail: `could not read an answer from ${host}` },
  );
}
