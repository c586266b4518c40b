// Public surface of src/lookup (DESIGN.md §7).

export type { BlocklistEntry, CodeMeaning } from './blocklists';
export { BLOCKLISTS, displayZone, findBlocklist } from './blocklists';
export type { KeyValueStorage, LookupCache } from './cache';
export { createMemoryCache, createStorageCache } from './cache';
export type { DnsRecord, DnsResult, DnsType, FetchLike } from './doh';
export { DEFAULT_RESOLVERS, dohQuery } from './doh';
export type { EnrichDeps } from './enrich';
export {
  activeBlocklists,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  emptyEnrichment,
  enrich,
  streamEnrichment,
} from './enrich';
export { lookupFlags, YOUNG_DOMAIN_DAYS } from './flags';
export { HOSTING_ASNS, HOSTING_KEYWORDS } from './hosting';
export type { ServiceDescription } from './services';
export { SERVICES } from './services';
export type * from './types';
