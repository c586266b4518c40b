// The two ends of a hop as a Received field names them: the `from` clause (the client: its name as given, the
// address and reverse-DNS name its MTA recorded in comments, read against the table of MTA forms in forms.ts)
// and the `by` clause (the server that wrote the field).

import { isDigit } from '../chars';
import { isIpAddress, parseIp } from '../ip';
import type { Hop, HopFrom } from '../types';
import { type Clause, type Clauses, firstClauseToken, firstValue, nextClauseToken } from './clauses';
import { type CommentFacts, emptyFacts, matchFromComment, parsePort, readAddress } from './forms';
import { type Token, wordIs, wordsOf } from './tokenize';

function stripTrailingDots(host: string): string {
  let end = host.length;
  while (end > 0 && host.charCodeAt(end - 1) === 46) end--;
  return host.slice(0, end);
}

/**
 * A HopFrom with every slot present, undefined until set, in the order readFrom sets them (so that the
 * serialized Analysis, which leaves undefined slots out, is unchanged): one object shape for every hop's
 * `from`, where slots added as found gave one per combination, and the reads of later stages
 * (trust, flags) polymorphic.
 */
export function emptyFrom(): HopFrom {
  return { helo: undefined, rdns: undefined, ip: undefined, port: undefined, ident: undefined };
}

export interface FromReading {
  from: HopFrom;
  facts: CommentFacts;
  /** An address-shaped text that failed validation (redaction damage), for a diagnostic. */
  badAddress?: string;
  primary?: Token;
}

const CLAIMING = ['claiming', 'to', 'be'];

/**
 * MTAs that put the verified reverse-DNS name first and the address in a bare comment: Exim
 * (`from rdns ([ip])`, the HELO given only when it differs) and qmail (`from rdns ([ip])`, `(HELO x)` likewise).
 */
export type RdnsFirstMta = 'exim' | 'qmail' | 'other';

/**
 * Which of those MTAs wrote the field, by its comments: `exim` when any names Exim, else `qmail` when any
 * starts with `qmail-`. Asked only where the answer decides what the first word is (few fields), so the
 * search of every comment is not made for the others.
 */
function rdnsFirstMta(clauses: Clauses): RdnsFirstMta {
  const tokens = clauses.tokens;
  let mta: RdnsFirstMta = 'other';
  for (let k = firstClauseToken(clauses); k < tokens.length; k = nextClauseToken(clauses, k)) {
    const t = tokens[k]!;
    if (t.kind !== 'comment') continue;
    if (t.text.indexOf('Exim') !== -1) return 'exim';
    if (t.text.startsWith('qmail-')) mta = 'qmail';
  }
  return mta;
}

/**
 * readAddress of a domain literal token's `[text]`, without building that text when it would only be cut
 * out again: with no `]` inside and no `[` first, the bracketed reading is the bare reading of the inside.
 * An address in parentheses inside the brackets (`from mail.example [(192.0.2.1)] by gw.example`, as some
 * relay gateways write the client) is that address: a literal holds nothing else that parentheses could wrap.
 */
function readLiteral(inner: string): ReturnType<typeof readAddress> {
  if (inner.charCodeAt(0) === 40 && inner.charCodeAt(inner.length - 1) === 41) {
    const wrapped = inner.slice(1, -1);
    return wrapped.indexOf('(') === -1 ? readAddress(wrapped, false) : undefined;
  }
  if (inner.indexOf(']') === -1 && inner.charCodeAt(0) !== 91) return readAddress(inner, false);
  return readAddress(`[${inner}]`, true);
}

/**
 * Reads the `from` clause (of `clauses`): its first word, the comments after it, and a bare `[ip]` (Exim 3,
 * GMX). The other clauses' comments are read only when the MTA's way of writing decides (rdnsFirstMta).
 */
