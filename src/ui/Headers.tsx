import type { HeaderField } from '../core/types';
import { headerAnchor } from './reveal';

/** Every header field in order, as text. A decoded (RFC 2047) value is shown with the raw one beneath. */
export function HeaderList({ headers }: { headers: readonly HeaderField[] }) {
  if (headers.length === 0) return <p class="empty">No header fields were found in the input.</p>;
  return (
    <ol class="headers">
      {headers.map((field) => (
        <li key={field.index} id={headerAnchor(field.index)} tabIndex={-1}>
          <span class="header-name">{field.name}</span>
          <span class="header-value mono">{field.decoded ?? field.value}</span>
          {field.decoded !== undefined && <span class="header-raw mono">{field.value}</span>}
        </li>
      ))}
    </ol>
  );
}
