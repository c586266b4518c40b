// Received field parser (RFC 5321 §4.4, RFC 5322 §3.6.7):
//   [from X] [by Y] [via Z] [with P] [id I] [for F] ; date
// Clauses may be missing, reordered or drowned in comments, so the value is tokenized once (tokenize.ts),
// split into clauses at top-level keywords, and the comments of the `from` clause are read against the table
// of MTA forms (forms.ts). Linear in the input; never throws.

import { isIpAddress, parseIp } from '../ip';
import type { Diagnostic, Hop, HopFrom } from '../types';
import { type CommentFacts, matchFromComment, readAddress } from './forms';
import { readTls } from './tls';
import { type Keyword, keywordAt, type Token, tokenize, wordIs, wordStartsWith, wordsOf } from './tokenize';
import type { ParsedReceived } from './types';

/** The clause keyword an atom is, case-insensitively (see keywordAt). */
function keywordOf(token: Token): Keyword | undefined {
  return token.kind === 'atom' ? keywordAt(token.text, 0, token.text.length) : undefined;
}

const DAY_NAME = /^(?:mon|tue|wed|thu|fri|sat|sun),?$/i;

/** RFC 3848 protocol names that say the client authenticated, and Exim/Earthlink's ASMTP. */
const AUTHENTICATED_PROTOCOL = /^(?:(?:es|l|utf8s|utf8l)mtps?a|asmtp)$/i;
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

interface Clauses {
  pre: Token[];
  from: Token[] | undefined;
  by: Token[] | undefined;
  via: Token[] | undefined;
  with: Token[] | undefined;
  id: Token[] | undefined;
  for: Token[] | undefined;
  /** Every comment, in any clause, for TLS and kind markers. */
  comments: Token[];
}

/**
 * Splits the clause tokens into clauses: tokens[0, end) then tokens[tailFrom…] (clauses written after the
 * date), skipping `;`. Reads the token list in place instead of copying the clause tokens out first.
 */
function splitClauses(tokens: Token[], end: number, tailFrom: number): Clauses {
  // Every slot present from the start: one object shape, so the keyed reads and writes below stay fast
  // (adding the clauses in message order gave each order its own shape).
  const clauses: Clauses = {
    pre: [],
    from: undefined,
    by: undefined,
    via: undefined,
    with: undefined,
    id: undefined,
    for: undefined,
    comments: [],
  };
  let current: Token[] = clauses.pre;
  for (let k = 0; k < tokens.length; k++) {
    if (k === end) {
      if (tailFrom >= tokens.length) break;
      k = tailFrom;
    }
    const token = tokens[k]!;
    const keyword = keywordOf(token);
    if (keyword !== undefined) {
      // RFC 5321 allows each clause once; a repeat (qmail-scanner's `by uid 502`) is kept out of the first.
      // A switch with a named slot per case: a keyed write `clauses[keyword]` was a generic property store.
      current = [];
      switch (keyword) {
        case 'from':
          clauses.from ??= current;
          break;
        case 'by':
          clauses.by ??= current;
          break;
        case 'via':
          clauses.via ??= current;
          break;
        case 'with':
          clauses.with ??= current;
          break;
        case 'id':
          clauses.id ??= current;
          break;
        case 'for':
          clauses.for ??= current;
          break;
      }
      continue;
    }
    if (token.kind === 'semicolon') continue;
    if (token.kind === 'comment') clauses.comments.push(token);
    current.push(token);
  }
  return clauses;
}

/** The clause tokens are tokens[0, end) and tokens[tailFrom…] (clauses after the date), `;` excluded. */
interface DateSplit {
  end: number;
  tailFrom: number;
  dateText: string | undefined;
}

/**
 * Splits off the date: after the last top-level `;`, or from a day name when the `;` is missing. Returns
 * token positions rather than a copy of the clause tokens.
 */
