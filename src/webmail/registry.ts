// Which adapter handles a page. Hosted webmails are recognised by URL; self-hosted ones (Roundcube, Zimbra) by URL
// when their path says so. Any other page that already is a raw message (a "Show original" tab on another host,
// an .eml opened in the browser) goes to the generic adapter; failing that, self-hosted webmails are recognised
// by their page signature.

import { fastmail } from './fastmail';
import { generic } from './generic';
import { gmail } from './gmail';
import { outlook } from './outlook';
import { proton } from './proton';
import { roundcube } from './roundcube';
import type { WebmailAdapter } from './types';
import { yahoo } from './yahoo';
import { zimbra } from './zimbra';

/** Every webmail adapter. Each test URL of each adapter is claimed by that adapter alone (registry test). */
export const adapters: readonly WebmailAdapter[] = [
  gmail,
  outlook,
  yahoo,
  proton,
  fastmail,
  roundcube,
  zimbra,
  generic,
];

export function findAdapter(url: URL, document?: Document): WebmailAdapter | undefined {
  const byUrl = adapters.find((adapter) => adapter.matches(url));
  if (byUrl || !document) return byUrl;
  if (generic.detect?.(document)) return generic;
  return adapters.find((adapter) => adapter !== generic && adapter.detect?.(document));
}
