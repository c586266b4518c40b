// `hopscope analyze --lookups [--doh URL]... [--dnsbl ZONE]... FILE`: network enrichment for the CLI.
// Keys come from the environment (HOPSCOPE_SPAMHAUS_KEY, HOPSCOPE_ABUSIX_KEY, HOPSCOPE_ABUSEIPDB_KEY), never
// from argv, where any local user could read them in the process list.

import type { Analysis } from '../core/types';
import type { LookupCache } from '../lookup/cache';
import { createMemoryCache } from '../lookup/cache';
import type { FetchLike } from '../lookup/doh';
import { enrich } from '../lookup/enrich';
import { MAX_IP_TARGETS } from '../lookup/targets';
import type { BlocklistAnswer, Enrichment, ItemState, LookupKeys, LookupSettings } from '../lookup/types';

export interface LookupCliOptions {
  /** --doh URL, repeatable (default: Cloudflare, then Google). */
  resolvers: string[];
  /** --dnsbl ZONE-or-id, repeatable (default: the catalogue's defaults). */
  blocklists: string[];
  keys: LookupKeys;
  timeoutMs?: number;
  endpoints?: LookupSettings['endpoints'];
  /** Injected for tests; the CLI passes the global fetch. */
  fetch?: FetchLike;
  /** Shared across the files of one run so repeated IPs are asked once. */
  cache?: LookupCache;
  now?: number;
  /** The analyzed text: DKIM/ARC signatures are verified against it (body hash too for a whole message). */
  text?: string;
}

export interface LookupRun {
  /** Goes into the JSON line as `enrichment`. */
  enrichment: Enrichment;
  /** Lines for the human report (no trailing newline). */
  lines: string[];
}

/**
 * Consumes a lookup option at args[i] (`--lookups`, `--doh URL`, `--dnsbl ZONE`) into `into`; returns how
 * many arguments it used (0: not a lookup option), or an error message for a missing value.
 */
export function parseLookupArg(
  args: string[],
  i: number,
  into: { lookups: boolean; resolvers: string[]; blocklists: string[] },
): number | string {
  const arg = args[i];
  if (arg === '--lookups') {
    into.lookups = true;
    return 1;
  }
  if (arg === '--doh' || arg === '--dnsbl') {
    const value = args[i + 1];
    if (!value || value.startsWith('-')) return `${arg} needs a ${arg === '--doh' ? 'resolver URL' : 'zone'}`;
    if (arg === '--doh') {
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
        return `--doh needs an http(s) URL, not '${value}'`;
      into.resolvers.push(value);
    } else into.blocklists.push(value);
    return 2;
  }
  return 0;
}

export function keysFromEnv(env: Record<string, string | undefined>): LookupKeys {
  const keys: LookupKeys = {};
  if (env.HOPSCOPE_SPAMHAUS_KEY) keys.spamhaus = env.HOPSCOPE_SPAMHAUS_KEY;
  if (env.HOPSCOPE_ABUSIX_KEY) keys.abusix = env.HOPSCOPE_ABUSIX_KEY;
  if (env.HOPSCOPE_ABUSEIPDB_KEY) keys.abuseipdb = env.HOPSCOPE_ABUSEIPDB_KEY;
  return keys;
}

/**
 * Where RDAP bootstrap, RIPEstat and AbuseIPDB are reached: the public services unless
 * HOPSCOPE_RDAP_BOOTSTRAP / HOPSCOPE_RIPESTAT_URL / HOPSCOPE_ABUSEIPDB_URL name a mirror (or a test server).
 */
export function endpointsFromEnv(env: Record<string, string | undefined>): LookupSettings['endpoints'] {
  const endpoints: NonNullable<LookupSettings['endpoints']> = {};
  if (env.HOPSCOPE_RDAP_BOOTSTRAP) endpoints.rdapBootstrap = env.HOPSCOPE_RDAP_BOOTSTRAP;
  if (env.HOPSCOPE_RIPESTAT_URL) endpoints.ripestat = env.HOPSCOPE_RIPESTAT_URL;
  if (env.HOPSCOPE_ABUSEIPDB_URL) endpoints.abuseipdb = env.HOPSCOPE_ABUSEIPDB_URL;
  return endpoints;
}

const defaultCache = createMemoryCache();

export async function runLookups(analysis: Analysis, options: LookupCliOptions): Promise<LookupRun> {
  const settings: LookupSettings = {
    enabled: true,
    resolvers: options.resolvers,
    blocklists: options.blocklists,
    keys: options.keys,
  };
  if (options.timeoutMs !== undefined) settings.timeoutMs = options.timeoutMs;
  if (options.endpoints) settings.endpoints = options.endpoints;
  const enrichment = await enrich(analysis, settings, {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    cache: options.cache ?? defaultCache,
    now: options.now ?? Date.now(),
    ...(options.text === undefined ? {} : { text: options.text }),
  });
  return { enrichment, lines: renderLookupLines(enrichment) };
}

const MARK = { danger: 'DANGER ', warning: 'WARNING', info: 'info   ', good: 'good   ' } as const;

