// Character tests shared by the core's hand-written scanners.

/** RFC 5322 white space and line breaks: SP, HTAB, CR, LF (folding white space once unfolded or not). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}
