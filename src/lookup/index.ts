// Public surface of src/lookup (DESIGN.md §7).
export {
  enrich,
  streamEnrichment,
  activeBlocklists,
  emptyEnrichment,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_CONCURRENCY,
} from './enrich';
export type { EnrichDeps } from './enrich';
export { BLOCKLISTS, findBlocklist, displayZone } from './blocklists';
export type { BlocklistEntry, CodeMeaning } from './blocklists';
export { SERVICES } from './services';
export type { ServiceDescription } from './services';
export { createMemoryCache, createStorageCache } from './cache';
export type { LookupCache, KeyValueStorage } from './cache';
export { dohQuery, DEFAULT_RESOLVERS } from './doh';
export type { DnsResult, DnsRecord, DnsType, FetchLike } from './doh';
export { HOSTING_ASNS, HOSTING_KEYWORDS } from './hosting';
export { lookupFlags, YOUNG_DOMAIN_DAYS } from './flags';
export type * from './types';
