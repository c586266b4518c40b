// The clauses of a Received value (RFC 5321 §4.4: from, by, via, with, id, for; then `;` and the date), as
// ranges of the token list tokenize() made, and the date split off at the last top-level `;`. parse.ts reads
// the clauses. Linear in the number of tokens; never throws.

import { isDigit } from '../chars';
import type { Token } from './tokenize';

const DAY_NAME = /^(?:mon|tue|wed|thu|fri|sat|sun),?$/i;

/** One clause: the tokens after its keyword, tokens[start, end) of Clauses.tokens. */
export interface Clause {
  start: number;
  end: number;
}

export interface Clauses {
  /** The token list the clauses lie in (with the date's tokens and the `;` before it between them). */
  tokens: Token[];
  /** The clause tokens are tokens[0, end) and tokens[tailFrom…] (as splitClauses was given them). */
  end: number;
  tailFrom: number;
  /** Whether tokens stand before the first keyword. */
  pre: boolean;
  from: Clause | undefined;
  by: Clause | undefined;
  via: Clause | undefined;
  with: Clause | undefined;
  id: Clause | undefined;
  for: Clause | undefined;
  /**
   * Whether any clause token is a comment. (The comments are read from the clause tokens where they stand:
   * a list of their own, grown by push, took room for 17 for the two most fields have.)
   */
  hasComments: boolean;
}

/**
 * Splits the clause tokens, tokens[0, end) then tokens[tailFrom…], into clauses. Each clause is a run of
 * the token list (from its keyword to the next one), so it is kept as positions instead of copied into an
 * array of its own. A `;` before the date (rare: `by x id y; for z; date`) would sit inside a run; such a
 * field is split again over a copy without its `;` tokens.
 */
export function splitClauses(tokens: Token[], end: number, tailFrom: number): Clauses {
  // Every slot present from the start: one object shape, so the keyed reads and writes below stay fast
  // (adding the clauses in message order gave each order its own shape).
  const clauses: Clauses = {
    tokens,
    end,
    tailFrom,
    pre: false,
    from: undefined,
    by: undefined,
    via: undefined,
    with: undefined,
    id: undefined,
    for: undefined,
    hasComments: false,
  };
  /** The clause being read (a repeated one is read and dropped); undefined before the first keyword. */
  let current: Clause | undefined;
  let seenKeyword = false;
  for (let k = 0; k < tokens.length; k++) {
    if (k === end) {
      // tokens[tailFrom] is a keyword (splitDate), so no clause runs on across the date.
      if (current !== undefined) current.end = end;
      current = undefined;
      if (tailFrom >= tokens.length) break;
      k = tailFrom;
    }
    const token = tokens[k]!;
    const keyword = token.keyword;
    if (keyword !== undefined) {
      if (current !== undefined) current.end = k;
      seenKeyword = true;
      if (
        keyword === 'from' &&
        current !== undefined &&
        current === clauses.from &&
        isLoneLiteral(tokens, k + 1, end)
      ) {
        // `from mx.example.org from [192.0.2.1] by …` (Smail 3 as some ISPs configure it): the second `from`
        // gives only the address of the client the first one named, so it is read as part of the first.
        continue;
      }
      // RFC 5321 allows each clause once; a repeat (qmail-scanner's `by uid 502`) is kept out of the first.
      // A switch with a named slot per case: a keyed write `clauses[keyword]` was a generic property store.
      current = { start: k + 1, end: k + 1 };
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
    if (token.kind === 'semicolon') {
      const kept = withoutSemicolons(tokens, end, tailFrom);
      return splitClauses(kept, kept.length, kept.length);
    }
    if (token.kind === 'comment') clauses.hasComments = true;
    if (!seenKeyword) clauses.pre = true;
  }
  if (current !== undefined) current.end = tokens.length;
  return clauses;
}

/** Whether tokens[k] is an address literal and the last token of its clause (a keyword or the clause end next). */
function isLoneLiteral(tokens: Token[], k: number, end: number): boolean {
  if (k >= end || tokens[k]!.kind !== 'literal') return false;
  return k + 1 === end || k + 1 >= tokens.length || tokens[k + 1]!.keyword !== undefined;
}

/**
 * The clause tokens in order, the date's skipped: `for (let k = firstClauseToken(c); k < c.tokens.length;
 * k = nextClauseToken(c, k))` visits tokens[0, end) then tokens[tailFrom…].
 */
export function firstClauseToken(c: Clauses): number {
  return c.end === 0 ? c.tailFrom : 0;
}

/** See firstClauseToken. */
export function nextClauseToken(c: Clauses, k: number): number {
  return k + 1 === c.end ? c.tailFrom : k + 1;
}

/** The clause tokens tokens[0, end) and tokens[tailFrom…] as one list without `;` tokens. */
function withoutSemicolons(tokens: Token[], end: number, tailFrom: number): Token[] {
  const kept: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (k === end) {
      if (tailFrom >= tokens.length) break;
      k = tailFrom;
    }
    if (tokens[k]!.kind !== 'semicolon') kept.push(tokens[k]!);
  }
  return kept;
}

