// The header fields of one message with their names lower-cased once per analysis (STYLE.md: no work on
// the hot path that can be done once). Field names are case-insensitive (RFC 5322 §1.2.2); every stage that
// looked a field up by name used to lower-case every name again, once per rule or parser.
//
// Lookups scan the lower-cased names: a message has tens of fields and the stages ask for about a dozen
// names, most of which differ from a given field's name in length, so a scan costs less than building a
// Map of lists for every message.

import type { HeaderField } from '../types';

export class FieldIndex {
  /** `names[i]` is `headers[i].name` lower-cased (ASCII and Unicode, as String#toLowerCase). */
  readonly names: readonly string[];

  constructor(readonly headers: readonly HeaderField[]) {
    const names: string[] = new Array(headers.length);
    for (let i = 0; i < headers.length; i++) names[i] = headers[i]!.name.toLowerCase();
    this.names = names;
  }

  /** Every field with this (lower-case) name, in order; an empty list when there is none. */
  all(name: string): HeaderField[] {
    const out: HeaderField[] = [];
    const names = this.names;
    for (let i = 0; i < names.length; i++) if (names[i] === name) out.push(this.headers[i]!);
    return out;
  }

  /** The first (topmost) field with this (lower-case) name. */
  first(name: string): HeaderField | undefined {
    const names = this.names;
    for (let i = 0; i < names.length; i++) if (names[i] === name) return this.headers[i];
    return undefined;
  }
}
