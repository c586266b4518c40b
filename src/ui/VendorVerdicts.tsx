import type { VendorVerdict } from '../core/types';
import { EvidenceList } from './Evidence';
import { FirstOf } from './long-lists';

/** Spam-filter verdicts decoded from vendor headers, with what each code means. */
export function VendorVerdicts({ verdicts }: { verdicts: readonly VendorVerdict[] }) {
  return (
    <ul class="vendor-verdicts">
      <FirstOf
        items={verdicts}
        limit={50}
        noun={['field', 'fields']}
        render={(verdict) => (
          <li key={verdict.header}>
            <div class="vendor-head">
              <span class="vendor-summary">{verdict.summary ?? `${verdict.vendor}: ${verdict.field}`}</span>
              <span
                class={`trust-tag ${verdict.trusted ? 'trusted' : 'untrusted'}`}
                title={
                  verdict.trusted
                    ? "Written by the recipient's own filter"
                    : 'Not shown to come from the recipient: it may have arrived with the message'
                }
              >
                {verdict.trusted ? "Recipient's filter" : 'Unverified'}
              </span>
            </div>
            <details class="raw">
              <summary>
                {verdict.field} · {verdict.items.length === 1 ? '1 item' : `${verdict.items.length} items`}
              </summary>
              <dl class="vendor-items">
                <FirstOf
                  items={verdict.items}
                  limit={100}
                  noun={['item', 'items']}
                  tag="div"
                  render={(item, i) => (
                    <div key={`${item.key}-${i}`}>
                      <dt class="mono">
                        {item.key}={item.value}
                      </dt>
                      <dd>{item.meaning ?? <span class="muted">meaning not known</span>}</dd>
                    </div>
                  )}
                />
              </dl>
              <EvidenceList evidence={[{ header: verdict.header }]} />
            </details>
          </li>
        )}
      />
    </ul>
  );
}