export function readFrom(clauses: Clauses, clause: Clause): FromReading {
  const tokens = clauses.tokens;
  const { start, end } = clause;
  const first = start < end ? tokens[start] : undefined;
  const primary = first !== undefined && first.kind !== 'comment' ? first : undefined;
  /** What the from comments say: the first matching comment's facts, filled in by the later ones. */
  let commentFacts: CommentFacts | undefined;
  let badAddress: string | undefined;
  let glued = false;
  let topAddress: { ip: string; port?: number } | undefined;
  let claimed: string | undefined;
  for (let k = primary === undefined ? start : start + 1; k < end; k++) {
    const t = tokens[k]!;
    if (t.kind === 'comment') {
      const words = wordsOf(t);
      const found = matchFromComment(words, t.text);
      if (found === undefined) {
        if (badAddress === undefined && words.some(looksLikeAddress)) badAddress = t.text;
        continue;
      }
      if (commentFacts === undefined) {
        // Every row answers with a new emptyFacts() of its own, so the first answer is taken as it is: filling
        // an empty one from it would copy every slot (no row sets ipForm, rdns or verified without ip).
        commentFacts = found;
        if (found.ip !== undefined && primary !== undefined && t.start === primary.end && k === start + 1) glued = true;
        continue;
      }
      const facts = commentFacts;
      if (found.ip !== undefined && facts.ip === undefined) {
        facts.ip = found.ip;
        facts.ipForm = found.ipForm;
        if (found.port !== undefined) facts.port = found.port;
        if (found.rdns !== undefined) facts.rdns = found.rdns;
        if (found.verified) facts.verified = true;
        if (primary !== undefined && t.start === primary.end && k === start + 1) glued = true;
      }
      if (found.helo !== undefined && facts.helo === undefined) facts.helo = found.helo;
      if (found.ident !== undefined && facts.ident === undefined) facts.ident = found.ident;
      if (found.port !== undefined && facts.port === undefined) facts.port = found.port;
      if (found.authenticated) facts.authenticated = true;
      if (found.authUser !== undefined && facts.authUser === undefined) facts.authUser = found.authUser;
      if (found.authMechanism !== undefined) facts.authMechanism = found.authMechanism;
      if (found.webmail) facts.webmail = true;
      if (found.lone !== undefined && facts.lone === undefined && facts.ip === undefined) facts.lone = found.lone;
    } else if (t.kind === 'literal') {
      const address = readLiteral(t.text);
      if (address !== undefined && topAddress === undefined) {
        topAddress = address;
        const next = k + 1 < end ? tokens[k + 1] : undefined;
        if (
          address.port === undefined &&
          next?.kind === 'atom' &&
          next.start === t.end &&
          next.text.charCodeAt(0) === 58
        ) {
          const port = Number(next.text.slice(1));
          if (Number.isInteger(port) && port > 0 && port <= 65535) topAddress.port = port;
        }
      }
    } else if (t.kind === 'quoted' && k - start >= 3 && CLAIMING.every((w, j) => wordIs(tokens[k - 3 + j]!.text, w))) {
      claimed = t.text;
    }
  }

  const facts = commentFacts ?? emptyFacts();
  const from = emptyFrom();
  const dashed = primary !== undefined && commentFacts === undefined ? dashedAddress(tokens, start, end) : undefined;
  let helo: string | undefined;
  let rdns: string | undefined;
  let ip = facts.ip;
  let port = facts.port;
  const heloGiven = facts.helo !== undefined;

  if (primary === undefined) {
    // Exim 3 without a name: `from (helo) [ip]`.
    helo = facts.helo ?? facts.lone;
    if (ip === undefined && topAddress !== undefined) {
      ip = topAddress.ip;
      port = topAddress.port;
    }
  } else if (primary.kind === 'literal') {
    const own = readLiteral(primary.text);
    if (ip === undefined && topAddress !== undefined) {
      // `from [10.0.0.5] [192.0.2.1] by …`: as in `from name [ip]`, the first word is what the client said in
      // its HELO and the bare literal after it the address the MTA saw.
      ip = topAddress.ip;
      port = topAddress.port;
      helo = facts.helo ?? `[${primary.text}]`;
    } else if (ip === undefined && own !== undefined) {
      ip = own.ip;
      if (own.port !== undefined) port = own.port;
      // `from [ip] by …`: the literal is the client address as the MTA saw it, not a name it was told.
      helo = facts.helo;
    } else {
      helo = heloGiven ? facts.helo : `[${primary.text}]`;
      if (facts.ipForm === 'tcp-info') rdns = facts.rdns;
    }
  } else if (dashed !== undefined && topAddress === undefined) {
    // Microsoft SMTPSVC (IIS 4/5, Exchange 5.5): `from helo.example.org - 192.0.2.1 by …`, the client's HELO
    // argument, a dash, then the address it connected from.
    ip = dashed;
    if (parseIp(primary.text)?.ip !== dashed) helo = primary.text;
  } else {
    const word = primary.text;
    const primaryIp = primary.kind === 'atom' ? parseIp(word) : undefined;
    // `from 217.160.10.139:13012 by cmpweb26.aul.t-online.de with HTTP/1.1` (T-Online's webmail): the address
    // with the client's port.
    const primaryWithPort =
      primaryIp === undefined && primary.kind === 'atom' && word.indexOf(':') > 0
        ? readAddress(word, false)
        : undefined;
    if (primaryIp !== undefined && ip === undefined && topAddress === undefined) {
      // `from 192.0.2.1 by webmail.example with HTTP`: the client address, no HELO.
      ip = primaryIp.ip;
      helo = facts.helo;
    } else if (primaryWithPort?.port !== undefined && ip === undefined && topAddress === undefined) {
      ip = primaryWithPort.ip;
      port = primaryWithPort.port;
      helo = facts.helo;
    } else if (glued) {
      // smap: `from rdns(ip), claiming to be "helo" via SMTP by …`. A mailbox there (`from user@example.com([ip])`,
      // as some webmail gateways write the sender) is no host name.
      if (word.indexOf('@') === -1) rdns = word;
      helo = claimed;
    } else if (heloGiven && facts.ipForm !== 'tcp-info') {
      // qmail `rdns (HELO helo) (ip)`, Exim `rdns ([ip] helo=helo)`: the first word is the reverse DNS.
      // Exim writes an address there only when it has no name for it.
      helo = facts.helo;
      if (!(primaryIp !== undefined && facts.ipForm === 'exim')) rdns = word;
    } else if (facts.ip !== undefined) {
      helo = heloGiven ? facts.helo : word;
      switch (facts.ipForm) {
        case 'tcp-info':
          rdns = facts.rdns;
          break;
        case 'literal':
          if (facts.verified || rdnsFirstMta(clauses) !== 'other') rdns = word;
          break;
        case 'exim':
        case 'bare':
          if (facts.webmail !== true) rdns = word;
          break;
      }
    } else if (topAddress !== undefined) {
      ip = topAddress.ip;
      port = topAddress.port;
      if (facts.lone !== undefined) {
        rdns = word;
        helo = facts.lone;
      } else {
        helo = word;
        if (rdnsFirstMta(clauses) === 'exim') rdns = word;
      }
    } else if (facts.webmail) {
      rdns = primaryIp === undefined ? word : undefined;
    } else {
      helo = word;
    }
    if (facts.webmail && rdns === undefined && helo === word && primaryIp === undefined) {
      rdns = word;
      helo = undefined;
    }
  }
  if (ip === undefined && topAddress !== undefined) {
    ip = topAddress.ip;
    port = topAddress.port;
  }
  if (helo !== undefined && helo !== '') from.helo = helo;
  if (rdns !== undefined) {
    const name = stripTrailingDots(rdns);
    if (name !== '' && !wordIs(name, 'unknown') && name.charCodeAt(0) !== 91 && !isIpAddress(name)) from.rdns = name;
  }
  if (ip !== undefined) from.ip = ip;
  if (port !== undefined && ip !== undefined) from.port = port;
  if (facts.ident !== undefined && facts.ident !== '') from.ident = facts.ident;
  // Every optional slot present (undefined when absent): one object shape, and no property store grown
  // for slots added after the literal.
  return { from, facts, badAddress: ip === undefined ? badAddress : undefined, primary };
}

