// Loads the saved pages of test/fixtures/webmail into documents and fakes the endpoints they call.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractContext } from '../../src/webmail/types';

const dir = join(process.cwd(), 'test/fixtures/webmail');

export function fixtureText(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

export function message(name: string): string {
  return fixtureText(`messages/${name}.eml`);
}

/** The handoff Received line's IP of each fixture message (README.md). */
export const HANDOFF = {
  gmail: '198.51.100.23',
  outlook: '198.51.100.41',
  yahoo: '198.51.100.52',
  roundcube: '198.51.100.63',
  zimbra: '198.51.100.74',
  proton: '198.51.100.85',
  fastmail: '198.51.100.96',
  generic: '198.51.100.107',
} as const;

/** A saved page as a Document (scripts are not run), optionally with cookies visible to scripts. */
export function page(name: string, options: { cookie?: string } = {}): Document {
  const document = new DOMParser().parseFromString(fixtureText(name), 'text/html');
  Object.defineProperty(document, 'cookie', { value: options.cookie ?? '', configurable: true });
  return document;
}

export interface FakeCall {
  url: string;
  init?: RequestInit;
}

type Route = (url: string, init?: RequestInit) => Response | Promise<Response>;

/** A fetch that answers by URL prefix and records every call; anything unrouted is a network error. */
export function fakeFetch(routes: Record<string, Route | Response | string>): typeof fetch & { calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push({ url, init });
    const key = Object.keys(routes)
      .filter((prefix) => url.startsWith(prefix))
      .sort((a, b) => b.length - a.length)[0];
    if (key === undefined) throw new TypeError(`Failed to fetch ${url}`);
    const route = routes[key]!;
    if (typeof route === 'string') return new Response(route, { status: 200 });
    if (route instanceof Response) return route.clone();
    return route(url, init);
  }) as typeof fetch & { calls: FakeCall[] };
  fn.calls = calls;
  return fn;
}

export function context(document: Document, url: string, fetchFn: typeof fetch): ExtractContext {
  return { document, url: new URL(url), fetch: fetchFn };
}

export function status(code: number, body = ''): Response {
  return new Response(body, { status: code });
}
