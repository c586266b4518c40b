// The one entry point of src/lookup: enrich(analysis, settings, deps) → Enrichment, every lookup in
// parallel (capped per service), answers streamed through onUpdate as they arrive, flags re-derived on
// each answer. With `settings.enabled` false it returns at once and sends nothing.

import { type DkimSubtle, keyQueries, signatureFlags, verifyHeaderSignatures } from '../core/dkim';
import { readHeaderBlock } from '../core/headers/read';
import type { Analysis, Flag } from '../core/types';
import { ABUSEIPDB_URL, lookupAbuseIpdb } from './abuseipdb';
import { lookupAsn, RIPESTAT_URL } from './asn';
import { adHocBlocklist, BLOCKLISTS, type BlocklistEntry, displayZone, findBlocklist } from './blocklists';
import { createMemoryCache, type LookupCache } from './cache';
import { createLimiter } from './concurrency';
import { fetchDkimKeys } from './dkim-key';
import { combine, queryName, readAnswer, selfTest, zoneName } from './dnsbl';
import { DEFAULT_RESOLVERS, type FetchLike } from './doh';
import { lookupFlags } from './flags';
import { createJsonClient } from './http-json';
import { lookupDmarc, lookupSpf } from './policy-records';
import { IANA_RDAP_BOOTSTRAP, lookupRegistration } from './rdap';
import { createResolver } from './resolver';
import { reverseDns } from './reverse-dns';
import { type DomainTarget, domainTargets, type IpTarget, ipTargets } from './targets';
import type {
  BlocklistAnswer,
  DomainEnrichment,
  Enrichment,
  EnrichmentUpdate,
  IpEnrichment,
  ItemState,
  LookupKeys,
  LookupService,
  LookupSettings,
  SelfTestResult,
} from './types';

export interface EnrichDeps {
  /** The only way out to the network; tests pass one that reaches a local server. */
  fetch: FetchLike;
  cache?: LookupCache;
  /** Current time, ms since epoch (for domain ages). */
  now?: number;
  signal?: AbortSignal;
  onUpdate?: (update: EnrichmentUpdate) => void;
  /**
   * The text that was analyzed. With it, DKIM and ARC signatures are verified (keys fetched over DoH), and a
   * DKIM body hash too when the text is a whole message. Without it, signatures are not checked.
   */
  text?: string;
  /** WebCrypto's SubtleCrypto (default: globalThis.crypto.subtle). */
  subtle?: DkimSubtle;
}

export const DEFAULT_TIMEOUT_MS = 4000;
/** DoH resolvers speak HTTP/2 with ~100 concurrent streams; RDAP registries and APIs rate-limit. */
export const DEFAULT_CONCURRENCY: Record<LookupService, number> = { dns: 64, rdap: 4, ripestat: 4, abuseipdb: 2 };

/** A fallback cache for callers that pass none; one per process, so a second run is answered from it. */
const processCache = createMemoryCache();

export function emptyEnrichment(complete: boolean): Enrichment {
  return { schema: 1, complete, ips: {}, domains: {}, selfTests: {}, flags: [] };
}

