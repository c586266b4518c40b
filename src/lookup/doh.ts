// DNS over HTTPS, RFC 8484 wire format: GET `?dns=<base64url>` with `Accept: application/dns-message`,
// message ID 0 (§4.1: ID 0 makes GET responses cacheable by HTTP caches). `fetch` is a parameter so the
// extension's background worker and the CLI share this code; nothing here touches a global.

import type { Answer, Packet } from '@leichtgewicht/dns-packet';
import { decode, encode, RECURSION_DESIRED } from '@leichtgewicht/dns-packet';
import { untilAborted, withDeadline } from './deadline';

export type DnsType = 'A' | 'AAAA' | 'PTR' | 'TXT';

export interface DnsRecord {
  name: string;
  type: DnsType;
  ttl: number;
  /** A/AAAA/PTR: the address or name; TXT: the character-strings joined (RFC 7208 §3.3 for SPF). */
  data: string;
}

export type DnsResult =
  | { status: 'ok'; records: DnsRecord[]; ttl: number } // NOERROR, possibly with no record of the type (NODATA)
  | { status: 'nxdomain'; ttl: number }
  | { status: 'timeout'; detail: string }
  | { status: 'error'; detail: string };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface DohOptions {
  /** Resolver URLs, tried in order: one attempt, then one retry on the next resolver. */
  resolvers: string[];
  fetch: FetchLike;
  /** Per-request timeout (default 4000 ms). */
  timeoutMs: number;
}

/** Cloudflare's unfiltered resolver, then Google's. Both publish RFC 8484 endpoints. */
export const DEFAULT_RESOLVERS = ['https://cloudflare-dns.com/dns-query', 'https://dns.google/dns-query'];

/** TTL used for a negative answer that carries no SOA (RFC 2308 §5 recommends caching it anyway). */
const DEFAULT_NEGATIVE_TTL = 300;
/** Responses above this are not DNS answers we asked for (RFC 8484 allows 65535; blocklists answer in <1 KB). */
const MAX_RESPONSE_BYTES = 65535;

/** Resolves one question over DoH. Never throws: every failure is a status. */
export async function dohQuery(
  name: string,
  type: DnsType,
  options: DohOptions,
  signal?: AbortSignal,
): Promise<DnsResult> {
  const resolvers = options.resolvers.length > 0 ? options.resolvers : DEFAULT_RESOLVERS;
  const attempts = resolvers.length > 1 ? [resolvers[0]!, resolvers[1]!] : [resolvers[0]!, resolvers[0]!];
  let last: DnsResult = { status: 'error', detail: 'no resolver' };
  for (const resolver of attempts) {
    if (signal?.aborted) return { status: 'error', detail: 'cancelled' };
    last = await attempt(resolver, name, type, options, signal);
    if (last.status === 'ok' || last.status === 'nxdomain') return last;
  }
  return last;
}

async function attempt(
  resolver: string,
  name: string,
  type: DnsType,
  options: DohOptions,
  outer?: AbortSignal,
): Promise<DnsResult> {
  const query = encode({
    type: 'query',
    id: 0,
    flags: RECURSION_DESIRED,
    questions: [{ type, name, class: 'IN' }],
  });
  let url: URL;
  try {
    url = new URL(resolver);
  } catch {
    return { status: 'error', detail: 'resolver URL is not a URL' };
  }
  url.searchParams.set('dns', base64url(query));
  return withDeadline(
    options.timeoutMs,
    outer,
    async (signal) => {
      const response = await untilAborted(
        options.fetch(url.toString(), {
          method: 'GET',
          headers: { accept: 'application/dns-message' },
          signal,
        }),
        signal,
      );
      if (!response.ok) return { status: 'error', detail: `resolver ${url.host} answered HTTP ${response.status}` };
      const contentType = response.headers.get('content-type') ?? '';
      if (!contentType.toLowerCase().startsWith('application/dns-message')) {
        return { status: 'error', detail: `resolver ${url.host} answered ${contentType || 'without a content type'}` };
      }
      const body = new Uint8Array(await response.arrayBuffer());
      if (body.length > MAX_RESPONSE_BYTES) return { status: 'error', detail: 'response too large' };
      return validate(body, name, type, url.host);
    },
    (why): DnsResult =>
      why === 'timeout'
        ? { status: 'timeout', detail: `no answer from ${url.host} within ${options.timeoutMs} ms` }
        : why === 'cancelled'
          ? { status: 'error', detail: 'cancelled' }
          : { status: 'error', detail: `could not reach ${url.host}` },
  );
}

/** Checks that the answer answers our question (RFC 1035 §7.3) and turns it into records. */
export function validate(body: Uint8Array, name: string, type: DnsType, host: string): DnsResult {
  let packet: Packet;
  try {
    packet = decode(body);
  } catch {
    return { status: 'error', detail: `malformed DNS message from ${host}` };
  }
  if (packet.type !== 'response' || packet.id !== 0) {
    return { status: 'error', detail: `${host} sent a message that is not a response to ours` };
  }
  const question = packet.questions?.[0];
  if (
    packet.questions?.length !== 1 ||
    question === undefined ||
    question.type !== type ||
    sameName(question.name, name) === false
  ) {
    return { status: 'error', detail: `${host} answered a different question` };
  }
  if (packet.flag_tc) return { status: 'error', detail: `${host} sent a truncated answer` };
  if (packet.rcode === 'NXDOMAIN') return { status: 'nxdomain', ttl: negativeTtl(packet) };
  if (packet.rcode !== 'NOERROR') return { status: 'error', detail: `${host} answered ${packet.rcode}` };
  const records = answersFor(packet.answers ?? [], name, type);
  if (records.length === 0) return { status: 'ok', records, ttl: negativeTtl(packet) };
  return { status: 'ok', records, ttl: Math.min(...records.map((r) => r.ttl)) };
}

/** The records of our type owned by `name` or by the end of a CNAME chain that starts there. */
function answersFor(answers: Answer[], name: string, type: DnsType): DnsRecord[] {
  const owners = new Set([lower(name)]);
  for (let i = 0; i < answers.length; i++) {
    for (const a of answers) {
      if (a.type === 'CNAME' && owners.has(lower(a.name))) owners.add(lower(a.data));
    }
  }
  const out: DnsRecord[] = [];
  for (const a of answers) {
    if (a.type !== type || !owners.has(lower(a.name))) continue;
    const ttl = Math.max(0, a.ttl ?? 0);
    if (a.type === 'TXT') out.push({ name: a.name, type, ttl, data: txtText(a.data) });
    else if (typeof a.data === 'string') out.push({ name: a.name, type, ttl, data: a.data });
  }
  return out;
}

function txtText(data: string | Uint8Array | Array<string | Uint8Array>): string {
  const parts = Array.isArray(data) ? data : [data];
  const decoder = new TextDecoder();
  return parts.map((p) => (typeof p === 'string' ? p : decoder.decode(p))).join('');
}

function negativeTtl(packet: Packet): number {
  for (const a of packet.authorities ?? []) {
    if (a.type === 'SOA') return Math.min(a.ttl ?? DEFAULT_NEGATIVE_TTL, a.data.minimum ?? DEFAULT_NEGATIVE_TTL);
  }
  return DEFAULT_NEGATIVE_TTL;
}

function lower(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith('.') ? n.slice(0, -1) : n;
}

function sameName(a: string, b: string): boolean {
  return lower(a) === lower(b);
}

/** RFC 4648 §5 base64url without padding, as RFC 8484 §4.1 requires. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/={1,2}$/, '');
}
