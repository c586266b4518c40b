import { useState } from 'preact/hooks';
import type { HeaderField } from '../core/types';
import { headAndTail, withGaps } from './long-lists';
import { headerAnchor } from './reveal';

/**
 * Past this many fields the list shows the first and last HEADERS_SHOWN / 2 (the newest trace fields, and
 * From, Subject and the rest below the Received block) and the fields findings cite; the rest on a click.
 */
export const HEADERS_SHOWN = 500;

/** Every header field in order, as text. A decoded (RFC 2047) value is shown with the raw one beneath. */
export function HeaderList({ headers, cited = [] }: { headers: readonly HeaderField[]; cited?: readonly number[] }) {
  const [all, setAll] = useState(false);
  if (headers.length === 0) return <p class="empty">No header fields were found in the input.</p>;
  const shown = all ? headers : headAndTail(headers, HEADERS_SHOWN / 2, HEADERS_SHOWN / 2, new Set(cited));
  const items = withGaps(
    shown,
    (field) => (
      <li key={field.index} id={headerAnchor(field.index)} tabIndex={-1}>
        <span class="header-name">{field.name}</span>
        <span class="header-value mono">{field.decoded ?? field.value}</span>
        {field.decoded !== undefined && <span class="header-raw mono">{field.value}</span>}
      </li>
    ),
    { class: 'header-gap', noun: ['field', 'fields'], total: headers.length, onShowAll: () => setAll(true) },
  );
  return <ol class="headers">{items}</ol>;
}
