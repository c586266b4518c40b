// DKIM key fetch (RFC 6376 §3.6.2): the TXT record at `selector._domainkey.domain`, over DoH through the
// shared resolver (cache, concurrency cap, de-duplication). Made only when lookups are on. The answers are
// handed to the pure verifier in src/core/dkim as KeyAnswer values; nothing here interprets the key.

import type { KeyAnswer } from '../core/dkim';
import type { DnsResult } from './doh';
import type { Resolver } from './resolver';

/** The DNS answer for one key name, as the core's verifier takes it. */
export function keyAnswerOf(result: DnsResult): KeyAnswer {
  switch (result.status) {
    case 'ok': {
      // §3.6.2.2: the character-strings of one record are concatenated (doh.ts already joins them).
      const records = result.records.filter((r) => r.type === 'TXT').map((r) => r.data);
      return records.length > 0 ? { status: 'ok', records } : { status: 'none', detail: 'no TXT record' };
    }
    case 'nxdomain':
      return { status: 'none', detail: 'NXDOMAIN' };
    case 'timeout':
      return { status: 'timeout', detail: result.detail };
    case 'error':
      return { status: 'error', detail: result.detail };
  }
}

/** Fetches every key name (from the core's keyQueries) in parallel. Never throws. */
export async function fetchDkimKeys(names: string[], resolver: Resolver): Promise<Record<string, KeyAnswer>> {
  const entries = await Promise.all(
    names.map(async (name): Promise<[string, KeyAnswer]> => {
      try {
        return [name, keyAnswerOf(await resolver.query(name, 'TXT'))];
      } catch (error) {
        return [name, { status: 'error', detail: error instanceof Error ? error.message : 'lookup failed' }];
      }
    }),
  );
  return Object.fromEntries(entries);
}
