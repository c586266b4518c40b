// Finds email addresses in free text (a display name, a redaction pass) with a bounded scan around each "@",
// where a regular expression with bounded repeats (`[…]{1,64}@(…{1,63}\.){1,8}`) backtracks badly on long runs
// of address characters. Each "@" looks at most 64 characters back and 253 ahead: linear in the text.

const LOCAL_MAX = 64;
const DOMAIN_MAX = 253;

function isLocalChar(c: number): boolean {
  // RFC 5322 atext plus "." (dot-atom): letters, digits and !#$%&'*+/=?^_`{|}~-
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 33 ||
    (c >= 35 && c <= 39) ||
    c === 42 ||
    c === 43 ||
    c === 45 ||
    c === 47 ||
    c === 61 ||
    c === 63 ||
    (c >= 94 && c <= 96) ||
    (c >= 123 && c <= 126)
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

export interface FoundAddress {
  address: string;
  start: number;
  end: number;
}

/** Every `local@domain.tld` in the text, in order, with its offsets. */
export function findAddresses(text: string): FoundAddress[] {
  const out: FoundAddress[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('@', from);
    if (at < 0) return out;
    from = at + 1;
    let start = at;
    while (start > 0 && at - start < LOCAL_MAX && isLocalChar(text.charCodeAt(start - 1))) start--;
    while (start < at && text.charCodeAt(start) === 46) start++; // a local part does not start with "."
    let end = at + 1;
    while (end < text.length && end - at <= DOMAIN_MAX && isDomainChar(text.charCodeAt(end))) end++;
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    if (start === at || end === at + 1) continue;
    const domain = text.slice(at + 1, end);
    const dot = domain.indexOf('.');
    if (dot <= 0 || domain.includes('..')) continue;
    out.push({ address: text.slice(start, end), start, end });
  }
}
