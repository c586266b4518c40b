// The comment forms MTAs write in the `from` part of a Received field, as a table: each row names the MTA
// family, shows one example as written, and reads the comment's words with a small linear matcher.
// Knowledge from Apache SpamAssassin's Received.pm and its t/rcvd_parser.t vectors, the Postfix, Sendmail,
// Exim, qmail and Microsoft documentation, and real headers; the first row that matches a comment wins.

import { isDigit } from '../chars';
import { parseIp } from '../ip';
import { wordIs } from './tokenize';

/** What one comment says about the connecting client. Slots are raw text; parse.ts decides their meaning. */
export interface CommentFacts {
  ip?: string;
  port?: number;
  /**
   * How the address was written, which tells what the word before the comment is:
   * `tcp-info` `(rdns [ip])` (the word before is the HELO), `literal` `([ip])` (no rDNS given),
   * `bare` `(ip)` / `(user@ip)` (qmail: the word before is the rDNS, and the HELO when no HELO comment),
   * `exim` `([ip] helo=x)`, and ZMailer's `([ip]:port "EHLO x")` (the word before is the verified rDNS).
   */
  ipForm?: 'tcp-info' | 'literal' | 'bare' | 'exim';
  rdns?: string;
  /** The HELO/EHLO argument; '' when the client sent an empty one. */
  helo?: string;
  ident?: string;
  /** CommuniGate `[ip] verified`: the name before the comment was confirmed by DNS. */
  verified?: boolean;
  authenticated?: boolean;
  authUser?: string;
  authMechanism?: string;
  /** A lone host name `(helene.cats.ms)`: Exim 3 writes the HELO like this before a bare `[ip]`. */
  lone?: string;
  /** Webmail `(SquirrelMail authenticated user x)`: the word before is the HTTP client, not a HELO. */
  webmail?: boolean;
}

/**
 * A CommentFacts with every slot present (undefined), always in the same order. Rows that built their answer
 * as literals of their own gave readFrom a dozen object shapes to read the same slots from, which made those
 * reads megamorphic; with one shape they stay monomorphic. (An undefined slot reads as an absent one.)
 */
export function emptyFacts(): CommentFacts {
  return {
    ip: undefined,
    port: undefined,
    ipForm: undefined,
    rdns: undefined,
    helo: undefined,
    ident: undefined,
    verified: undefined,
    authenticated: undefined,
    authUser: undefined,
    authMechanism: undefined,
    lone: undefined,
    webmail: undefined,
  };
}

export interface CommentForm {
  name: string;
  example: string;
  match(words: string[], inner: string): CommentFacts | undefined;
}

interface IpWithPort {
  ip: string;
  port?: number;
}

export function parsePort(text: string): number | undefined {
  if (text.length === 0 || text.length > 5) return undefined;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    value = value * 10 + c - 48;
  }
  return value <= 65535 ? value : undefined;
}

/**
 * An address as MTAs write it inside a comment: `[ip]`, `[ip]:port`, `[IPv6:…]`, and for IPv4 only (an IPv6
 * address has colons of its own) `[1.2.3.4:port]` (ecelerity), `[1.2.3.4.port]` (Exim 3), `1.2.3.4:port` (XMail).
 */
export function readAddress(word: string, bracketsRequired: boolean): IpWithPort | undefined {
  let text = word;
  let port: number | undefined;
  if (text.charCodeAt(0) === 91) {
    const close = text.indexOf(']');
    if (close === -1) return undefined;
    if (close !== text.length - 1) {
      if (text.charCodeAt(close + 1) !== 58) return undefined;
      port = parsePort(text.slice(close + 2));
      if (port === undefined) return undefined;
    } else {
      // `[ip]` as a whole (nearly every one): parseIp reads inside the brackets itself, so the inside is not cut
      // out first; anything else (`[1.2.3.4.25]`) is read from the inside below.
      const inside = parseIp(text);
      if (inside !== undefined) return { ip: inside.ip };
    }
    text = text.slice(1, close);
  } else if (bracketsRequired) {
    return undefined;
  }
  const direct = parseIp(text);
  if (direct !== undefined) return port === undefined ? { ip: direct.ip } : { ip: direct.ip, port };
  if (port !== undefined) return undefined;
  // IPv4 followed by a port, after a colon or a fifth dot: the port is the run of digits at the end, and the
  // character before it is the last `:` or `.` (found from the end in place: lastIndexOf is a slow runtime
  // call in V8, and version strings such as Sendmail's `(8.11.6/8.11.6)` come here on every such field).
  let sep = text.length;
  while (sep > 0 && text.length - sep < 6 && isDigit(text.charCodeAt(sep - 1))) sep--;
  sep--;
  const before = text.charCodeAt(sep);
  if (sep < 0 || (before !== 58 && before !== 46)) return undefined;
  const colon = text.indexOf(':');
  if (colon !== -1 && text.indexOf(':', colon + 1) !== -1) return undefined;
  const v4 = parseIp(text.slice(0, sep));
  const p = parsePort(text.slice(sep + 1));
  if (v4 === undefined || v4.version !== 4 || p === undefined) return undefined;
  return { ip: v4.ip, port: p };
}

