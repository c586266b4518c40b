// Received field parser (RFC 5321 §4.4, RFC 5322 §3.6.7):
//   [from X] [by Y] [via Z] [with P] [id I] [for F] ; date
// Clauses may be missing, reordered or drowned in comments, so the value is tokenized once (tokenize.ts),
// split into clauses at top-level keywords (clauses.ts), and the comments of the `from` clause are read against the table
// of MTA forms (forms.ts). Linear in the input; never throws.

import { isIpAddress, parseIp } from '../ip';
import type { Diagnostic, Hop, HopFrom } from '../types';
import { type Clause, firstValue, isRegexSpace, joinAtoms, secondWord, splitClauses, splitDate } from './clauses';
import { type CommentFacts, emptyFacts, matchFromComment, readAddress } from './forms';
import { readTls } from './tls';
import { type Token, tokenize, wordIs, wordStartsWith, wordsOf } from './tokenize';
import type { ParsedReceived } from './types';

/** RFC 3848 protocol names that say the client authenticated, and Exim/Earthlink's ASMTP. */
const AUTHENTICATED_PROTOCOL = /^(?:(?:es|l|utf8s|utf8l)mtps?a|asmtp)$/i;

/**
 * AUTHENTICATED_PROTOCOL, with a first test in place: every such name ends in `a` except ASMTP, which starts
 * with one, so the usual SMTP, ESMTP and ESMTPS never reach the regex (asked of every field's protocol).
 */
function isAuthenticatedProtocol(word: string): boolean {
  const first = word.charCodeAt(0) | 32;
  const last = word.charCodeAt(word.length - 1) | 32;
  return (first === 97 /* a */ || last === 97) && AUTHENTICATED_PROTOCOL.test(word);
}

/**
 * Webmail submissions, the user logged in to write the message: HTTP, HTTPS, HTTPU, HTTPSU in any case
 * (what /^https?u?$/i tested), compared in place: it is asked of every field's protocol.
 */
function isWebmailProtocol(word: string | undefined): boolean {
  if (word === undefined || word.length < 4 || word.length > 6 || !wordStartsWith(word, 'http')) return false;
  let i = 4;
  if (i < word.length && (word.charCodeAt(i) | 32) === 115 /* s */) i++;
  if (i < word.length && (word.charCodeAt(i) | 32) === 117 /* u */) i++;
  return i === word.length;
}

function stripTrailingDots(host: string): string {
  let end = host.length;
  while (end > 0 && host.charCodeAt(end - 1) === 46) end--;
  return host.slice(0, end);
}

function stripAngles(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 60) start++;
  while (end > start && text.charCodeAt(end - 1) === 62) end--;
  return text.slice(start, end);
}

interface FromReading {
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
type RdnsFirstMta = 'exim' | 'qmail' | 'other';

/** Reads the `from` clause: its first word, the comments after it, and a bare `[ip]` (Exim 3, GMX). */
function readFrom(tokens: Token[], clause: Clause, mta: RdnsFirstMta): FromReading {
  const { start, end } = clause;
  const first = start < end ? tokens[start] : undefined;
  const primary = first !== undefined && first.kind !== 'comment' ? first : undefined;
  const facts = emptyFacts();
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
        if (badAddress === undefined && looksLikeAddress(t.text)) badAddress = t.text;
        continue;
      }
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
      const address = readAddress(`[${t.text}]`, true);
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

  const from: HopFrom = {};
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
    const own = readAddress(`[${primary.text}]`, true);
    const written = `[${primary.text}]`;
    if (ip === undefined && own !== undefined) {
      ip = own.ip;
      if (own.port !== undefined) port = own.port;
      // `from [ip] by …`: the literal is the client address as the MTA saw it, not a name it was told.
      helo = facts.helo;
    } else {
      helo = heloGiven ? facts.helo : written;
      if (facts.ipForm === 'tcp-info') rdns = facts.rdns;
    }
  } else {
    const word = primary.text;
    const primaryIp = primary.kind === 'atom' ? parseIp(word) : undefined;
    if (primaryIp !== undefined && ip === undefined && topAddress === undefined) {
      // `from 192.0.2.1 by webmail.example with HTTP`: the client address, no HELO.
      ip = primaryIp.ip;
      helo = facts.helo;
    } else if (glued) {
      // smap: `from rdns(ip), claiming to be "helo" via SMTP by …`.
      rdns = word;
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
          if (mta !== 'other' || facts.verified) rdns = word;
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
        if (mta === 'exim') rdns = word;
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
  const reading: FromReading = { from, facts };
  if (primary !== undefined) reading.primary = primary;
  if (ip === undefined && badAddress !== undefined) reading.badAddress = badAddress;
  return reading;
}

/** Digits with dots or colons: a comment that was meant to hold an address. */
function looksLikeAddress(text: string): boolean {
  let digits = 0;
  let separators = 0;
  for (let i = 0; i < text.length && i < 64; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 || c === 58) separators++;
  }
  return digits >= 4 && separators >= 3;
}

