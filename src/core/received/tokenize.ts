// One linear pass over a Received field value (RFC 5322 §3.2: atoms, quoted strings, domain literals,
// comments with nesting and quoted-pairs; RFC 5321 §4.4 adds `;` before the date). Nothing here recurses:
// nesting is a counter, so 10,000 nested parens cost 10,000 steps and no stack.

import { COMMON_DATE_END, type ParsedDate, parseCommonDate } from '../date-common';
import { isRegexSpace } from './clauses';

export type TokenKind = 'atom' | 'quoted' | 'literal' | 'angle' | 'comment' | 'semicolon';

export interface Token {
  kind: TokenKind;
  /** atom: as written; quoted/literal/angle/comment: the inner text without the delimiters. */
  text: string;
  start: number;
  end: number;
  /** A comment's words (commentWords of its text), split on first use by wordsOf. */
  words?: string[];
  /** The clause keyword an atom is (keywordAt), found while scanning it so that no reader folds it again. */
  keyword: Keyword | undefined;
}

export interface Tokenized {
  tokens: Token[];
  /** Offsets where a delimiter was left open or closed without opening; empty for well-formed input. */
  problems: Array<{ offset: number; message: string }>;
  /**
   * With `skipDate`, the date when it has the common form (parseCommonDate), read where it stands as the
   * scan passed over it, and where it starts (past the white space after the `;`); undefined and -1 otherwise.
   */
  date: ParsedDate | undefined;
  dateStart: number;
}

function isSpace(c: number): boolean {
  // NUL and other controls are treated as white space: they cannot be part of anything we read.
  return c <= 32 || c === 127;
}

/**
 * What a character does between tokens and inside an atom: SKIP (white space, controls, DEL and the comma,
 * which separates nothing we read) or ENDS (one of ( ) [ ] < > " ;, which ends an atom and starts something
 * else); 0 for everything else (letters, digits, non-ASCII), which continues an atom. A table over every
 * UTF-16 code unit (64 KB, of which only the ASCII part is touched in practice) so that the atom loop, which
 * sees most characters of a field, costs one load per character and no range test.
 */
const SKIP = 1;
const ENDS = 2;
const CHAR_CLASS = new Uint8Array(65536);
for (let c = 0; c <= 32; c++) CHAR_CLASS[c] = SKIP;
CHAR_CLASS[127] = SKIP;
CHAR_CLASS[44] = SKIP;
for (const ch of '()[]<>";') CHAR_CLASS[ch.charCodeAt(0)] = ENDS;

export type Keyword = 'from' | 'by' | 'via' | 'with' | 'id' | 'for';

/** 1 at the lower-case first letter of each clause keyword (b, f, i, v, w). */
const KEYWORD_START = new Uint8Array(128);
for (const ch of 'bfivw') KEYWORD_START[ch.charCodeAt(0)] = 1;

/**
 * The clause keyword text[start, end) is, case-insensitively. Asked for every atom of every Received field,
 * so it compares character codes in place instead of lower-casing a copy for a Set lookup: `c | 32` is a
 * lower-case letter's code exactly when c is that letter in either case. Small enough to be inlined.
 */
export function keywordAt(t: string, start: number, end: number): Keyword | undefined {
  const a = t.charCodeAt(start) | 32;
  const b = t.charCodeAt(start + 1) | 32;
  const c = t.charCodeAt(start + 2) | 32;
  const length = end - start;
  if (length === 2) return a === 98 && b === 121 ? 'by' : a === 105 && b === 100 ? 'id' : undefined;
  if (length === 3)
    return a === 118 && b === 105 && c === 97 ? 'via' : a === 102 && b === 111 && c === 114 ? 'for' : undefined;
  const d = t.charCodeAt(start + 3) | 32;
  if (length !== 4) return undefined;
  return a === 102 && b === 114 && c === 111 && d === 109
    ? 'from'
    : a === 119 && b === 105 && c === 116 && d === 104
      ? 'with'
      : undefined;
}

/** Whether text[start, end) holds no upper-case ASCII letter. */
function isLowerCase(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}

/** Shared by every well-formed field (nearly all of them), frozen so that nothing can be added to it. */
const NO_PROBLEMS = Object.freeze([]) as unknown as Tokenized['problems'];

/** `problems` with one more entry; the list is created on the first problem only. */
function withProblem(
  problems: Tokenized['problems'] | undefined,
  offset: number,
  message: string,
): Tokenized['problems'] {
  const list = problems ?? [];
  list.push({ offset, message });
  return list;
}

