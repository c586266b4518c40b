// Received field parser (RFC 5321 §4.4, RFC 5322 §3.6.7):
//   [from X] [by Y] [via Z] [with P] [id I] [for F] ; date
// Clauses may be missing, reordered or drowned in comments, so the value is tokenized once (tokenize.ts),
// split into clauses at top-level keywords (clauses.ts), and the `from` and `by` clauses are read by endpoints.ts
// (the `from` comments against the table of MTA forms, forms.ts). Linear in the input; never throws.

import type { Diagnostic, Hop } from '../types';
import {
  firstClauseToken,
  firstValue,
  isRegexSpace,
  joinAtoms,
  nextClauseToken,
  secondWord,
  splitClauses,
  splitDate,
} from './clauses';
import { emptyFrom, readBy, readFrom } from './endpoints';
import { readTls } from './tls';
import { tokenize, wordIs, wordStartsWith, wordsOf } from './tokenize';
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

function stripAngles(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 60) start++;
  while (end > start && text.charCodeAt(end - 1) === 62) end--;
  return text.slice(start, end);
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
  return text.charCodeAt(text.length - 1) === 100 /* d */ && text.endsWith(' encrypted');
}

function containsWord(text: string, word: string): boolean {
  // A comment shorter than the words cannot hold them (`(Postfix)` on every Postfix field): no lower-cased copy.
  return text.length >= word.length && text.toLowerCase().indexOf(word) !== -1;
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
  // `from` and white space (what /^from\s/i tested), compared in place: qmail starts most of its fields with a
  // comment (`(qmail 1234 invoked from network)`), and this test made a copy and a regex call for each.
  if (lead?.kind === 'comment' && wordStartsWith(lead.text, 'from') && isRegexSpace(lead.text.charCodeAt(4))) {
    tokens = tokenize(lead.text).tokens.concat(tokens.slice(1));
  }
  const { end, tailFrom, dateText, dateStart } = splitDate(value, tokens);
  const clauses = splitClauses(tokens, end, tailFrom);

  const clauseTokens = clauses.tokens;
  const withText = joinAtoms(clauseTokens, clauses.with);
  const withFirst = firstValue(clauseTokens, clauses.with)?.text;
  const protocol = withFirst ?? '';
  let tls: Hop['tls'] | undefined;
  let kind: ParsedReceived['kind'] = 'relay';
  let byAuthUser: string | undefined;
  let byAuthenticated = false;
  let webmailComment = false;
  // Every comment of every clause (the clause tokens, without the date's), for TLS and kind markers.
  for (let k = firstClauseToken(clauses); k < clauseTokens.length; k = nextClauseToken(clauses, k)) {
    const c = clauseTokens[k]!;
    if (c.kind !== 'comment') continue;
    const text = c.text;
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
  const reading = clauses.from === undefined ? undefined : readFrom(clauses, clauses.from);
  const from = reading?.from ?? emptyFrom();
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
    date: undefined,
    diagnostics,
  };
  if (withText !== undefined) {
    // Exim 4.93+ writes `with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96)` (its default
    // received_header_text): the atom `tls` and the cipher after it are no part of the protocol.
    const k = withText.indexOf(' tls ');
    result.with = k < 0 ? withText : withText.slice(0, k);
    if (k > 0) tls = { ...tls, cipher: withText.slice(k + 5) };
  }
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
  if (dateText !== undefined) {
    result.dateText = dateText;
    if (dateStart === tokenized.dateStart) result.date = tokenized.date;
  }

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
  // Every name tested below starts with p, i, l, q or s; most protocols (SMTP, ESMTP…) start otherwise and
  // need no lower-cased copy. (Beyond ASCII, İ lower-cases to an i, so those take the long way.)
  const p0 = protocol.charCodeAt(0) | 32;
  const proto =
    p0 === 112 || p0 === 105 || p0 === 108 || p0 === 113 || p0 === 115 || p0 >= 128 ? protocol.toLowerCase() : '';
  const primaryText = reading?.primary?.text ?? '';
  if (proto.startsWith('pop') || proto.startsWith('imap')) kind = 'fetch';
  else if (kind === 'relay') {
    if (proto === 'local' || proto.startsWith('local-')) kind = 'local';
    else if (proto.startsWith('qmail-scanner') || proto === 'scanned-ok' || proto === 'spamassassin') kind = 'filter';
    else if (wordIs(primaryText, 'mail') && wordIs(secondWord(clauseTokens, clauses.from), 'pickup')) kind = 'local';
    else if (wordIs(primaryText, 'userid') || (from.ip === undefined && primaryText.indexOf('@') > 0)) kind = 'local';
    else if (clauses.from === undefined && clauses.by === undefined)
      // Every clause is optional (RFC 822 §4.1, RFC 5321 §4.4): a field that names only the transport
      // ('via switchmail', 'via nntppoll with nntp', Andrew and news gateways) is a step on one machine
      // with no network peer, as is a comment-only one ('(qmail 1 invoked from network)').
      kind =
        (clauses.hasComments && clauses.pre) || clauses.via !== undefined || clauses.with !== undefined
          ? 'local'
          : 'unknown';
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