function splitDate(value: string, tokens: Token[]): DateSplit {
  const n = tokens.length;
  let last = -1;
  for (let k = n - 1; k >= 0; k--) {
    if (tokens[k]!.kind === 'semicolon') {
      last = k;
      break;
    }
  }
  if (last === -1) {
    for (let k = 2; k < n - 1; k++) {
      const t = tokens[k]!;
      const next = tokens[k + 1]!;
      if (t.kind === 'atom' && next.kind === 'atom' && isDigit(next.text, 0) && DAY_NAME.test(t.text)) {
        // Tokens before the day name are clause tokens; none of them is a `;` (there is none).
        return { end: k, tailFrom: n, dateText: value.slice(t.start).trim() };
      }
    }
    return { end: n, tailFrom: n, dateText: undefined };
  }
  // Some MTAs write clauses after the date (`…; Thu, 10 Nov 2005 08:24:21 -0600 id 000000DB.4373`).
  let dateEnd = value.length;
  let tailFrom = n;
  for (let k = last + 1; k < n; k++) {
    if (keywordOf(tokens[k]!) !== undefined) {
      dateEnd = tokens[k]!.start;
      tailFrom = k;
      break;
    }
  }
  // Trimmed by hand (the white space trim() removes), so that only the date itself is sliced out.
  let dateStart = tokens[last]!.end;
  while (dateStart < dateEnd && isRegexSpace(value.charCodeAt(dateStart))) dateStart++;
  while (dateEnd > dateStart && isRegexSpace(value.charCodeAt(dateEnd - 1))) dateEnd--;
  return { end: last, tailFrom, dateText: dateStart === dateEnd ? undefined : value.slice(dateStart, dateEnd) };
}

function isDigit(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
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

function firstValue(tokens: Token[] | undefined): Token | undefined {
  if (tokens === undefined) return undefined;
  for (const t of tokens) if (t.kind !== 'comment') return t;
  return undefined;
}

function joinAtoms(tokens: Token[] | undefined): string | undefined {
  if (tokens === undefined) return undefined;
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'comment' || t.kind === 'semicolon') continue;
    out = out === '' ? t.text : `${out} ${t.text}`;
  }
  return out === '' ? undefined : out;
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
function readFrom(tokens: Token[], mta: RdnsFirstMta): FromReading {
  const first = tokens[0];
  const primary = first !== undefined && first.kind !== 'comment' ? first : undefined;
  const facts: CommentFacts = {};
  let badAddress: string | undefined;
  let glued = false;
  let topAddress: { ip: string; port?: number } | undefined;
  let claimed: string | undefined;
  for (let k = primary === undefined ? 0 : 1; k < tokens.length; k++) {
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
        if (primary !== undefined && t.start === primary.end && k === 1) glued = true;
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
        const next = tokens[k + 1];
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
    } else if (t.kind === 'quoted' && k >= 3 && CLAIMING.every((w, j) => wordIs(tokens[k - 3 + j]!.text, w))) {
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

function readBy(tokens: Token[] | undefined): Hop['by'] {
  const by: Hop['by'] = {};
  if (tokens === undefined) return by;
  const value = firstValue(tokens);
  if (value !== undefined) {
    const address = value.kind === 'literal' ? parseIp(value.text) : parseIp(value.text);
    if (address !== undefined) by.ip = address.ip;
    else if (value.kind === 'atom') {
      const host = stripTrailingDots(value.text);
      if (host !== '') by.host = host;
    }
  }
  for (const t of tokens) {
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

/** What \s matches in a regular expression and trim() removes (ECMAScript WhiteSpace and LineTerminator). */
function isRegexSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
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

  const withText = joinAtoms(clauses.with);
  const withFirst = firstValue(clauses.with)?.text;
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
  const reading = clauses.from === undefined ? undefined : readFrom(clauses.from, mta);
  const from = reading?.from ?? {};
  const by = readBy(clauses.by);

  const result: ParsedReceived = { parsed: true, kind: 'relay', saIgnored: false, from, by, diagnostics };
  if (withText !== undefined) result.with = withText;
  const idToken = firstValue(clauses.id);
  if (idToken !== undefined) {
    const id = stripAngles(idToken.text);
    if (id !== '') result.id = id;
  }
  const forToken = firstValue(clauses.for);
  if (forToken !== undefined) {
    const rcpt = stripAngles(forToken.text);
    if (rcpt !== '') result.for = rcpt;
  }
  const via = joinAtoms(clauses.via);
  if (via !== undefined) result.via = via;
  if (tls !== undefined) result.tls = tls;
  if (dateText !== undefined) result.dateText = dateText;

  // Authentication (RFC 3848 protocol names, MTA comments, webmail logins).
  const facts = reading?.facts;
  if (AUTHENTICATED_PROTOCOL.test(protocol) || webmail || facts?.authenticated || byAuthenticated) {
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
    else if (wordIs(primaryText, 'mail') && wordIs(clauses.from?.[1]?.text, 'pickup')) kind = 'local';
    else if (wordIs(primaryText, 'userid') || (from.ip === undefined && primaryText.indexOf('@') > 0)) kind = 'local';
    else if (clauses.from === undefined && clauses.by === undefined)
      kind = clauses.comments.length > 0 && clauses.pre.length > 0 ? 'local' : 'unknown';
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