export async function enrich(analysis: Analysis, settings: LookupSettings, deps: EnrichDeps): Promise<Enrichment> {
  if (settings.enabled !== true) return emptyEnrichment(true);
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cap = { ...DEFAULT_CONCURRENCY, ...settings.concurrency };
  const cache = deps.cache ?? processCache;
  const now = deps.now ?? Date.now();
  const keys = settings.keys ?? {};
  const secrets = Object.values(keys).filter((k): k is string => typeof k === 'string' && k.length > 0);
  const scrub = (text: string | undefined) => (text === undefined ? undefined : redact(text, secrets));

  const resolver = createResolver(
    { resolvers: settings.resolvers?.length ? settings.resolvers : DEFAULT_RESOLVERS, fetch: deps.fetch, timeoutMs },
    cache,
    createLimiter(cap.dns),
    deps.signal,
  );
  const jsonFor = (service: LookupService) =>
    createJsonClient(deps.fetch, timeoutMs, cache, createLimiter(cap[service]), deps.signal);
  const rdapJson = jsonFor('rdap');
  const ripeJson = jsonFor('ripestat');
  const abuseJson = jsonFor('abuseipdb');
  const endpoints = {
    ripestat: settings.endpoints?.ripestat ?? RIPESTAT_URL,
    rdapBootstrap: settings.endpoints?.rdapBootstrap ?? IANA_RDAP_BOOTSTRAP,
    abuseipdb: settings.endpoints?.abuseipdb ?? ABUSEIPDB_URL,
  };

  const e = emptyEnrichment(false);
  let signatureFlagList: Flag[] = [];
  const emit = (target: EnrichmentUpdate['target'], what: EnrichmentUpdate['what']) => {
    e.flags = [...lookupFlags(analysis, e), ...signatureFlagList];
    deps.onUpdate?.({ target, what, enrichment: e });
  };
  const state = (s: ItemState): ItemState => {
    const detail = scrub(s.detail);
    return detail === undefined ? { status: s.status } : { status: s.status, detail };
  };

  const lists = activeBlocklists(settings.blocklists, keys);
  const tests = new Map<string, Promise<SelfTestResult>>();
  for (const list of lists) {
    const zone = zoneName(list, keys);
    if (zone === undefined) continue;
    e.selfTests[list.id] = { list: list.id, zone: displayZone(list), status: 'pending' };
    tests.set(
      list.id,
      selfTest(list, zone, resolver).then((r) => {
        const result: SelfTestResult = { ...r };
        const detail = scrub(r.detail);
        if (detail !== undefined) result.detail = detail;
        e.selfTests[list.id] = result;
        emit({ kind: 'self-test', list: list.id }, 'self-test');
        return result;
      }),
    );
  }

  const checkList = async (
    list: BlocklistEntry,
    target: { kind: 'ipv4' | 'ipv6' | 'domain'; value: string },
  ): Promise<BlocklistAnswer> => {
    const base = { list: list.id, zone: displayZone(list), codes: [] as string[] };
    if (!list.kinds.includes(target.kind)) {
      const why =
        target.kind === 'ipv6'
          ? 'the list does not answer for IPv6'
          : `the list does not list ${target.kind === 'domain' ? 'domains' : 'IPs'}`;
      return { ...base, status: 'not-applicable', detail: why };
    }
    const zone = zoneName(list, keys);
    const test = tests.get(list.id);
    if (zone === undefined || test === undefined) {
      return {
        ...base,
        status: 'not-applicable',
        detail: `${list.name} needs your ${list.keyName ?? ''} key`.replace('  ', ' '),
      };
    }
    const name = queryName(target, zone);
    if (name === undefined) return { ...base, status: 'error', detail: 'cannot build the query name' };
    const [answer, tested] = await Promise.all([resolver.query(name, 'A'), test]);
    const combined = combine(list, tested, readAnswer(list, answer));
    const detail = scrub(combined.detail);
    if (detail === undefined) delete combined.detail;
    else combined.detail = detail;
    return combined;
  };

  const work: Array<Promise<unknown>> = [];
  const ipsToAsk = ipTargets(analysis);
  if (ipsToAsk.skipped > 0) e.skippedIps = ipsToAsk.skipped;
  for (const target of ipsToAsk.targets) {
    const ip = newIpEnrichment(target);
    e.ips[target.ip] = ip;
    if (target.scope !== 'public') {
      const na: ItemState = { status: 'not-applicable', detail: `${target.scope} address: not on the Internet` };
      ip.status = { ptr: na, fcrdns: na, asn: na, abuseipdb: na };
      ip.blocklists = lists.map((l) => ({
        list: l.id,
        zone: displayZone(l),
        status: 'not-applicable',
        codes: [],
        detail: na.detail!,
      }));
      ip.fcrdns = 'unknown';
      continue;
    }
    work.push(
      reverseDns(target.ip, resolver).then((r) => {
        ip.ptrNames = r.ptrNames;
        ip.ptr = r.ptrNames[0] ?? null;
        ip.fcrdns = r.fcrdns;
        ip.status.ptr = state(r.ptr);
        ip.status.fcrdns = state(r.forward);
        emit({ kind: 'ip', ip: target.ip }, 'ptr');
      }),
      lookupAsn(target.ip, resolver, ripeJson, endpoints.ripestat).then((r) => {
        ip.asn = r.asn;
        ip.status.asn = state(r.state);
        emit({ kind: 'ip', ip: target.ip }, 'asn');
      }),
    );
    const kind = target.version === 4 ? 'ipv4' : 'ipv6';
    ip.blocklists = lists.map((l) => ({ list: l.id, zone: displayZone(l), status: 'pending', codes: [] }));
    lists.forEach((list, i) => {
      work.push(
        checkList(list, { kind, value: target.ip }).then((answer) => {
          ip.blocklists[i] = answer;
          emit({ kind: 'ip', ip: target.ip }, 'blocklist');
        }),
      );
    });
    const abuseKey = keys.abuseipdb;
    if (abuseKey && (target.roles.includes('handoff') || target.roles.includes('origin'))) {
      work.push(
        lookupAbuseIpdb(target.ip, abuseKey, abuseJson, endpoints.abuseipdb).then((r) => {
          ip.abuseipdb = r.info;
          ip.status.abuseipdb = state(r.state);
          emit({ kind: 'ip', ip: target.ip }, 'abuseipdb');
        }),
      );
    } else {
      ip.status.abuseipdb = {
        status: 'not-applicable',
        detail: abuseKey ? 'only the handoff and origin IPs are sent to AbuseIPDB' : 'no AbuseIPDB key given',
      };
    }
  }

  for (const target of domainTargets(analysis)) {
    const d = newDomainEnrichment(target);
    e.domains[target.domain] = d;
    if (target.registrableDomain) {
      work.push(
        lookupRegistration(target.registrableDomain, rdapJson, endpoints.rdapBootstrap, now).then((r) => {
          d.registered = r.registered;
          d.ageDays = r.ageDays;
          d.status.rdap = state(r.state);
          emit({ kind: 'domain', domain: target.domain }, 'rdap');
        }),
      );
    } else d.status.rdap = { status: 'not-applicable', detail: 'no registrable domain (public suffix)' };
    if (target.roles.includes('from') || target.roles.includes('return-path')) {
      work.push(
        lookupSpf(target.domain, resolver).then((r) => {
          d.spf = r.record;
          d.status.spf = state(r.state);
          emit({ kind: 'domain', domain: target.domain }, 'spf');
        }),
      );
    } else d.status.spf = { status: 'not-applicable', detail: 'SPF is read for the From and Return-Path domains' };
    if (target.roles.includes('from')) {
      work.push(
        lookupDmarcWithFallback(target, resolver).then((r) => {
          d.dmarc = r.record;
          d.status.dmarc = state(r.state);
          emit({ kind: 'domain', domain: target.domain }, 'dmarc');
        }),
      );
    } else d.status.dmarc = { status: 'not-applicable', detail: 'DMARC is read for the From domain' };
    const domainLists = lists.filter((l) => l.kinds.includes('domain'));
    d.blocklists = domainLists.map((l) => ({ list: l.id, zone: displayZone(l), status: 'pending', codes: [] }));
    domainLists.forEach((list, i) => {
      work.push(
        checkList(list, { kind: 'domain', value: target.registrableDomain ?? target.domain }).then((answer) => {
          d.blocklists[i] = answer;
          emit({ kind: 'domain', domain: target.domain }, 'blocklist');
        }),
      );
    });
  }

  const subtle = deps.subtle ?? (globalThis.crypto?.subtle as unknown as DkimSubtle | undefined);
  const keyNames = deps.text !== undefined && subtle ? keyQueries(analysis.headers) : [];
  if (keyNames.length > 0 && subtle) {
    const text = deps.text!;
    work.push(
      fetchDkimKeys(keyNames, resolver)
        .then((keys) => {
          const bodyAt = analysis.input.kind === 'message' ? readHeaderBlock(text).bodyOffset : null;
          return verifyHeaderSignatures(analysis.headers, {
            subtle,
            keys,
            ...(bodyAt === null ? {} : { body: text.slice(bodyAt) }),
            now,
          });
        })
        .then((verified) => {
          e.signatures = verified.signatures;
          e.arc = verified.arc;
          signatureFlagList = signatureFlags(analysis, verified.signatures);
          emit({ kind: 'signatures' }, 'signatures');
        }),
    );
  }

  await Promise.all([...work, ...tests.values()]);
  e.complete = true;
  e.flags = [...lookupFlags(analysis, e), ...signatureFlagList];
  return e;
}

