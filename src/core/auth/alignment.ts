// DMARC identifier alignment (RFC 7489 §3.1): strict mode needs the two domains to be equal, relaxed
// mode needs the same Organizational Domain (§3.2: the public suffix plus one label, found through
// the Public Suffix List). Only the ICANN section of the list is used (the project's choice; RFC 7489
// does not name a section). The consequence: tenants of a PRIVATE-section suffix share one
// Organizational Domain, so `alice.github.io` and `bob.github.io` align in relaxed mode.
//
// Why tldts-icann (7.4.16, from the tldts family) and not psl (1.15.0), measured on 2026-11-28:
// - Sections: the tldts family can leave out the PRIVATE section; tldts-icann ships only the ICANN section,
//   which is all we use. psl always mixes both (psl.get('a.b.github.io') is 'b.github.io').
// - Freshness: the list is compiled into the package. tldts-icann 7.4.16 was published 2026-09-27 (tldts
//   7.6.0, with both sections, on 2026-11-25); psl's newest release, 1.15.0, dates from 2024-12-06, two years
//   of PSL changes behind.
// - Size: a minified esbuild bundle of getDomain is 92,814 B (32,500 B gzipped) for tldts-icann, against
//   139,371 B (49,567 B) for tldts and 160,778 B (44,838 B) for psl. It is still the largest single part
//   of the popup's 100 kB budget (DESIGN.md §10).
// - Speed: a compact trie, ~0.65 µs a lookup here; psl 1.15 took ~5.3 µs.
// - Dependencies: tldts-core only; psl pulls in punycode.

import { trimEnds } from '../chars';
import { isIpAddress } from '../ip';
import { isValidHostname, registrableDomain } from '../psl';

/**
 * The Organizational Domain of a normalised identifier: none for an IP literal or for text that is not a host
 * name (tldts' shallow check). tldts' getDomain() would first try to read a URL out of such text; an SPF or
 * DKIM identifier is a domain (RFC 7489 §3.1), so text that is not one aligns with nothing.
 */
function orgDomainOf(d: string): string | undefined {
  if (!isValidHostname(d) || isIpAddress(d)) return undefined;
  return registrableDomain(d) ?? undefined;
}

/** Lower-cases, drops one trailing dot, and takes the domain of an address (`user@example.com`). */
function normalizeDomain(domain: string): string {
  let d = trimEnds(domain).toLowerCase();
  const at = d.lastIndexOf('@');
  if (at >= 0) d = d.slice(at + 1);
  if (d.charCodeAt(d.length - 1) === 46 /* . */) d = d.slice(0, -1);
  return d;
}

/**
 * Whether normalizeDomain(d) is d itself for a d that is lower-cased and holds no '@' already (one that
 * normalizeDomain or trust's domainOf returned): only white space at an end (all of it outside printable
 * ASCII) or a dot left at the end (of `x..`) would change.
 */
function isNormalised(d: string): boolean {
  const first = d.charCodeAt(0);
  const last = d.charCodeAt(d.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 && last !== 46;
}

/**
 * The Organizational Domain of `domain` (RFC 7489 §3.2), or undefined for an IP address, an invalid
 * host name, or a public suffix itself (`co.uk`). Unlisted TLDs follow the PSL's default `*` rule.
 */
export function organizationalDomain(domain: string): string | undefined {
  const d = normalizeDomain(domain);
  if (d === '') return undefined;
  return orgDomainOf(d);
}

/**
 * Whether two identifiers align (RFC 7489 §3.1.1/§3.1.2): `s` strict (equal, case-insensitively),
 * `r` relaxed (equal, or the same Organizational Domain).
 */
export function aligned(a: string, b: string, mode: 'r' | 's'): boolean {
  const da = normalizeDomain(a);
  const db = normalizeDomain(b);
  if (da === '' || db === '') return false;
  if (da === db) return true;
  if (mode === 's') return false;
  const oa = organizationalDomain(da);
  return oa !== undefined && oa === organizationalDomain(db);
}

/**
 * organizationalDomain and aligned with a memo, for one analysis or one rule pass: the From domain is
 * compared with the SPF, DKIM, Return-Path and Reply-To domains, and each comparison would walk the
 * suffix list for it again.
 */
export class Alignment {
  private readonly orgs = new Map<string, string | undefined>();

  organizationalDomain(domain: string): string | undefined {
    return this.ofNormalised(normalizeDomain(domain));
  }

  /**
   * organizationalDomain() of a domain that is lower-cased and holds no '@' (trust's domainOf returns such):
   * normalised again only if an end could change (see isNormalised).
   */
  organizationalDomainOfDomain(domain: string): string | undefined {
    return this.ofNormalised(isNormalised(domain) ? domain : normalizeDomain(domain));
  }

  /** The memoised lookup of a normalizeDomain() result. */
  private ofNormalised(d: string): string | undefined {
    if (d === '') return undefined;
    // get() first: a hit (the From domain, asked again for each comparison) then needs one lookup, not two.
    const hit = this.orgs.get(d);
    if (hit !== undefined || this.orgs.has(d)) return hit;
    const org = orgDomainOf(d);
    this.orgs.set(d, org);
    return org;
  }

  /** As aligned(), with the Organizational Domains memoised. */
  aligned(a: string, b: string, mode: 'r' | 's'): boolean {
    return this.alignedNormalised(normalizeDomain(a), normalizeDomain(b), mode);
  }

  /** aligned() of two domains that are lower-cased and hold no '@' (as organizationalDomainOfDomain). */
  alignedDomains(a: string, b: string, mode: 'r' | 's'): boolean {
    return this.alignedNormalised(
      isNormalised(a) ? a : normalizeDomain(a),
      isNormalised(b) ? b : normalizeDomain(b),
      mode,
    );
  }

  private alignedNormalised(da: string, db: string, mode: 'r' | 's'): boolean {
    if (da === '' || db === '') return false;
    if (da === db) return true;
    if (mode === 's') return false;
    // An Organizational Domain is a suffix of its domain that holds a dot (a label and the public suffix), so
    // two domains that end in no common such text have none in common: the Return-Path, Reply-To or DKIM
    // domain of another organisation (most of those compared) is then told apart without its suffix-list walk.
    if (!shareDottedSuffix(da, db)) return false;
    // organizationalDomain(da) would normalise da a second time (trim, lower-case, '@', dot: four string
    // calls); a second pass changes nothing unless white space or a dot is left at an end.
    const oa = this.ofNormalised(isNormalised(da) ? da : normalizeDomain(da));
    return oa !== undefined && oa === this.ofNormalised(isNormalised(db) ? db : normalizeDomain(db));
  }
}

/**
 * Whether two normalised domains can have one Organizational Domain, told from their text: the longest text
 * both end in holds a dot. The registrable domain is a suffix of its host that takes in the dot before the
 * public suffix, once trailing dots are dropped; a domain that still ends in one (of `x..`) is left to the lookup.
 */
function shareDottedSuffix(a: string, b: string): boolean {
  if (a.charCodeAt(a.length - 1) === 46 || b.charCodeAt(b.length - 1) === 46) return true;
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0; i--, j--) {
    const c = a.charCodeAt(i);
    if (c !== b.charCodeAt(j)) return false;
    if (c === 46 /* . */) return true;
  }
  return false;
}
