// Character tests shared by the core's hand-written scanners.

/** RFC 5322 white space and line breaks: SP, HTAB, CR, LF (folding white space once unfolded or not). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** RFC 5234 WSP: SP or HTAB (white space within a line). */
export function isWsp(c: number): boolean {
  return c === 32 || c === 9;
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