/**
 * The address of Microsoft SMTPSVC's `from <helo> - <ip>`: exactly the words `-` and an address after the first
 * word, and nothing else in the from clause.
 */
function dashedAddress(tokens: Token[], start: number, end: number): string | undefined {
  if (end - start !== 3) return undefined;
  const dash = tokens[start + 1]!;
  const address = tokens[start + 2]!;
  if (tokens[start]!.kind !== 'atom' || dash.kind !== 'atom' || dash.text !== '-' || address.kind !== 'atom')
    return undefined;
  return parseIp(address.text)?.ip;
}

/**
 * A word of digits with dots or colons that was meant to be an address (a redacted or mangled one:
 * `40.83.161.phishing@pot`, `[phishing@pot.167.132.17]`, `fe80::bphishing@pot:5fc5`): its first or last
 * dotted part is a number, or it has the colons of IPv6. Not a host name with digits (`mr21p30im-asmtp004.me.
 * example.com`), nor a dotted number of other than four parts: a version (`Messaging Server 7.0.5.33.0`).
 */
function looksLikeAddress(word: string): boolean {
  let start = 0;
  let end = Math.min(word.length, 64);
  if (word.charCodeAt(start) === 91) start++;
  if (end > start && word.charCodeAt(end - 1) === 93) end--;
  let digits = 0;
  let dots = 0;
  let colons = 0;
  let other = 0;
  let firstPart = -1; // the first part's end, when it is all digits
  let lastPart = start; // where the last part starts
  for (let i = start; i < end; i++) {
    const c = word.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 46 || c === 58) {
      if (dots + colons === 0 && other === 0 && i > start) firstPart = i;
      if (c === 46) dots++;
      else colons++;
      lastPart = i + 1;
    } else other++;
  }
  if (digits < 4 || dots + colons < 3) return false;
  if (colons >= 2) return true;
  if (other === 0) return dots === 3;
  let lastNumeric = lastPart < end;
  for (let i = lastPart; i < end && lastNumeric; i++) lastNumeric = isDigit(word.charCodeAt(i));
  return firstPart > 0 || lastNumeric;
}

