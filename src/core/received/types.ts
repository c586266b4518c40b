import type { ParsedDate } from '../date-common';
import type { Diagnostic, Hop } from '../types';

/**
 * What the Received parser knows about one field on its own, before the chain is judged.
 * `kind` says what sort of step the header records, so that trust (src/core/trust) can tell real
 * server-to-server handovers from local stages:
 * - `relay`: a network handover with a peer (from … by …), the ordinary case;
 * - `local`: no network peer (`with local`, pickup service, `from userid`, qmail `invoked by uid`, Postfix
 *   `(Postfix, from userid 1001)`, `from user@localhost`);
 * - `fetch`: a mailbox fetched by fetchmail/getmail/POP/IMAP;
 * - `filter`: a content-filter stage on the same host (amavis, qmail-scanner, MailScanner re-injection);
 * - `unknown`: could not tell (unparsed).
 * `saIgnored` is true where SpamAssassin's parser would skip the header (its `ignored` status).
 * The optional slots are always present, undefined when absent (one object shape for every field).
 */
export interface ParsedReceived {
  parsed: boolean;
  kind: 'relay' | 'local' | 'fetch' | 'filter' | 'unknown';
  saIgnored: boolean;
  from: Hop['from'];
  by: Hop['by'];
  with?: string;
  id?: string;
  for?: string;
  via?: string;
  tls?: Hop['tls'];
  authenticated?: Hop['authenticated'];
  /** The text after the last top-level `;`, trimmed; absent when there is none. */
  dateText?: string;
  /** dateText parsed, when it has the common form and the tokenizer read it in place; else the caller parses it. */
  date?: ParsedDate;
  /** Diagnostics without `header` set (the caller knows the index). */
  diagnostics: Diagnostic[];
}
