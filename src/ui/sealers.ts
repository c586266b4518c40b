// Which ARC sealers the user trusts (RFC 8617 §7.2 leaves that to the receiver). Stored as seal d= domains;
// null (never chosen) means the rows of the well-known sealers table whose source was confirmed. The table
// (src/core/dkim/sealers.ts) comes from the background: imported here it landed in the core chunk that the
// popup loads for its first report (src/core/dkim has been kept out of that chunk since, wxt.config.ts).

import { useEffect, useState } from 'preact/hooks';
import type { ArcSealer } from '../core/dkim/sealers';
import { sendRequest } from '../messaging';

/** Pre-selected: only rows whose source was read and found to support them (sealers.ts `checked`). */
export function defaultTrustedSealers(table: readonly ArcSealer[]): string[] {
  return table.filter((s) => s.checked).map((s) => s.domain);
}

/** The well-known sealers table (null until the background answers, or if it does not); asked when `wanted`. */
export function useSealerTable(wanted = true): ArcSealer[] | null {
  const [table, setTable] = useState<ArcSealer[] | null>(null);
  useEffect(() => {
    if (!wanted || table) return;
    let live = true;
    void sendRequest({ type: 'sealers/list' }).then((answer) => {
      if (live && answer.ok) setTable(answer.sealers);
    });
    return () => {
      live = false;
    };
  }, [wanted]);
  return table;
}

/** The trusted sealer a seal's d= belongs to (itself or a subdomain: the domain holds the keys for both). */
export function trustedSealerFor(domain: string | undefined, trusted: readonly string[]): string | undefined {
  if (!domain) return undefined;
  const d = domain.toLowerCase().replace(/\.$/, '');
  return trusted.find((t) => d === t || d.endsWith(`.${t}`));
}