export function renderLookupLines(e: Enrichment): string[] {
  const out: string[] = ['', 'Lookups:'];
  for (const ip of Object.values(e.ips)) {
    out.push(`  ${ip.ip}  (${ip.roles.join(', ')}${ip.scope === 'public' ? '' : `, ${ip.scope}`})`);
    if (ip.scope !== 'public') {
      out.push('      not looked up: not a public address');
      continue;
    }
    const ptr = ip.ptr ? `${ip.ptrNames.join(', ')}  FCrDNS ${ip.fcrdns}` : describe(ip.status.ptr, 'no PTR');
    out.push(`      PTR      ${ptr}`);
    const asn = ip.asn
      ? `AS${ip.asn.number}${ip.asn.name ? ` ${ip.asn.name}` : ''}${ip.asn.prefix ? `  ${ip.asn.prefix}` : ''}${ip.asn.country ? `  ${ip.asn.country}` : ''}  (${ip.asn.source})`
      : describe(ip.status.asn, 'unknown');
    out.push(`      ASN      ${asn}`);
    for (const b of ip.blocklists) out.push(`      ${blocklistLine(b)}`);
    if (ip.abuseipdb) out.push(`      AbuseIPDB confidence ${ip.abuseipdb.score}%, ${ip.abuseipdb.reports} reports`);
    else if (ip.status.abuseipdb.status !== 'not-applicable')
      out.push(`      AbuseIPDB ${describe(ip.status.abuseipdb, '')}`);
  }
  if (e.skippedIps)
    out.push(`  (${e.skippedIps} more hop IPs not looked up: only the ${MAX_IP_TARGETS} nearest the handoff are)`);
  for (const d of Object.values(e.domains)) {
    out.push(`  ${d.domain}  (${d.roles.join(', ')})`);
    const reg = d.registered
      ? `${d.registered.slice(0, 10)} (${d.ageDays} days ago)`
      : describe(d.status.rdap, 'unknown');
    out.push(`      registered ${reg}`);
    if (d.status.spf.status !== 'not-applicable') out.push(`      SPF      ${d.spf ?? describe(d.status.spf, 'none')}`);
    if (d.status.dmarc.status !== 'not-applicable')
      out.push(`      DMARC    ${d.dmarc ?? describe(d.status.dmarc, 'none')}`);
    for (const b of d.blocklists) out.push(`      ${blocklistLine(b)}`);
  }
  out.push(...signatureLines(e));
  const failedTests = Object.values(e.selfTests).filter((t) => t.status !== 'ok');
  for (const t of failedTests) out.push(`  list ${t.zone}: ${t.status}${t.detail ? ` — ${t.detail}` : ''}`);
  if (e.flags.length) {
    out.push('', 'Lookup flags:');
    for (const f of e.flags) out.push(`  ${MARK[f.severity]} ${f.title}${f.detail ? ` — ${f.detail}` : ''}`);
  }
  return out;
}

/** Per signature: what is proven, or which check failed (src/core/dkim). */
function signatureLines(e: Enrichment): string[] {
  const out: string[] = [];
  for (const s of e.signatures ?? []) {
    const kind =
      s.kind === 'dkim' ? 'DKIM' : s.kind === 'arc-seal' ? `ARC-Seal i=${s.instance}` : `ARC-MS i=${s.instance}`;
    const who = `${s.domain ?? '?'} s=${s.selector ?? '?'} ${s.algorithm ?? ''}`.trim();
    if (s.status === 'pass') {
      const body = s.body === 'not-applicable' ? '' : `, body ${s.body}`;
      out.push(`  ${kind.padEnd(9)} ${who}: headers pass${body}`);
      if (s.kind === 'dkim') {
        out.push(
          `            proven: ${s.signedFields.join(', ') || 'nothing'}${s.unsignedFields?.length ? `; not covered: ${s.unsignedFields.join(', ')}` : ''}`,
        );
      }
    } else {
      out.push(`  ${kind.padEnd(9)} ${who}: ${s.status}${s.failure ? ` (${s.failure})` : ''}: ${s.reason}`);
    }
  }
  if (e.arc && e.arc.chain !== 'none') {
    const chain = e.arc.instances
      .map((i) => `i=${i.instance} ${i.domain ?? '?'} [${i.vouches.join(', ')}]`)
      .join(' → ');
    out.push(
      e.arc.chain === 'pass'
        ? `  ARC       pass: ${chain}`
        : `  ARC       ${e.arc.chain}${e.arc.failedInstance ? ` at i=${e.arc.failedInstance}` : ''}: ${e.arc.reason}`,
    );
  }
  return out;
}

function blocklistLine(b: BlocklistAnswer): string {
  const head = `${b.zone.padEnd(22)} ${b.status}`;
  if (b.status === 'listed') return `${head} ${b.codes.join(', ')}${b.meaning ? ` (${b.meaning})` : ''}`;
  return b.detail ? `${head} — ${b.detail}` : head;
}

function describe(s: ItemState, noneText: string): string {
  if (s.status === 'none') return noneText || 'none';
  return `${s.status}${s.detail ? ` — ${s.detail}` : ''}`;
}
