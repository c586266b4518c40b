import type { Analysis } from '../types';
import { Organisations } from './organisation';

/**
 * Learns a mailbox owner's own mail servers from many messages of that mailbox, the way an administrator
 * would read them: the organisations whose hosts receive on the recipient side (recipient-zone and handoff
 * `by` hosts) in a sizeable share of the messages. One message cannot tell that a host that only ever
 * relays into the owner's mailbox host (a secondary MX, a forwarding MX) is the owner's; a mailbox can,
 * because the owner's fetch and delivery hops name it again and again. The result is meant to be passed as
 * `recipientHosts`: exact host names, as if the user had declared those servers one by one.
 */
export function learnRecipientInfrastructure(analyses: Iterable<Analysis>, minShare = 0.02, minMessages = 5): string[] {
  const orgs = new Organisations();
  const count = new Map<string, { n: number; host: string }>();
  let total = 0;
  for (const a of analyses) {
    total++;
    const seen = new Map<string, string>();
    for (const h of a.hops) {
      if (h.zone !== 'recipient' && h.zone !== 'handoff') continue;
      const host = Organisations.normalise(h.by.host);
      // Provider networks and bare names are recognised anyway; only real host names are worth learning.
      // Exact names, not their domains: a domain can hold third parties' hosts too.
      if (host && orgs.of(host)?.startsWith('d:')) seen.set(host, host);
    }
    for (const [key, domain] of seen) {
      const c = count.get(key);
      if (c) c.n++;
      else count.set(key, { n: 1, host: domain });
    }
  }
  const floor = Math.max(minMessages, Math.ceil(total * minShare));
  return [...count.values()]
    .filter((c) => c.n >= floor)
    .sort((x, y) => y.n - x.n || x.host.localeCompare(y.host))
    .map((c) => c.host);
}
