// One linear pass over a Received field value (RFC 5322 §3.2: atoms, quoted strings, domain literals,
// comments with nesting and quoted-pairs; RFC 5321 §4.4 adds `;` before the date). Nothing here recurses:
// nesting is a counter, so 10,000 nested parens cost 10,000 steps and no stack.

export type TokenKind = 'atom' | 'quoted' | 'literal' | 'angle' | 'comment' | 'semicolon';

export interface Token {
  kind: TokenKind;
  /** atom: as written; quoted/literal/angle/comment: the inner text without the delimiters. */
  text: string;
  start: number;
  end: number;
  /** A comment's words (commentWords of its text), split on first use by wordsOf. */
  words?: string[];
}

export interface Tokenized {
  tokens: Token[];
  /** Offsets where a delimiter was left open or closed without opening; empty for well-formed input. */
  problems: Array<{ offset: number; message: string }>;
}

function isSpace(c: number): boolean {
  // NUL and other controls are treated as white space: they cannot be part of anything we read.
  return c <= 32 || c === 127;
}

/**
 * ASCII characters that end an atom: white space and controls, DEL, and ( ) [ ] < > " ; ,. A table so that
 * the atom loop, which sees most characters of a field, costs one load per character.
 */
const ENDS_ATOM = new Uint8Array(128);
for (let c = 0; c <= 32; c++) ENDS_ATOM[c] = 1;
for (const ch of '()[]<>";,\x7f') ENDS_ATOM[ch.charCodeAt(0)] = 1;

function endsAtom(c: number): boolean {
  return c < 128 && ENDS_ATOM[c] === 1;
}

export function tokenize(value: string): Tokenized {
  const tokens: Token[] = [];
  const problems: Tokenized['problems'] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (isSpace(c) || c === 44) {
      i++;
      continue;
    }
    const start = i;
    if (c === 59) {
      tokens.push({ kind: 'semicolon', text: ';', start, end: i + 1 });
      i++;
    } else if (c === 40) {
      let depth = 1;
      i++;
      while (i < n) {
        const d = value.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else {
          if (d === 40) depth++;
          else if (d === 41 && --depth === 0) break;
          i++;
        }
      }
      if (depth > 0) problems.push({ offset: start, message: 'comment not closed' });
      const innerEnd = Math.min(i, n);
      tokens.push({
        kind: 'comment',
        text: value.slice(start + 1, innerEnd),
        start,
        end: Math.min(i + 1, n),
        words: undefined,
      });
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
      if (!closed)
        problems.push({ offset: start, message: c === 34 ? 'quoted string not closed' : 'domain literal not closed' });
      const innerEnd = Math.min(i, n);
      tokens.push({
        kind: c === 34 ? 'quoted' : 'literal',
        text: value.slice(start + 1, innerEnd),
        start,
        end: innerEnd + (closed ? 1 : 0),
      });
      i = innerEnd + (closed ? 1 : 0);
    } else if (c === 60) {
      i++;
      while (i < n && value.charCodeAt(i) !== 62 && !isSpace(value.charCodeAt(i))) i++;
      const closed = i < n && value.charCodeAt(i) === 62;
      tokens.push({ kind: 'angle', text: value.slice(start + 1, i), start, end: closed ? i + 1 : i });
      if (closed) i++;
    } else if (c === 41 || c === 93 || c === 62) {
      problems.push({ offset: start, message: `unexpected ${String.fromCharCode(c)}` });
      i++;
    } else {
      while (i < n && !endsAtom(value.charCodeAt(i))) i++;
      tokens.push({ kind: 'atom', text: value.slice(start, i), start, end: i });
    }
  }
  return { tokens, problems };
}

/**
 * The words of a comment's inner text at its own level: split on white space (and commas), with a nested
 * comment kept whole as one word, parens included (`(may be forged)`). Linear, no recursion.
 */
export function commentWords(inner: string): string[] {
  const words: string[] = [];
  const n = inner.length;
  let i = 0;
  while (i < n) {
    const c = inner.charCodeAt(i);
    if (isSpace(c) || c === 44) {
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
      while (i < n) {
        const d = inner.charCodeAt(i);
        if (isSpace(d) || d === 44 || (d === 40 && i > start && inner.charCodeAt(i - 1) !== 58)) break;
        i++;
      }
    }
    words.push(inner.slice(start, Math.min(i, n)));
  }
  return words;
}

/** A comment token's words, split once however many readers ask (the clause readers and the TLS reader). */
export function wordsOf(comment: Token): string[] {
  if (comment.words === undefined) comment.words = commentWords(comment.text);
  return comment.words;
}