/** RFC 7489 §6.6.3: no record at the author domain → ask the organizational domain. */
async function lookupDmarcWithFallback(target: DomainTarget, resolver: ReturnType<typeof createResolver>) {
  const own = await lookupDmarc(target.domain, resolver);
  if (own.state.status !== 'none' || !target.registrableDomain || target.registrableDomain === target.domain)
    return own;
  const org = await lookupDmarc(target.registrableDomain, resolver);
  return org.state.status === 'ok'
    ? { ...org, state: { status: 'ok' as const, detail: `from ${target.registrableDomain}` } }
    : own;
}

/** The lists to query: the user's choice, or the defaults plus the keyed lists whose key is set. */
export function activeBlocklists(choice: string[] | undefined, keys: LookupKeys): BlocklistEntry[] {
  if (choice && choice.length > 0) {
    return [...new Set(choice.map((c) => c.toLowerCase()))].map((c) => findBlocklist(c) ?? adHocBlocklist(c));
  }
  return BLOCKLISTS.filter((b) => b.default || (b.needsKey && b.keyName !== undefined && Boolean(keys[b.keyName])));
}

function newIpEnrichment(t: IpTarget): IpEnrichment {
  const pending: ItemState = { status: 'pending' };
  return {
    ip: t.ip,
    version: t.version,
    scope: t.scope,
    roles: t.roles,
    hops: t.hops,
    ptr: null,
    ptrNames: [],
    fcrdns: 'unknown',
    asn: null,
    blocklists: [],
    abuseipdb: null,
    status: { ptr: pending, fcrdns: pending, asn: pending, abuseipdb: pending },
  };
}

function newDomainEnrichment(t: DomainTarget): DomainEnrichment {
  const pending: ItemState = { status: 'pending' };
  return {
    domain: t.domain,
    registrableDomain: t.registrableDomain,
    roles: t.roles,
    registered: null,
    ageDays: null,
    spf: null,
    dmarc: null,
    blocklists: [],
    status: { rdap: pending, spf: pending, dmarc: pending },
  };
}

/** Keys never appear in output, even if a service echoes one back in an error. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('<key>');
  return out;
}

/** The same enrichment as an async iterator of updates, for consumers that prefer `for await`. */
export async function* streamEnrichment(
  analysis: Analysis,
  settings: LookupSettings,
  deps: Omit<EnrichDeps, 'onUpdate'>,
): AsyncGenerator<EnrichmentUpdate, Enrichment> {
  const queue: EnrichmentUpdate[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const finished = enrich(analysis, settings, {
    ...deps,
    onUpdate: (u) => {
      queue.push(u);
      wake?.();
    },
  }).finally(() => {
    done = true;
    wake?.();
  });
  while (true) {
    const next = queue.shift();
    if (next) {
      yield next;
      continue;
    }
    if (done) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
  }
  return finished;
}
