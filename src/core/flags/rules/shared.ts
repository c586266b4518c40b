import type { Alignment } from '../../auth/alignment';
import type { NamedFields } from '../../headers/fields';
import type { Analysis, Evidence, Verdict } from '../../types';

// Small helpers the rule modules share.

export const DAY = 86_400;

/** Enough of a message that missing fields mean something (not a fragment of pasted headers). */
export function looksLikeMessage(a: Analysis, named: NamedFields): boolean {
  return a.summary.from !== undefined && (a.hops.length > 0 || named.subject !== undefined);
}

export function ev(v: Verdict, text?: string): Evidence[] {
  return [{ header: v.header, text: text ?? `${v.method}=${v.result}${v.reason ? ` (${v.reason})` : ''}` }];
}

/**
 * Relaxed alignment of two domainOf() results, which are lower-cased and hold no '@': Alignment normalises
 * them again only where an end could change.
 */
export function sameOrg(alignment: Alignment, a: string, b: string): boolean {
  return alignment.alignedDomains(a, b, 'r');
}

export const one = (v: Verdict | undefined): Verdict[] => (v ? [v] : []);