function readBy(tokens: Token[], clause: Clause | undefined): Hop['by'] {
  const by: Hop['by'] = {};
  if (clause === undefined) return by;
  const value = firstValue(tokens, clause);
  if (value !== undefined) {
    const address = value.kind === 'literal' ? parseIp(value.text) : parseIp(value.text);
    if (address !== undefined) by.ip = address.ip;
    else if (value.kind === 'atom') {
      const host = stripTrailingDots(value.text);
      if (host !== '') by.host = host;
    }
  }
  for (let k = clause.start; k < clause.end; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'comment' || by.ip !== undefined) continue;
    const words = wordsOf(t);
    if (words.length !== 1) continue;
    const address = readAddress(words[0]!, false);
    if (address !== undefined) by.ip = address.ip;
  }
  return by;
}

/** First letters of the comments the main loop reads: using/version=/cipher=/TLS/SSL/fetchmail/getmail/qmail/
 * Postfix/via/authenticated, plus Exim's `TLSv1:…` and qmail-tls `CIPHER encrypted` (checked by suffix). */
function mayCarryFacts(text: string): boolean {
  const c = text.charCodeAt(0) | 32;
  if (
    c === 117 ||
    c === 118 ||
    c === 99 ||
    c === 116 ||
    c === 115 ||
    c === 102 ||
    c === 103 ||
    c === 113 ||
    c === 112 ||
    c === 97
  ) {
    return true;
  }
  return text.endsWith(' encrypted');
}

function containsWord(text: string, word: string): boolean {
  return text.toLowerCase().indexOf(word) !== -1;
}

/**
 * Real Received fields are well under 2 KB; past this many characters only the head is read (with a
 * diagnostic), so a hostile 200 KB field costs no more than a long legitimate one.
 */
const MAX_ANALYSED = 32_768;

export function parseReceived(value: string): ParsedReceived {
  const diagnostics: Diagnostic[] = [];
  let text = value;
  if (value.length > MAX_ANALYSED) {
    text = value.slice(0, MAX_ANALYSED);
    diagnostics.push({
      code: 'received-truncated',
      message: `field is ${value.length} characters; only the first ${MAX_ANALYSED} were read`,
      offset: MAX_ANALYSED,
    });
  }
  const result = parseField(text, diagnostics);
  if (text !== value && result.dateText === undefined) {
    // Keep the date of an oversized field when it is where RFC 5322 puts it: after the last `;`.
    const semicolon = value.lastIndexOf(';');
    const tail = semicolon === -1 ? '' : value.slice(semicolon + 1).trim();
    if (tail !== '' && tail.length <= 200) result.dateText = tail;
  }
  return result;
}

