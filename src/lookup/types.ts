import type { ArcVerification, SignatureVerification } from '../core/dkim';
// The Enrichment schema (DESIGN.md §7): what the network says about an Analysis' IPs and domains.
// Every answer carries a status; nothing here is a bare "yes/no". Field names are part of the CLI's
// JSON contract (`enrichment` beside the Analysis).

import type { Flag, IpScope } from '../core/types';

/** The verdict of one blocklist about one IP or domain (DESIGN.md §1.2: never a bare boolean). */
export type BlocklistStatus =
  | 'listed' // an A record in the list's "listed" codes; `codes` and `meaning` say which
  | 'not-listed' // NXDOMAIN (or no A record) from a list whose self-test passed
  | 'refused' // the list answered with its own "query refused" code (public resolver, typo'd zone, bad key)
  | 'over-quota' // the list answered with its "too many queries" code (or the API said 429)
  | 'unreliable' // the list failed its RFC 5782 self-test, so none of its answers count
  | 'timeout'
  | 'error'
  | 'pending' // not answered yet (only while streaming; never in a completed Enrichment)
  | 'not-applicable'; // an IPv6 address to an IPv4-only list, a private address, a domain to an IP list

export interface BlocklistAnswer {
  /** Catalogue id (`spamcop`, `spamhaus-zen`, …). */
  list: string;
  /** The zone as shown to people; a key in a DQS zone is never shown (`zen.dq.spamhaus.net`). */
  zone: string;
  status: BlocklistStatus;
  /** The A records returned (`127.0.0.2`), empty unless the list answered with records. */
  codes: string[];
  /** What the codes mean according to the list's own documentation. */
  meaning?: string;
  /** Why the status is what it is, for statuses other than listed / not-listed. */
  detail?: string;
}

/**
 * The status of a lookup other than a blocklist: `ok` (an answer), `none` (the DNS says there is nothing:
 * NXDOMAIN / no record), `timeout`, `error`, `over-quota`, `not-applicable` (private address, no key given),
 * `pending` (not answered yet, while streaming).
 */
export type ItemStatus = 'ok' | 'none' | 'timeout' | 'error' | 'over-quota' | 'not-applicable' | 'pending';

export interface ItemState {
  status: ItemStatus;
  detail?: string;
}

/** Forward-confirmed reverse DNS (FCrDNS): a PTR name whose A/AAAA records include the address again. */
export type Fcrdns = 'pass' | 'fail' | 'no-ptr' | 'unknown';

export interface AsnInfo {
  number: number;
  name: string | null;
  prefix: string | null;
  country: string | null;
  registry?: string;
  source: 'team-cymru' | 'ripestat';
}

export interface AbuseIpdbInfo {
  score: number;
  reports: number;
  lastReportedAt: string | null;
  usageType: string | null;
  isp: string | null;
}

export type IpRole = 'handoff' | 'origin' | 'hop';

export interface IpEnrichment {
  ip: string;
  version: 4 | 6;
  scope: IpScope;
  /** Why this IP was looked up, and the hop it was read from (oldest first, as in Analysis.hops). */
  roles: IpRole[];
  hops: number[];
  /** The first PTR name (all of them in `ptrNames`), null when none or not known. */
  ptr: string | null;
  ptrNames: string[];
  fcrdns: Fcrdns;
  asn: AsnInfo | null;
  blocklists: BlocklistAnswer[];
  abuseipdb: AbuseIpdbInfo | null;
  status: { ptr: ItemState; fcrdns: ItemState; asn: ItemState; abuseipdb: ItemState };
}

export type DomainRole = 'from' | 'return-path' | 'dkim' | 'reply-to';

export interface DomainEnrichment {
  domain: string;
  /** The registrable domain (public-suffix based) that RDAP is asked about. */
  registrableDomain: string | null;
  roles: DomainRole[];
  /** Registration date from RDAP (ISO 8601), null when unknown. */
  registered: string | null;
  ageDays: number | null;
  /** The `v=spf1` TXT record, null when none (only for the From and Return-Path domains). */
  spf: string | null;
  /** The `_dmarc` TXT record `v=DMARC1…`, null when none (only for the From domain). */
  dmarc: string | null;
  blocklists: BlocklistAnswer[];
  status: { rdap: ItemState; spf: ItemState; dmarc: ItemState };
}

export interface SelfTestResult {
  list: string;
  zone: string;
  /** `ok`: 127.0.0.2 (or `test`) listed and 127.0.0.1 (or `invalid`) not; anything else disables the list. */
  status: 'ok' | 'unreliable' | 'refused' | 'over-quota' | 'timeout' | 'error' | 'pending';
  detail?: string;
}

export interface Enrichment {
  schema: 1;
  /** False while answers are still arriving (streaming); true once every lookup has settled. */
  complete: boolean;
  ips: Record<string, IpEnrichment>;
  /** Public hop IPs not looked up: past MAX_IP_TARGETS (src/lookup/targets.ts) only those nearest the handoff are. */
  skippedIps?: number;
  domains: Record<string, DomainEnrichment>;
  selfTests: Record<string, SelfTestResult>;
  /** Flags derived from the answers (listed handoff IP, missing PTR, young domain, hosting network, …). */
  flags: Flag[];
  /** DKIM-Signature, ARC-Seal and ARC-Message-Signature verified with keys fetched over DoH (src/core/dkim). */
  signatures?: SignatureVerification[];
  arc?: ArcVerification;
}

/** One answer arriving, for streaming to a UI. `enrichment` is the live object after the change. */
export interface EnrichmentUpdate {
  target:
    | { kind: 'ip'; ip: string }
    | { kind: 'domain'; domain: string }
    | { kind: 'self-test'; list: string }
    | { kind: 'signatures' };
  what: 'ptr' | 'asn' | 'blocklist' | 'abuseipdb' | 'rdap' | 'spf' | 'dmarc' | 'self-test' | 'signatures';
  enrichment: Enrichment;
}

/** The user's own keys. They go only where SERVICES says, and never into a message, log or cache key. */
export interface LookupKeys {
  /** Spamhaus Data Query Service key (ZEN, DBL, ZRD through `<key>.zen.dq.spamhaus.net`). */
  spamhaus?: string;
  abusix?: string;
  abuseipdb?: string;
}

/** What the user allowed. Nothing is sent unless `enabled` is true (DESIGN.md §1.3). */
export interface LookupSettings {
  enabled: boolean;
  /** DoH resolver URLs in order (default: Cloudflare, then Google). */
  resolvers?: string[];
  /** Blocklists by catalogue id or zone (default: the catalogue's defaults, plus keyed lists whose key is set). */
  blocklists?: string[];
  keys?: LookupKeys;
  /** Per-request timeout in ms (default 4000). */
  timeoutMs?: number;
  /** Concurrent requests per service. */
  concurrency?: Partial<Record<LookupService, number>>;
  /** Service endpoints (tests point these at a local server). */
  endpoints?: { ripestat?: string; rdapBootstrap?: string; abuseipdb?: string };
}

export type LookupService = 'dns' | 'rdap' | 'ripestat' | 'abuseipdb';