/** The clause tokens are tokens[0, end) and tokens[tailFrom…] (clauses after the date), `;` excluded. */
export interface DateSplit {
  end: number;
  tailFrom: number;
  dateText: string | undefined;
  /** Where dateText starts in the value, when it was cut after a `;`; -1 otherwise. */
  dateStart: number;
}

/**
 * `YYYY-MM-DD`: a date in ISO order, which starts the date of a field without its `;` when a time follows
 * (SendGrid's `… with SMTP id filter0103p1las1-15046-582382B3-12 2016-11-09 20:10:27.258036245 +0000 UTC`,
 * Go's time format).
 */
function isIsoDay(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (let k = 0; k < 10; k++) if (k !== 4 && k !== 7 && !isDigit(text.charCodeAt(k))) return false;
  return true;
}

/**
 * Splits off the date: after the last top-level `;`, or from a day name (or an ISO date) when the `;` is
 * missing. Returns token positions rather than a copy of the clause tokens.
 */
export function splitDate(value: string, tokens: Token[]): DateSplit {
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
      if (
        t.kind === 'atom' &&
        next.kind === 'atom' &&
        isDigit(next.text.charCodeAt(0)) &&
        (DAY_NAME.test(t.text) || isIsoDay(t.text))
      ) {
        // Tokens before the day name are clause tokens; none of them is a `;` (there is none).
        return { end: k, tailFrom: n, dateText: value.slice(t.start).trim(), dateStart: -1 };
      }
    }
    return { end: n, tailFrom: n, dateText: undefined, dateStart: -1 };
  }
  // Some MTAs write clauses after the date (`…; Thu, 10 Nov 2005 08:24:21 -0600 id 000000DB.4373`).
  let dateEnd = value.length;
  let tailFrom = n;
  for (let k = last + 1; k < n; k++) {
    if (tokens[k]!.keyword !== undefined) {
      dateEnd = tokens[k]!.start;
      tailFrom = k;
      break;
    }
  }
  // Trimmed by hand (the white space trim() removes), so that only the date itself is sliced out.
  let dateStart = tokens[last]!.end;
  while (dateStart < dateEnd && isRegexSpace(value.charCodeAt(dateStart))) dateStart++;
  while (dateEnd > dateStart && isRegexSpace(value.charCodeAt(dateEnd - 1))) dateEnd--;
  if (dateStart === dateEnd) return { end: last, tailFrom, dateText: undefined, dateStart: -1 };
  return { end: last, tailFrom, dateText: value.slice(dateStart, dateEnd), dateStart };
}

export function firstValue(tokens: Token[], clause: Clause | undefined): Token | undefined {
  if (clause === undefined) return undefined;
  for (let k = clause.start; k < clause.end; k++) if (tokens[k]!.kind !== 'comment') return tokens[k];
  return undefined;
}

export function joinAtoms(tokens: Token[], clause: Clause | undefined): string | undefined {
  if (clause === undefined) return undefined;
  let out = '';
  for (let k = clause.start; k < clause.end; k++) {
    const t = tokens[k]!;
    if (t.kind === 'comment') continue;
    out = out === '' ? t.text : `${out} ${t.text}`;
  }
  return out === '' ? undefined : out;
}

/** The text of a clause's second token (`from mail pickup`). */
export function secondWord(tokens: Token[], clause: Clause | undefined): string | undefined {
  return clause !== undefined && clause.start + 1 < clause.end ? tokens[clause.start + 1]!.text : undefined;
}

/** What \s matches in a regular expression and trim() removes (ECMAScript WhiteSpace and LineTerminator). */
export function isRegexSpace(c: number): boolean {
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