/**
 * A host name without a `:port` after it (`by spica26.mgt.mul.t-online.de:8080`, as T-Online's webmail
 * front end writes itself): the port names no machine. An IPv6 address never reaches here (parseIp took it).
 */
function withoutPort(host: string): string {
  const colon = host.indexOf(':');
  return colon > 0 && parsePort(host.slice(colon + 1)) !== undefined ? host.slice(0, colon) : host;
}

export function readBy(tokens: Token[], clause: Clause | undefined): Hop['by'] {
  // Both slots present, as in emptyFrom; `host` first, the order they are set in when both are.
  const by: Hop['by'] = { host: undefined, ip: undefined };
  if (clause === undefined) return by;
  const value = firstValue(tokens, clause);
  if (value !== undefined) {
    const address = parseIp(value.text);
    if (address !== undefined) by.ip = address.ip;
    else if (value.kind === 'atom') {
      const host = withoutPort(stripTrailingDots(value.text));
      // `by 0.0.0.0:2500 (trex/5.9.14)`: an address once its port is gone.
      const hostIp = host.length !== value.text.length ? parseIp(host) : undefined;
      if (hostIp !== undefined) by.ip = hostIp.ip;
      else if (host !== '') by.host = host;
    }
  }
  for (let k = clause.start; k < clause.end; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'comment' || by.ip !== undefined) continue;
    // No address has a `/` in any form readAddress reads: Sendmail's `(8.11.6/8.11.6)`, on every such field, is
    // refused before readAddress tries it as an address with a port. Nor has one white space, a comma or a `(`,
    // so a comment that is an address (`(2603:10b6:806:1d4::19)`, `([192.0.2.1])`, on nearly every field) is
    // read as it stands, without first checking that it is one word.
    const text = t.text;
    let address = text.indexOf('/') === -1 ? readAddress(text, false) : undefined;
    if (address === undefined && !isOneWord(text)) {
      // A comment of one word (`(Postfix)`) is its own word: only others are split to find out whether they
      // hold exactly one.
      const word = onlyWord(wordsOf(t));
      if (word !== undefined && word.indexOf('/') === -1) address = readAddress(word, false);
    }
    if (address !== undefined) by.ip = address.ip;
  }
  return by;
}

/** Whether commentWords(text) is [text]: text is not empty and has no white space, comma or `(`. */
function isOneWord(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 127 || c === 44 || c === 40) return false;
  }
  return true;
}

function onlyWord(words: string[]): string | undefined {
  return words.length === 1 ? words[0] : undefined;
}
