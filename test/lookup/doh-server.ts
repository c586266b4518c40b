// A real DNS-over-HTTPS server for tests, on 127.0.0.1 only: RFC 8484 GET (?dns=) and POST
// (application/dns-message), answering from fixture zone data with dns-packet, plus JSON routes (RDAP,
// IANA bootstrap, RIPEstat, AbuseIPDB…) on the same port. Behaviours per name suffix let a test make a list
// hang (never answer), SERVFAIL, or answer a different question. Reusable by other tests (DKIM key fetch).

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Answer, Packet } from '@leichtgewicht/dns-packet';
import { decode, encode } from '@leichtgewicht/dns-packet';

export type FixtureType = 'A' | 'AAAA' | 'PTR' | 'TXT' | 'CNAME';

export interface FixtureRecord {
  name: string;
  type: FixtureType;
  /** A/AAAA/PTR/CNAME: the value; TXT: the text (split into 255-byte strings on the wire). */
  data: string;
  ttl?: number;
}

export type Behaviour = 'hang' | 'servfail' | 'refused' | 'wrong-question' | 'not-dns';

export interface ServerOptions {
  records: FixtureRecord[];
  /** Names at or under `suffix` get the behaviour instead of an answer. */
  behaviours?: Array<{ suffix: string; behaviour: Behaviour }>;
  /** JSON routes by path (`/rdap/dns.json`); a function gets the URL and returns status + body. */
  routes?: Record<string, unknown | ((url: URL) => { status: number; body: unknown })>;
  /** Fixed delay before every answer (DNS and JSON), for the parallelism bench. */
  delayMs?: number;
}

export interface LoggedQuery {
  method: string;
  name: string;
  type: string;
  id: number;
}

export interface DohTestServer {
  /** The DoH endpoint, `http://127.0.0.1:PORT/dns-query`. */
  url: string;
  origin: string;
  queries: LoggedQuery[];
  /** Every request (DoH and JSON) with its path and headers, for privacy assertions. */
  requests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }>;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

const NEGATIVE_TTL = 60;

export async function startDohServer(options: ServerOptions): Promise<DohTestServer> {
  const queries: LoggedQuery[] = [];
  const requests: DohTestServer['requests'] = [];
  let delayMs = options.delayMs ?? 0;
  const byName = new Map<string, FixtureRecord[]>();
  for (const r of options.records) {
    const key = r.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), r]);
  }

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers });
    if (url.pathname === '/dns-query') {
      const wire = await readQuery(req, url);
      if (!wire) return send(res, 400, 'text/plain', 'bad DoH request');
      let query: Packet;
      try {
        query = decode(wire);
      } catch {
        return send(res, 400, 'text/plain', 'malformed DNS message');
      }
      const q = query.questions?.[0];
      if (!q) return send(res, 400, 'text/plain', 'no question');
      queries.push({ method: req.method ?? 'GET', name: q.name, type: q.type, id: query.id ?? 0 });
      const behaviour = options.behaviours?.find((b) => isAtOrUnder(q.name, b.suffix))?.behaviour;
      if (behaviour === 'hang') return; // never answer; the client's timeout must fire
      await sleep(delayMs);
      if (behaviour === 'not-dns') return send(res, 200, 'text/html', '<html>captive portal</html>');
      const response = answer(query, byName, behaviour);
      return send(res, 200, 'application/dns-message', encode(response));
    }
    const route = options.routes?.[url.pathname];
    await sleep(delayMs);
    if (route === undefined) return send(res, 404, 'application/json', JSON.stringify({ error: 'not found' }));
    const out =
      typeof route === 'function'
        ? (route as (u: URL) => { status: number; body: unknown })(url)
        : { status: 200, body: route };
    return send(res, out.status, 'application/json', JSON.stringify(out.body));
  };

  const server = createServer((req, res) => {
    handler(req, res).catch(() => send(res, 500, 'text/plain', 'server error'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/dns-query`,
    origin,
    queries,
    requests,
    setDelay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(query: Packet, byName: Map<string, FixtureRecord[]>, behaviour: Behaviour | undefined): Packet {
  const q = query.questions![0]!;
  const base: Packet = { type: 'response', id: query.id ?? 0, flags: 0x0100 | 0x0080, questions: [q], answers: [] };
  if (behaviour === 'servfail') return { ...base, flags: (base.flags ?? 0) | 2 };
  if (behaviour === 'refused') return { ...base, flags: (base.flags ?? 0) | 5 };
  if (behaviour === 'wrong-question') return { ...base, questions: [{ ...q, name: `other.${q.name}` }] };
  const own = byName.get(q.name.toLowerCase());
  if (!own) {
    return {
      ...base,
      flags: (base.flags ?? 0) | 3,
      authorities: [
        {
          type: 'SOA',
          name: q.name.split('.').slice(-2).join('.'),
          ttl: NEGATIVE_TTL,
          data: { mname: 'ns.test', rname: 'hostmaster.test', minimum: NEGATIVE_TTL },
        },
      ],
    };
  }
  const answers: Answer[] = [];
  for (const r of own) {
    if (r.type === 'CNAME') {
      answers.push({ type: 'CNAME', name: q.name, ttl: r.ttl ?? 300, data: r.data });
      for (const t of byName.get(r.data.toLowerCase()) ?? []) if (t.type === q.type) answers.push(toAnswer(t));
    } else if (r.type === q.type) answers.push(toAnswer(r));
  }
  return { ...base, answers };
}

function toAnswer(r: FixtureRecord): Answer {
  const ttl = r.ttl ?? 300;
  if (r.type === 'TXT') {
    const parts: string[] = [];
    for (let i = 0; i < r.data.length; i += 255) parts.push(r.data.slice(i, i + 255));
    return { type: 'TXT', name: r.name, ttl, data: parts.length ? parts : [''] };
  }
  return { type: r.type as 'A' | 'AAAA' | 'PTR' | 'CNAME', name: r.name, ttl, data: r.data };
}

async function readQuery(req: IncomingMessage, url: URL): Promise<Uint8Array | undefined> {
  if (req.method === 'GET') {
    const dns = url.searchParams.get('dns');
    if (!dns) return undefined;
    return new Uint8Array(Buffer.from(dns.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  if (req.method === 'POST' && req.headers['content-type'] === 'application/dns-message') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }
  return undefined;
}

function isAtOrUnder(name: string, suffix: string): boolean {
  const n = name.toLowerCase();
  const s = suffix.toLowerCase();
  return n === s || n.endsWith(`.${s}`);
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
