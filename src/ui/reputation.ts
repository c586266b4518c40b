// The handoff IP's reputation in a few words, for the verdict line: kept apart from the Lookups panel so that
// the popup's first report (verdict and timeline) does not wait for the panel's code.

import type { Enrichment } from '../lookup/types';

/** "listed on 2 of 5" / "not listed (5 lists)" / "checking…": the handoff IP's reputation in a few words. */
export function reputationOf(
  enrichment: Enrichment | null | undefined,
  ip: string | null,
  settled: boolean,
): string | null {
  if (!ip || !enrichment) return null;
  const item = enrichment.ips[ip];
  if (!item) return null;
  const answered = item.blocklists.filter((b) => b.status === 'listed' || b.status === 'not-listed');
  const listed = answered.filter((b) => b.status === 'listed');
  if (listed.length > 0) return `listed on ${listed.length} of ${answered.length} blocklists`;
  if (answered.length > 0) return `not listed (${answered.length} blocklists)`;
  if (item.blocklists.length > 0 && item.blocklists.every((b) => b.status === 'not-applicable'))
    return 'blocklists not applicable to this address';
  return settled ? 'blocklists did not answer' : 'checking blocklists…';
}
