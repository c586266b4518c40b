// The registrable domain of a host name under the ICANN section of the Public Suffix List (tldts-icann's
// compiled trie; why that list and package: src/core/auth/alignment.ts).
//
// tldts' own getDomain() goes through parseImpl, which carries URL parsing, IP detection and special-use
// checks (~10 kB minified, a tenth of the popup's budget) that the core never needs: its callers hand in host
// names they have already lower-cased, cleaned and told apart from IP literals (ip.ts). So the two steps
// parseImpl takes for such a name are called directly: the trie's suffix lookup, then the "one label more
// than the suffix" rule. The answer is getDomain(host, { extractHostname: false, detectIp: false,
// validateHostname: false, mixedInputs: false, allowPrivateDomains: false }) exactly; test/core/psl.test.ts
// compares the two. The deep imports are pinned with the exact versions in package.json.

import getDomainOfSuffix from 'tldts-core/dist/es6/src/domain';
import suffixLookup from 'tldts-icann/dist/es6/src/suffix-trie';

const OPTIONS = {
  allowIcannDomains: true,
  allowPrivateDomains: false,
  detectIp: false,
  detectSpecialUse: false,
  extraSuffixes: null,
  extractHostname: false,
  mixedInputs: false,
  validHosts: null,
  validateHostname: false,
};

/** What the suffix lookup writes; overwritten by each call (lookups are synchronous). */
const SUFFIX = {
  isIcann: null as boolean | null,
  isPrivate: null as boolean | null,
  publicSuffix: null as string | null,
};

/**
 * The registrable domain of `host` (one label more than its public suffix), or null when `host` is itself a
 * public suffix. Trailing dots are ignored. Unlisted TLDs follow the PSL's default `*` rule.
 */
export function registrableDomain(host: string): string | null {
  let end = host.length;
  while (end > 1 && host.charCodeAt(end - 1) === 46 /* . */) end--;
  const hostname = end === host.length ? host : host.slice(0, end);
  SUFFIX.isIcann = null;
  SUFFIX.isPrivate = null;
  SUFFIX.publicSuffix = null;
  suffixLookup(hostname, OPTIONS, SUFFIX);
  if (SUFFIX.publicSuffix === null) return null;
  return getDomainOfSuffix(SUFFIX.publicSuffix, hostname, OPTIONS);
}

/**
 * tldts' shallow host-name check (labels of lower-case letters, digits, `-`, `_` or non-ASCII, none empty or
 * over 63 long, none starting or ending with `-`, at most 255 in all; a leading dot allowed): what its
 * getDomain() requires of a name before it looks it up, when asked to validate. Its rules, read here rather than
 * called: tldts reads each character through `String.prototype.charCodeAt.call` (to suit any kind of string a
 * URL parser hands it), which V8 does not inline, and the check cost as much as the suffix lookup after it.
 * test/core/psl.test.ts compares the two.
 */
export function isValidHostname(host: string): boolean {
  const length = host.length;
  if (length === 0 || length > 255) return false;
  const first = host.charCodeAt(0);
  if (!isHostCode(first) && first !== 46 /* . */ && first !== 95 /* _ */) return false;
  let lastDot = -1;
  let last = -1;
  for (let i = 0; i < length; i++) {
    const c = host.charCodeAt(i);
    if (c === 46 /* . */) {
      // The label before is at most 63 long, not empty, and does not end with '-' (RFC 1035 §2.3.1).
      if (i - lastDot > 64 || last === 46 || last === 45 /* - */) return false;
      lastDot = i;
    } else if (!(isHostCode(c) || c === 45 || c === 95) || (c === 45 && last === 46)) return false;
    last = c;
  }
  return length - lastDot - 1 <= 63 && last !== 45;
}

/** A lower-case letter, a digit or a non-ASCII code unit: what tldts accepts in a label besides `-` and `_`. */
function isHostCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127;
}
