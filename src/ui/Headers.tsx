import { useState } from 'preact/hooks';
import type { HeaderField } from '../core/types';
import { headerAnchor } from './reveal';

/**
 * Past this many fields the list shows the first and last HEADERS_SHOWN / 2 (the newest trace fields, and
 * From, Subject and the rest below the Received block) and offers the others on a click: a message of
 * 10,000 Received fields is 1.5 MB, inside the input cap.
 */
export const HEADERS_SHOWN = 500;

/** Every header field in order, as text. A decoded (RFC 2047) value is shown with the raw one beneath. */
export function HeaderList({ headers }: { headers: readonly HeaderField[] }) {
  const [all, setAll] = useState(false);
  if (headers.length === 0) return <p class="empty">No header fields were found in the input.</p>;
  const cut = !all && headers.length > HEADERS_SHOWN;
  const half = HEADERS_SHOWN / 2;
  const item = (field: HeaderField) => (
    <li key={field.index} id={headerAnchor(field.index)} tabIndex={-1}>
      <span class="header-name">{field.name}</span>
      <span class="header-value mono">{field.decoded ?? field.value}</span>
      {field.decoded !== undefined && <span class="header-raw mono">{field.value}</span>}
    </li>
  );
  if (!cut) return <ol class="headers">{headers.map(item)}</ol>;
  const skipped = headers.length - HEADERS_SHOWN;
  return (
    <ol class="headers">
      {headers.slice(0, half).map(item)}
      <li key="gap" class="header-gap">
        {skipped.toLocaleString()} fields not shown.{' '}
        <button type="button" class="link-button" onClick={() => setAll(true)}>
          Show all {headers.length.toLocaleString()} fields
        </button>
      </li>
      {headers.slice(headers.length - half).map(item)}
    </ol>
  );
}