function token(kind: TokenKind, text: string, start: number, end: number, keyword?: Keyword): Token {
  // Every token has the same fields in the same order, `words` and `keyword` included, so that the parser's
  // reads of kind/text/start stay monomorphic (a comment-only `words` gave tokens two shapes).
  return { kind, text, start, end, words: undefined, keyword };
}

/**
 * Tokenizes a Received value. With `skipDate`, the tokens between the last `;` of the value (when it is a
 * top-level `;`) and the first clause keyword after it are scanned but not built: that is the date, about
 * two tokens in five, which the parser takes as text (from the `;` token's end to the keyword's start).
 * Everything that decides the result is kept: every `;` token (none follows the last), the keyword and all
 * tokens after it, and the problems of the skipped part.
 */
export function tokenize(value: string, skipDate = false): Tokenized {
  const tokens: Token[] = [];
  let problems: Tokenized['problems'] | undefined;
  const n = value.length;
  let inDate = false;
  let date: ParsedDate | undefined;
  let dateStart = -1;
  // Where the next `(` and `\` are at or after the current comment, found with indexOf (a fast native search)
  // and searched again only once passed, so the searches stay linear over the value however many comments
  // (-2: not searched yet; -1: there is none).
  let nextOpen = -2;
  let nextEscape = -2;
  let i = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (CHAR_CLASS[c] === SKIP) {
      i++;
      continue;
    }
    const start = i;
    if (c === 59) {
      tokens.push(token('semicolon', ';', start, i + 1));
      // Where the date starts, if skipped: only the value's last `;` can be the last top-level one with nothing
      // but the date (and perhaps late clauses) after it. A `;` inside a comment or quotes moves nothing.
      // (A forward indexOf over the short tail: lastIndexOf is a slow runtime call in V8.)
      i++;
      if (skipDate && value.indexOf(';', i) === -1) {
        inDate = true;
        // The date in its common form is read here, in place, and its characters are passed over: the parser
        // would otherwise read them again from a slice. They are atoms and blanks only (names, digits, `:`,
        // `,`, a sign), none of them a keyword, so the scan would have found nothing in them. The white space
        // skipped first is what splitDate trims, so dateStart is where the date text starts.
        let j = i;
        while (j < n && isRegexSpace(value.charCodeAt(j))) j++;
        date = parseCommonDate(value, j);
        if (date !== undefined) {
          dateStart = j;
          i = COMMON_DATE_END.at;
          // The rest of an atom the zone is glued to (`-0400EDT`) is no keyword either.
          while (i < n && CHAR_CLASS[value.charCodeAt(i)] === 0) i++;
        }
      }
    } else if (c === 40) {
      let depth = 1;
      i++;
      // Most comments hold neither a nested comment nor a quoted-pair: jump to the `)`.
      const close = value.indexOf(')', i);
      if (close !== -1) {
        if (nextOpen !== -1 && nextOpen < i) nextOpen = value.indexOf('(', i);
        if (nextEscape !== -1 && nextEscape < i) nextEscape = value.indexOf('\\', i);
        if ((nextOpen === -1 || nextOpen > close) && (nextEscape === -1 || nextEscape > close)) {
          i = close;
          depth = 0;
        }
      }
      while (depth > 0 && i < n) {
        const d = value.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else {
          if (d === 40) depth++;
          else if (d === 41 && --depth === 0) break;
          i++;
        }
      }
      if (depth > 0) problems = withProblem(problems, start, 'comment not closed');
      const innerEnd = Math.min(i, n);
      if (!inDate) tokens.push(token('comment', value.slice(start + 1, innerEnd), start, Math.min(i + 1, n)));
      i = innerEnd + 1;
    } else if (c === 34 || c === 91) {
      const close = c === 34 ? 34 : 93;
      i++;
      while (i < n) {
        const d = value.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === close || (close === 93 && d === 59)) break;
        else i++;
      }
      const closed = i < n && value.charCodeAt(i) === close;
      if (!closed) {
        const message = c === 34 ? 'quoted string not closed' : 'domain literal not closed';
        problems = withProblem(problems, start, message);
      }
      const innerEnd = Math.min(i, n);
      if (!inDate) {
        const kind = c === 34 ? 'quoted' : 'literal';
        tokens.push(token(kind, value.slice(start + 1, innerEnd), start, innerEnd + (closed ? 1 : 0)));
      }
      i = innerEnd + (closed ? 1 : 0);
    } else if (c === 60) {
      i++;
      while (i < n) {
        const d = value.charCodeAt(i);
        if (d === 62) break;
        if (isSpace(d)) {
          // An address has no white space, so an unclosed `<` ends at the first. But a phrase closed by `>`
          // before anything else that delimits (`for <multiple recipients>`, Gmail's and old Postfix's form
          // for a message to several) is one token. The look ahead stops at the first delimiter, so no
          // character is looked at more than twice however many `<` there are.
          let k = i + 1;
          while (k < n && CHAR_CLASS[value.charCodeAt(k)] !== ENDS) k++;
          if (k < n && value.charCodeAt(k) === 62) i = k;
          break;
        }
        i++;
      }
      const closed = i < n && value.charCodeAt(i) === 62;
      if (!inDate) tokens.push(token('angle', value.slice(start + 1, i), start, closed ? i + 1 : i));
      if (closed) i++;
    } else if (c === 41 || c === 93 || c === 62) {
      problems = withProblem(problems, start, `unexpected ${String.fromCharCode(c)}`);
      i++;
    } else {
      i++;
      while (i < n && CHAR_CLASS[value.charCodeAt(i)] === 0) i++;
      // Asked of every atom, dates' included: most (host names, numbers) are ruled out by length or first
      // letter here, without the call.
      const length = i - start;
      const keyword =
        length >= 2 && length <= 4 && (c | 32) <= 119 && KEYWORD_START[c | 32] === 1
          ? keywordAt(value, start, i)
          : undefined;
      // A keyword after the date starts clauses again (`…; Thu, 10 Nov 2005 08:24:21 -0600 id 000000DB.4373`).
      if (inDate && keyword !== undefined) inDate = false;
      if (!inDate) {
        // A keyword written in lower case, as nearly all are, is the keyword's own string: no slice to build
        // for the atom that every clause starts with.
        const text = keyword !== undefined && isLowerCase(value, start, i) ? keyword : value.slice(start, i);
        tokens.push(token('atom', text, start, i, keyword));
      }
    }
  }
  return { tokens, problems: problems ?? NO_PROBLEMS, date, dateStart };
}

