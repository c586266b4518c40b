// Which header fields a signature covers (RFC 6376 §5.4.2): h= is read left to right; for each name the
// next instance is taken from the bottom of the header block upwards. A name listed more often than the
// field occurs selects nothing for the extra entries (a null string): signers list From twice on purpose
// ("over-signing") so that a second From added later breaks the signature. A field the message has but h=
// does not name is not covered, nor is an instance above the ones h= reaches (§8.15: an extra From added
// on top of a signed message leaves the signature valid).

import type { HeaderField } from '../types';

export interface SelectedField {
  /** The name as written in h= (lower-cased). */
  name: string;
  /** The field selected, or null when h= names more instances than exist (nothing is hashed for it). */
  field: HeaderField | null;
}

function fieldKey(field: HeaderField): string {
  return field.name.trim().toLowerCase();
}

/**
 * The fields h= selects, in h= order. `exclude` is the signature field being verified: it is hashed
 * separately and never selects itself (§3.7).
 */
export function selectSignedFields(headers: HeaderField[], h: string[], exclude?: number): SelectedField[] {
  // Per name, the instances bottom-up; a cursor per name as h= consumes them.
  const instances = new Map<string, HeaderField[]>();
  for (let k = headers.length - 1; k >= 0; k--) {
    const field = headers[k]!;
    if (field.index === exclude || field.name === '') continue;
    const key = fieldKey(field);
    let list = instances.get(key);
    if (list === undefined) {
      list = [];
      instances.set(key, list);
    }
    list.push(field);
  }
  const used = new Map<string, number>();
  const out: SelectedField[] = [];
  for (const raw of h) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    const n = used.get(name) ?? 0;
    used.set(name, n + 1);
    out.push({ name, field: instances.get(name)?.[n] ?? null });
  }
  return out;
}

/** The fields a reader cares about, in the order the report lists them (DESIGN.md §9). */
export const IMPORTANT_FIELDS = [
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'subject',
  'date',
  'message-id',
  'in-reply-to',
  'references',
  'list-unsubscribe',
  'list-id',
  'mime-version',
  'content-type',
] as const;

export interface Coverage {
  /** Display names (as written in the message) of the fields the signature covers, in h= order. */
  signed: string[];
  /** Important fields present in the message that the signature does not cover, with extra instances. */
  unsigned: string[];
  /** Names h= lists more often than they occur: another such field cannot be added without breaking it. */
  oversigned: string[];
}

/** What a selection proves and what it leaves out (for the report and the flags). */
export function coverage(headers: HeaderField[], selected: SelectedField[]): Coverage {
  const covered = new Set<number>();
  const signed: string[] = [];
  const oversigned: string[] = [];
  for (const s of selected) {
    if (s.field === null) {
      if (!oversigned.includes(s.name)) oversigned.push(s.name);
      continue;
    }
    covered.add(s.field.index);
    signed.push(s.field.name.trim());
  }
  const unsigned: string[] = [];
  for (const name of IMPORTANT_FIELDS) {
    const present = headers.filter((f) => f.name !== '' && fieldKey(f) === name);
    if (present.length === 0) continue;
    const uncovered = present.filter((f) => !covered.has(f.index));
    if (uncovered.length === 0) continue;
    const display = uncovered[0]!.name.trim();
    if (uncovered.length === present.length) {
      unsigned.push(display);
    } else {
      // Some instances are signed, others not: name which (a From added above a signed From, §8.15).
      for (const f of uncovered) unsigned.push(`${display} (extra instance, header #${f.index})`);
    }
  }
  return { signed, unsigned, oversigned };
}