function stripComma(word: string): string {
  return word.endsWith(',') ? word.slice(0, -1) : word;
}

function isHeloKeyword(word: string | undefined): boolean {
  return wordIs(word, 'helo') || wordIs(word, 'ehlo') || wordIs(word, 'lhlo');
}

/** Words that stand where an rDNS name would, meaning there is none. */
const NO_RDNS = new Set(['unknown', 'unverified', 'softdnserr', '<unknown>', 'may', 'rdns']);
const NO_RDNS_MAX_LENGTH = Math.max(...[...NO_RDNS].map((w) => w.length));

/** First letters of the NO_RDNS words: u, s, <, m, r. */
function mayBeNoRdns(c: number): boolean {
  const l = c | 32;
  return l === 117 || l === 115 || c === 60 || l === 109 || l === 114 || c >= 128;
}

/** NO_RDNS membership, case-insensitive. Its words are at most 10 long and lower-casing never shortens a
 * string, so a longer host (nearly every real one) is not lower-cased into a copy for the lookup; nor is a
 * short one (`localhost`) whose first letter starts none of them. */
function isNoRdns(host: string): boolean {
  return host.length <= NO_RDNS_MAX_LENGTH && mayBeNoRdns(host.charCodeAt(0)) && NO_RDNS.has(host.toLowerCase());
}

/** `ident@rdns`, `IDENT:ident@rdns`: Sendmail's RFC 1413 result before the host name. */
function splitIdent(word: string): { ident?: string; host: string } {
  let w = word;
  // The colon first: the upper-cased copy is made only for the rare word that can be `IDENT:`.
  if (w.length > 6 && w.charCodeAt(5) === 58 && w.slice(0, 6).toUpperCase() === 'IDENT:') w = w.slice(6);
  // The last `@`, found forward: nearly every word has none, and indexOf is much cheaper than lastIndexOf in V8.
  let at = w.indexOf('@');
  if (at === -1) return { host: w };
  for (let next = w.indexOf('@', at + 1); next !== -1; next = w.indexOf('@', next + 1)) at = next;
  return { ident: w.slice(0, at), host: w.slice(at + 1) };
}

function isHostName(word: string): boolean {
  if (word.length === 0 || word.length > 255) return false;
  let letter = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (alpha) letter = true;
    else if (!((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 95)) return false;
  }
  return letter;
}

