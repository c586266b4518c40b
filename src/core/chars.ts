// Character tests and small scanning pieces shared by the core's hand-written scanners.

/** RFC 5322 white space and line breaks: SP, HTAB, CR, LF (folding white space once unfolded or not). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** RFC 5234 WSP: SP or HTAB (white space within a line). */
export function isWsp(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * text.trim(), without the call when both ends are visible ASCII: all the white space trim() removes lies
 * outside printable ASCII, and most names and identifiers have none, where the call costs more than two
 * character tests.
 */
export function trimEnds(text: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? text : text.trim();
}

/** An ASCII digit 0-9. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Finds the next white space or line break (as isSpace) in one string with native indexOf searches, one per
 * character kind, instead of a charCodeAt loop. Each kind's last hit is kept while it lies ahead of the
 * caller, so the positions asked for must not decrease: then every search starts past the previous hit of
 * its kind and the string is read at most once per kind, however many times `next` is called.
 */
export class SpaceFinder {
  private sp = -1;
  private tab = -1;
  private cr = -1;
  private lf = -1;

  constructor(private readonly s: string) {}

  /** The first index >= from holding SP, HTAB, CR or LF, or s.length. `from` must not decrease between calls. */
  next(from: number): number {
    const s = this.s;
    const n = s.length;
    if (this.sp < from) this.sp = found(s.indexOf(' ', from), n);
    if (this.tab < from) this.tab = found(s.indexOf('\t', from), n);
    if (this.cr < from) this.cr = found(s.indexOf('\r', from), n);
    if (this.lf < from) this.lf = found(s.indexOf('\n', from), n);
    return Math.min(this.sp, this.tab, this.cr, this.lf);
  }
}

function found(index: number, none: number): number {
  return index < 0 ? none : index;
}

/** Whitespace-separated words of `text`, in order. */
export function words(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < n && !isSpace(text.charCodeAt(i))) i++;
    if (i > start) out.push(text.slice(start, i));
  }
  return out;
}

/** Runs of white space (left by unfolding) become one space; ends trimmed. Unchanged text is returned as is. */
export function collapseSpace(text: string): string {
  const n = text.length;
  let clean = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || i === n - 1 || text.charCodeAt(i + 1) === 32) {
        clean = false;
        break;
      }
    } else if (c === 9 || c === 13 || c === 10) {
      clean = false;
      break;
    }
  }
  return clean ? text : words(text).join(' ');
}

/**
 * End (index after its `)`) of the RFC 5322 comment that opens at s[open], nested comments and quoted-pairs
 * included; -1 when it is not closed. Most comments hold neither and end at the first `)`: that one is found
 * natively and only the comment is read to confirm it.
 */
export function commentEnd(s: string, open: number): number {
  const close = s.indexOf(')', open + 1);
  if (close >= 0) {
    const inner = s.slice(open + 1, close);
    if (!inner.includes('(') && !inner.includes('\\')) return close + 1;
  }
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * `text`, or the equal string from `constants`. A key read from a value is a new string that V8 must look up
 * in its string table before it can be a property name; the same text as a constant is that entry already.
 * For the few keys receivers write in nearly every field.
 */
export function asConstant(text: string, constants: readonly string[]): string {
  for (let k = 0; k < constants.length; k++) if (constants[k] === text) return constants[k]!;
  return text;
}
