// The shape every vendor module exports: one decoder per header field it understands.
// index.ts builds one Map from lower-cased field name to decoder at module load, so decoding a
// message is a single pass over its headers with one Map lookup each.

import type { VendorVerdictItem } from '../types';

/** What a decoder reads out of one field value; index.ts adds header, field and trusted. */
export interface DecodedField {
  /** Set when the value itself shows another product wrote it (Rspamd's X-Spam-Report). */
  vendor?: string;
  summary?: string;
  score?: number;
  items: VendorVerdictItem[];
}

export interface FieldDecoder {
  /** The field name as vendors usually spell it (matching is case-insensitive). */
  field: string;
  vendor: string;
  /**
   * A copy that by definition describes someone else's verdict (Microsoft's -Untrusted fields are
   * the sending tenant's): never trusted, whatever its position.
   */
  alwaysUntrusted?: boolean;
  /**
   * True when the field is a list of documented keys (so a key without a meaning is a gap in our
   * table), false or absent when keys are open-ended rule or symbol names.
   */
  keyed?: boolean;
  /** Total: any string in, never throws. */
  decode(value: string): DecodedField;
}

/** A meaning table: value (or key) → one human line, with the page it was taken from. */
export interface MeaningTable {
  source: string;
  entries: Readonly<Record<string, string>>;
  /** Built once by defineTable: exact-spelling lookup and the short labels used in summaries. */
  lookup: ReadonlyMap<string, string>;
  labels: ReadonlyMap<string, string>;
}

export function defineTable(source: string, entries: Readonly<Record<string, string>>): MeaningTable {
  const lookup = new Map<string, string>();
  const labels = new Map<string, string>();
  for (const [key, meaning] of Object.entries(entries)) {
    lookup.set(key, meaning);
    labels.set(key, shortLabel(meaning));
  }
  return { source, entries, lookup, labels };
}

/** The table's meaning for `key` as written (tables carry the spellings vendors use). */
export function meaningOf(table: MeaningTable, key: string): string | undefined {
  return table.lookup.get(key);
}

/** "High confidence phishing (Defender for Office 365)" → "high confidence phishing", for summary lines. */
export function shortLabel(meaning: string): string {
  const cut = meaning.indexOf(' (');
  const text = cut > 0 ? meaning.slice(0, cut) : meaning;
  return text.charAt(0).toLowerCase() + text.slice(1);
}