function parseField(value: string, diagnostics: Diagnostic[]): ParsedReceived {
  const tokenized = tokenize(value, true);
  const problems = tokenized.problems;
  for (let k = 0; k < problems.length && k < 3; k++) {
    diagnostics.push({ code: 'received-malformed', message: problems[k]!.message, offset: problems[k]!.offset });
  }
  let tokens = tokenized.tokens;
  // `(from host [ip]) by …`: Norton AntiVirus gateways wrap the from clause in a comment.
  const lead = tokens[0];
  if (lead?.kind === 'comment' && /^from\s/i.test(lead.text.slice(0, 5))) {
    tokens = tokenize(lead.text).tokens.concat(tokens.slice(1));
  }
  const { end, tailFrom, dateText } = splitDate(value, tokens);
  const clauses = splitClauses(tokens, end, tailFrom);

  const clauseTokens = clauses.tokens;
  const withText = joinAtoms(clauseTokens, clauses.with);
  const withFirst = firstValue(clauseTokens, clauses.with)?.text;
  const protocol = withFirst ?? '';
  let mta: RdnsFirstMta = 'other';
  let tls: Hop['tls'] | undefined;
  let kind: ParsedReceived['kind'] = 'relay';
  let byAuthUser: string | undefined;
  let byAuthenticated = false;
  let webmailComment = false;
  for (const c of clauses.comments) {
    const text = c.text;
    if (text.indexOf('Exim') !== -1) mta = 'exim';
    else if (mta === 'other' && text.startsWith('qmail-')) mta = 'qmail';
    // Only comments that can hold TLS, kind or login facts are split into words.
    if (!mayCarryFacts(text)) continue;
    const words = wordsOf(c);
    if (tls === undefined) tls = readTls(words);
    const head = words[0] ?? '';
    if (wordStartsWith(head, 'fetchmail') || wordStartsWith(head, 'getmail')) kind = 'fetch';
    else if (wordIs(head, 'qmail') && containsWord(text, 'invoked by uid')) kind = 'local';
    else if (wordIs(head, 'postfix') && containsWord(text, 'from userid')) kind = 'local';
    else if (wordIs(head, 'via') && isWebmailProtocol(words[1])) webmailComment = true;
    else if (wordIs(head, 'authenticated') && wordIs(words[1], 'as') && words[2] !== undefined) {
      byAuthenticated = true;
      byAuthUser = words[2];
    }
  }

  const webmail = isWebmailProtocol(protocol) || webmailComment;
  const reading = clauses.from === undefined ? undefined : readFrom(clauseTokens, clauses.from, mta);
  const from = reading?.from ?? {};
  const by = readBy(clauseTokens, clauses.by);

  // Every slot present from the start, in one order: hops.ts reads them all from each field's result, and
  // slots added as found gave those reads a shape per combination.
  const result: ParsedReceived = {
    parsed: true,
    kind: 'relay',
    saIgnored: false,
    from,
    by,
    with: undefined,
    id: undefined,
    for: undefined,
    via: undefined,
    tls: undefined,
    authenticated: undefined,
    dateText: undefined,
    diagnostics,
  };
  if (withText !== undefined) result.with = withText;
  const idToken = firstValue(clauseTokens, clauses.id);
  if (idToken !== undefined) {
    const id = stripAngles(idToken.text);
    if (id !== '') result.id = id;
  }
  const forToken = firstValue(clauseTokens, clauses.for);
  if (forToken !== undefined) {
    const rcpt = stripAngles(forToken.text);
    if (rcpt !== '') result.for = rcpt;
  }
  const via = joinAtoms(clauseTokens, clauses.via);
  if (via !== undefined) result.via = via;
  if (tls !== undefined) result.tls = tls;
  if (dateText !== undefined) result.dateText = dateText;

  // Authentication (RFC 3848 protocol names, MTA comments, webmail logins).
  const facts = reading?.facts;
  if (isAuthenticatedProtocol(protocol) || webmail || facts?.authenticated || byAuthenticated) {
    const authenticated: NonNullable<Hop['authenticated']> = {};
    const user = facts?.authUser ?? byAuthUser;
    if (user !== undefined) authenticated.user = user;
    if (facts?.authMechanism !== undefined) authenticated.mechanism = facts.authMechanism;
    result.authenticated = authenticated;
  }

  // What sort of step this is.
  const proto = protocol.toLowerCase();
  const primaryText = reading?.primary?.text ?? '';
  if (proto.startsWith('pop') || proto.startsWith('imap')) kind = 'fetch';
  else if (kind === 'relay') {
    if (proto === 'local' || proto.startsWith('local-')) kind = 'local';
    else if (proto.startsWith('qmail-scanner') || proto === 'scanned-ok' || proto === 'spamassassin') kind = 'filter';
    else if (wordIs(primaryText, 'mail') && wordIs(secondWord(clauseTokens, clauses.from), 'pickup')) kind = 'local';
    else if (wordIs(primaryText, 'userid') || (from.ip === undefined && primaryText.indexOf('@') > 0)) kind = 'local';
    else if (clauses.from === undefined && clauses.by === undefined)
      kind = clauses.comments.length > 0 && clauses.pre ? 'local' : 'unknown';
  }
  result.kind = kind;

  let lead0 = 0;
  while (lead0 < value.length && value.charCodeAt(lead0) <= 32) lead0++;
  if (value.charCodeAt(lead0) === 40) lead0++;
  // `from` and white space (what /^\(?from\s/i tested), compared in place.
  const startsWithFrom = wordStartsWith(value, 'from', lead0) && isRegexSpace(value.charCodeAt(lead0 + 4));
  result.saIgnored = !startsWithFrom || from.ip === undefined || kind !== 'relay';

  if (kind === 'unknown') {
    result.parsed = false;
    diagnostics.push({ code: 'received-unparsed', message: 'no from or by clause found' });
  } else if (reading?.badAddress !== undefined) {
    diagnostics.push({
      code: 'received-bad-address',
      message: `address-like text that is not a valid IP address: (${reading.badAddress.slice(0, 80)})`,
    });
  }
  return result;
}