export const FROM_COMMENT_FORMS: CommentForm[] = [
  {
    name: 'qmail/CommuniGate/GMX HELO argument',
    example: 'from unknown (HELO mail.example.com) (192.0.2.1)',
    match(words) {
      // Decided before the facts are built: every from comment is tried against this row first.
      const account = wordIs(words[0], 'account') && words.length >= 2;
      const k = account ? 2 : 0;
      if (!(account && words.length === 2) && !isHeloKeyword(words[k])) return undefined;
      const facts = emptyFacts();
      if (account) {
        facts.authenticated = true;
        facts.authUser = words[1];
        if (words.length === 2) return facts;
      }
      facts.helo = words[k + 1] ?? '';
      return facts;
    },
  },
  {
    name: 'Exim helo=/ident= keys',
    example: 'from mail.example.com ([192.0.2.1]:4711 helo=client.example.org ident=joe)',
    match(words, inner) {
      // A form without a key=value word is refused below anyway; most comments have no `=` at all.
      if (inner.indexOf('=') === -1) return undefined;
      let keyed = false;
      const facts = emptyFacts();
      for (let k = 0; k < words.length; k++) {
        const w = words[k]!;
        const eq = w.indexOf('=');
        if (eq > 0) {
          const key = w.slice(0, eq).toLowerCase();
          if (key === 'helo') facts.helo = w.slice(eq + 1);
          else if (key === 'ident') facts.ident = w.slice(eq + 1);
          else if (key === 'port') facts.port = parsePort(w.slice(eq + 1));
          else return undefined;
          keyed = true;
        } else if (k === 0) {
          const address = readAddress(w, true);
          if (address === undefined) return undefined;
          facts.ip = address.ip;
          if (address.port !== undefined) facts.port = address.port;
          facts.ipForm = 'exim';
        } else {
          return undefined;
        }
      }
      if (!keyed) return undefined;
      if (facts.ip === undefined) facts.ipForm = undefined;
      return facts;
    },
  },
  {
    name: 'ZMailer quoted HELO',
    example: 'from rdns.example.net ([192.0.2.1]:51782 "EHLO helo.example.org" rhost-flags-OK-OK-OK-OK)',
    match(words) {
      // The name before the comment is the reverse DNS ZMailer looked up (`[ip]` when it found none); the
      // client's HELO argument is quoted after the address (vger.kernel.org's lists are delivered like this).
      const keyword = words[1];
      if (keyword === undefined || keyword.charCodeAt(0) !== 34 || !isHeloKeyword(keyword.slice(1))) return undefined;
      if (words[0]!.charCodeAt(0) !== 91) return undefined;
      const address = readAddress(words[0]!, true);
      if (address === undefined) return undefined;
      const facts = emptyFacts();
      facts.ip = address.ip;
      if (address.port !== undefined) facts.port = address.port;
      facts.ipForm = 'exim';
      const argument = words[2] ?? '';
      facts.helo = argument.endsWith('"') ? argument.slice(0, -1) : argument;
      return facts;
    },
  },
  {
    name: 'Postfix/Sendmail/Courier TCP-info',
    example: 'from helo.example.org (ident@rdns.example.net [192.0.2.1] (may be forged))',
    match(words) {
      // The address is the first or second word; what follows is a verdict we can skip.
      for (let k = 0; k < 2 && k < words.length; k++) {
        const w = words[k]!;
        const open = w.indexOf('[');
        if (open === -1) continue;
        // `ident@[ip]` (Sendmail `IDENT:root@[ip]`, qmail-ldap `?x?@[ip]`): an ident and no rDNS name.
        const identOnly = open > 0 && w.charCodeAt(open - 1) === 64;
        const address = readAddress(w.slice(open), true);
        if (address === undefined) {
          // A bracketed placeholder where the rDNS name goes (`([UNAVAILABLE]. [ip])`, SendGrid's relays): no
          // name, and the address is the next word.
          if (k === 0 && open === 0) continue;
          return undefined;
        }
        const facts = emptyFacts();
        facts.ip = address.ip;
        if (address.port !== undefined) facts.port = address.port;
        const before = open > 0 ? w.slice(0, open) : k === 1 ? words[0]! : undefined;
        if (identOnly) {
          facts.ipForm = 'literal';
          const ident = splitIdent(w.slice(0, open)).ident;
          if (ident !== undefined && ident !== '') facts.ident = ident;
        } else if (before === undefined || (k === 1 && open > 0)) {
          facts.ipForm = 'literal';
        } else {
          facts.ipForm = 'tcp-info';
          const { ident, host } = splitIdent(before);
          if (ident !== undefined) facts.ident = ident;
          if (!isNoRdns(host) && host.charCodeAt(0) !== 91) facts.rdns = host;
        }
        for (let j = k + 1; j < words.length; j++) {
          if (wordIs(words[j], 'verified')) facts.verified = true;
        }
        return facts;
      }
      return undefined;
    },
  },
  {
    name: 'GFI MailEssentials address with port',
    example: 'from helo.example.org (192.0.2.1[192.0.2.1 port:4688])',
    match(words) {
      // `name[ip port:N]`: the peer as looked up (its address when there is no name), then the address and the
      // client's port in brackets. The word before the comment is the HELO.
      if (words.length !== 2) return undefined;
      const w = words[0]!;
      const p = words[1]!;
      const open = w.indexOf('[');
      if (open <= 0 || !p.endsWith(']') || p.slice(0, 5).toLowerCase() !== 'port:') return undefined;
      const address = parseIp(w.slice(open + 1));
      const port = parsePort(p.slice(5, -1));
      if (address === undefined || port === undefined) return undefined;
      const facts = emptyFacts();
      facts.ip = address.ip;
      facts.port = port;
      const host = w.slice(0, open);
      if (parseIp(host) === undefined && isHostName(host) && !isNoRdns(host)) {
        facts.ipForm = 'tcp-info';
        facts.rdns = host;
      } else facts.ipForm = 'literal';
      return facts;
    },
  },
  {
    name: 'qmail/Microsoft bare address',
    example: 'from mail.example.com (user@192.0.2.1) / from host.example (2603:10b6:a03::1)',
    match(words, inner) {
      // Yahoo's authenticated submission: `(user@192.0.2.1 with login)`.
      const login = words.length === 3 && wordIs(words[1], 'with');
      if (words.length !== 1 && !login) return undefined;
      const { ident, host } = splitIdent(words[0]!);
      const address = readAddress(host, false);
      if (address === undefined) return undefined;
      const facts = emptyFacts();
      facts.ip = address.ip;
      if (ident !== undefined) facts.ident = ident;
      if (login) {
        facts.authenticated = true;
        facts.authMechanism = words[2]!.toUpperCase();
        if (ident !== undefined) facts.authUser = ident;
      }
      // `ip:port` (XMail) and `( ip)` (Scalix) name no rDNS; a plain `(ip)` follows qmail's rDNS-first order.
      if (address.port !== undefined) {
        facts.port = address.port;
        facts.ipForm = 'literal';
      } else {
        facts.ipForm = inner.charCodeAt(0) === 32 ? 'literal' : 'bare';
      }
      return facts;
    },
  },
  {
    name: 'Java InetAddress',
    example: 'from client.example.org (/192.0.2.1) / (rdns.example.net/192.0.2.1)',
    match(words) {
      // Java's InetAddress text, `name/address` with the name empty when none was looked up (Oracle Beehive).
      if (words.length !== 1) return undefined;
      const w = words[0]!;
      const slash = w.indexOf('/');
      if (slash === -1 || w.indexOf('/', slash + 1) !== -1) return undefined;
      const address = readAddress(w.slice(slash + 1), false);
      if (address === undefined || address.port !== undefined) return undefined;
      const facts = emptyFacts();
      facts.ip = address.ip;
      const host = w.slice(0, slash);
      if (host !== '' && isHostName(host)) {
        facts.ipForm = 'tcp-info';
        facts.rdns = host;
      } else facts.ipForm = 'literal';
      return facts;
    },
  },
  {
    name: 'Courier AUTH',
    example: 'from client ([192.0.2.1]) (AUTH: LOGIN user@example.com, TLS: TLSv1/SSLv3,256bits,AES256-SHA)',
    match(words) {
      if (words[0] !== 'AUTH:' || words.length < 2) return undefined;
      const facts = emptyFacts();
      facts.authenticated = true;
      facts.authMechanism = stripComma(words[1]!);
      if (words[2] !== undefined) facts.authUser = stripComma(words[2]);
      return facts;
    },
  },
  {
    name: 'Postfix Authenticated sender',
    example: '(Authenticated sender: user@example.com)',
    match(words) {
      if (!wordIs(words[0], 'authenticated') || !wordIs(words[1], 'sender:')) return undefined;
      const facts = emptyFacts();
      facts.authenticated = true;
      if (words[2] !== undefined) facts.authUser = words[2];
      return facts;
    },
  },
  {
    name: 'Critical Path authenticated as',
    example: '(authenticated as user@example.com)',
    match(words) {
      if (!wordIs(words[0], 'authenticated') || !wordIs(words[1], 'as') || words[2] === undefined) return undefined;
      const facts = emptyFacts();
      facts.authenticated = true;
      facts.authUser = words[2];
      return facts;
    },
  },
  {
    name: 'Sendmail authenticated',
    example: '(authenticated bits=0) / (authenticated (0 bits))',
    match(words) {
      if (!wordIs(words[0], 'authenticated')) return undefined;
      const facts = emptyFacts();
      facts.authenticated = true;
      return facts;
    },
  },
  {
    name: 'SquirrelMail/NaSMail webmail user',
    example: 'from 192.0.2.1 (SquirrelMail authenticated user joe)',
    match(words) {
      if (!wordIs(words[1], 'authenticated') || !wordIs(words[2], 'user')) return undefined;
      const facts = emptyFacts();
      facts.authenticated = true;
      facts.webmail = true;
      if (words[3] !== undefined) facts.authUser = words[3];
      return facts;
    },
  },
  {
    name: 'lone host name (Exim 3 HELO)',
    example: 'from rdns.example.net (helo.example.org) [192.0.2.1]',
    match(words) {
      if (words.length !== 1 || !isHostName(words[0]!)) return undefined;
      const facts = emptyFacts();
      facts.lone = words[0]!;
      return facts;
    },
  },
];

export function matchFromComment(words: string[], inner: string): CommentFacts | undefined {
  for (const form of FROM_COMMENT_FORMS) {
    const facts = form.match(words, inner);
    if (facts !== undefined) return facts;
  }
  return undefined;
}