/**
 * The words of a comment's inner text at its own level: split on white space (and commas), with a nested
 * comment kept whole as one word, parens included (`(may be forged)`). Linear, no recursion.
 */
export function commentWords(inner: string): string[] {
  // The first two words are held apart and the list made at its size: most comments have one or two words,
  // and a list grown from [] by push gets room for 17 at once.
  let first: string | undefined;
  let second: string | undefined;
  let words: string[] | undefined;
  const n = inner.length;
  let i = 0;
  while (i < n) {
    const c = inner.charCodeAt(i);
    if (CHAR_CLASS[c] === SKIP) {
      i++;
      continue;
    }
    const start = i;
    if (c === 40) {
      let depth = 0;
      while (i < n) {
        const d = inner.charCodeAt(i);
        if (d === 92) {
          i += 2;
          continue;
        }
        if (d === 40) depth++;
        else if (d === 41 && --depth === 0) {
          i++;
          break;
        }
        i++;
      }
    } else {
      // Through the character table, as in the atom loop: one load settles most characters. White space
      // and commas (SKIP) end a word; so does a `(` glued to it, unless right after a `:`.
      while (i < n) {
        const d = inner.charCodeAt(i);
        const cls = CHAR_CLASS[d];
        if (cls !== 0) {
          if (cls === SKIP) break;
          if (d === 40 && i > start && inner.charCodeAt(i - 1) !== 58) break;
        }
        i++;
      }
    }
    const word = inner.slice(start, Math.min(i, n));
    if (first === undefined) first = word;
    else if (second === undefined) second = word;
    else if (words === undefined) words = [first, second, word];
    else words.push(word);
  }
  return words ?? (first === undefined ? [] : second === undefined ? [first] : [first, second]);
}

/** A comment token's words, split once however many readers ask (the clause readers and the TLS reader). */
export function wordsOf(comment: Token): string[] {
  if (comment.words === undefined) comment.words = commentWords(comment.text);
  return comment.words;
}

/**
 * Whether `word` is `lowerCase` (an ASCII keyword written in lower case) in any letter case. Compares
 * character codes instead of lower-casing `word` into a new string: the comment matchers test every comment
 * word against several keywords. (No non-ASCII character lower-cases to a letter of these keywords.)
 */
export function wordIs(word: string | undefined, lowerCase: string): boolean {
  return word !== undefined && word.length === lowerCase.length && wordStartsWith(word, lowerCase);
}

/** Whether `word` has `lowerCase` (ASCII, written in lower case) at `at` in any letter case; see wordIs. */
export function wordStartsWith(word: string, lowerCase: string, at = 0): boolean {
  if (word.length - at < lowerCase.length) return false;
  for (let i = 0; i < lowerCase.length; i++) {
    const c = word.charCodeAt(at + i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lowerCase.charCodeAt(i)) return false;
  }
  return true;
}
