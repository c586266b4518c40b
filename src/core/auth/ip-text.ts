// IP addresses as receivers write them in authentication headers: a strict literal check (so that a
// redacted `phishing@pot.143.18.178` or a host name never passes for an address) and the comment
// phrases in which receivers state the connecting IP. Deliberately tiny and dependency-free; the
// scope and range questions belong to src/core/ip.ts.

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COLON = 58;
const DOT = 46;

function hexValue(c: number): number {
  if (c >= DIGIT_0 && c <= DIGIT_9) return c - DIGIT_0;
  const lower = c | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/** Dotted-quad IPv4 in `text[from, to)`: four decimal octets 0–255, no leading zeros. */
function ipv4Octets(text: string, from: number, to: number): number[] | undefined {
  const octets: number[] = [];
  let i = from;
  while (octets.length < 4) {
    const start = i;
    let value = 0;
    while (i < to && i - start < 3) {
      const c = text.charCodeAt(i);
      if (c < DIGIT_0 || c > DIGIT_9) break;
      value = value * 10 + (c - DIGIT_0);
      i++;
    }
    const len = i - start;
    if (len === 0 || value > 255 || (len > 1 && text.charCodeAt(start) === DIGIT_0)) return undefined;
    octets.push(value);
    if (octets.length < 4) {
      if (i >= to || text.charCodeAt(i) !== DOT) return undefined;
      i++;
    }
  }
  return i === to ? octets : undefined;
}

/** Eight 16-bit groups of an IPv6 literal, or undefined. Accepts `::` once and a dotted IPv4 tail. */
function ipv6Groups(text: string): { groups: number[]; dottedTail: boolean } | undefined {
  const n = text.length;
  if (n < 2 || n > 45) return undefined;
  const head: number[] = [];
  const tail: number[] = [];
  let current = head;
  let compressed = false;
  let dottedTail = false;
  let i = 0;
  if (text.charCodeAt(0) === COLON) {
    if (text.charCodeAt(1) !== COLON) return undefined;
    compressed = true;
    current = tail;
    i = 2;
    if (i === n) return { groups: [0, 0, 0, 0, 0, 0, 0, 0], dottedTail: false };
  }
  while (i < n) {
    const start = i;
    let value = 0;
    while (i < n && i - start < 4) {
      const h = hexValue(text.charCodeAt(i));
      if (h < 0) break;
      value = value * 16 + h;
      i++;
    }
    if (i < n && text.charCodeAt(i) === DOT) {
      // An embedded IPv4 address ends the literal.
      const octets = ipv4Octets(text, start, n);
      if (octets === undefined) return undefined;
      current.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      dottedTail = true;
      i = n;
      break;
    }
    if (i === start) return undefined;
    current.push(value);
    if (i === n) break;
    if (text.charCodeAt(i) !== COLON) return undefined;
    i++;
    if (i < n && text.charCodeAt(i) === COLON) {
      if (compressed) return undefined;
      compressed = true;
      current = tail;
      i++;
      if (i === n) break;
    } else if (i === n) {
      return undefined; // a single trailing ':'
    }
  }
  const count = head.length + tail.length;
  if (compressed ? count > 7 : count !== 8) return undefined;
  const groups = head.concat(new Array<number>(8 - count).fill(0), tail);
  return { groups, dottedTail };
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
function formatIpv6(groups: number[], dottedTail: boolean): string {
  const hexCount = dottedTail ? 6 : 8;
  let bestStart = -1;
  let bestLen = 1;
  for (let k = 0; k < hexCount; ) {
    if (groups[k] !== 0) {
      k++;
      continue;
    }
    let end = k;
    while (end < hexCount && groups[end] === 0) end++;
    if (end - k > bestLen) {
      bestStart = k;
      bestLen = end - k;
    }
    k = end;
  }
  const hex = groups.slice(0, hexCount).map((g) => g.toString(16));
  let text =
    bestStart < 0 ? hex.join(':') : `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
  if (dottedTail) {
    const hi = groups[6]!;
    const lo = groups[7]!;
    const v4 = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
    text = text.endsWith(':') ? text + v4 : `${text}:${v4}`;
  }
  return text;
}

/**
 * The normalised text of an IP literal, or undefined when `text` is not exactly one address.
 * Accepts a surrounding `[…]` and an `IPv6:` prefix (RFC 5321 address literals); IPv4 is returned
 * as written, IPv6 in RFC 5952 form.
 */
export function parseIpLiteral(text: string): string | undefined {
  let t = text;
  if (t.length > 2 && t.charCodeAt(0) === 91 && t.charCodeAt(t.length - 1) === 93) t = t.slice(1, -1);
  if (t.length > 5 && t.slice(0, 5).toLowerCase() === 'ipv6:') t = t.slice(5);
  if (t.includes(':')) {
    const parsed = ipv6Groups(t);
    return parsed === undefined ? undefined : formatIpv6(parsed.groups, parsed.dottedTail);
  }
  return ipv4Octets(t, 0, t.length) === undefined ? undefined : t;
}

function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && text.charCodeAt(start - 1) > 32) start--;
  return text.slice(start, end);
}

function wordAfter(text: string, start: number): string {
  let end = start;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c <= 32 || c === 41 || c === 59 || c === 44) break; // space, ')', ';', ','
    end++;
  }
  return text.slice(start, end);
}

// The phrases SPF implementations put around the connecting IP (libspf2, pypolicyd-spf, Microsoft,
// Google, Yandex, iCloud, AOL): "… designates 192.0.2.1 as permitted sender", "does not designate
// X as permitted sender", "discourages use of X as permitted sender", "reports X as a permitted
// sender", Google's best guess "X is neither permitted nor denied by …".
const BEFORE_PHRASES = [' as permitted sender', ' as a permitted sender', ' is neither permitted nor denied'];

/** The connecting IP an SPF comment states ("designates X as permitted sender" and kin), if any. */
export function permittedSenderIp(comment: string): string | undefined {
  const lower = comment.toLowerCase();
  for (const phrase of BEFORE_PHRASES) {
    const at = lower.indexOf(phrase);
    if (at > 0) {
      const ip = parseIpLiteral(wordBefore(lower, at));
      if (ip !== undefined) return ip;
    }
  }
  return undefined;
}

/** Microsoft's "sender IP is X" (Exchange Online A-R and ARC-A-R spf comment), if present. */
export function senderIpIs(comment: string): string | undefined {
  const lower = comment.toLowerCase();
  const at = lower.indexOf('sender ip is ');
  if (at < 0) return undefined;
  return parseIpLiteral(wordAfter(lower, at + 13));
}
