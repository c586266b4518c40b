// The header fields of one message, with their names compared in any letter case in place or lower-cased
// when a stage asks (STYLE.md: no work on the hot path that can be done once). Field names are case-insensitive
// (RFC 5322 §1.2.2); every stage that looked a field up by name used to lower-case every name again, once
// per rule or parser.
//
// The fields that analyze() and the flag rules read by name are found in one pass (`named`): a lookup
// by name is a walk over every name, and a dozen of them (most to the end: Sender and Reply-To are often
// absent, and Microsoft 365 puts From, To and Subject below some hundred fields) cost more than sorting each
// name once, by its length. The A-R parse and the connecting-IP claims take their fields from here too: their
// own two walks over every name cost 1.5–2% of analyze() (in-process A/B).

import type { HeaderField } from '../types';

/** The lists (`received` … `connectingIp`): every such field, in order; the others: the first one. */
export interface NamedFields {
  received: HeaderField[];
  receivedSpf: HeaderField[];
  dkimSignature: HeaderField[];
  /** Every Authentication-Results (RFC 8601) and ARC-Authentication-Results (RFC 8617), in order. */
  authResults: HeaderField[];
  /**
   * Every field that states the IP that connected to a provider's edge (the providers' `connectingIpHeaders`,
   * and Microsoft's X-Forefront-Antispam-Report with its CIP), in order: what collectClaims reads.
   */
  connectingIp: HeaderField[];
  subject: HeaderField | undefined;
  from: HeaderField | undefined;
  sender: HeaderField | undefined;
  replyTo: HeaderField | undefined;
  returnPath: HeaderField | undefined;
  to: HeaderField | undefined;
  date: HeaderField | undefined;
  messageId: HeaderField | undefined;
}

/**
 * `name` lower-cased (as String#toLowerCase) equals `lower`, an ASCII lower-case name, compared in place
 * without the lower-cased copy. The one character outside ASCII that lower-cases into ASCII is U+212A
 * KELVIN SIGN ("k"); U+0130 lower-cases to two characters, one of them outside ASCII, so a name holding it
 * never equals an ASCII name, as the length test already says here.
 */
export function sameName(name: string, lower: string): boolean {
  return name.length === lower.length && foldedAt(name, 0, lower);
}

/**
 * `name` lower-cased starts with `lower` (ASCII lower case), compared in place as sameName. (A U+0130 in
 * `name` gives two characters where it would shift the rest, but one of them is outside ASCII, so that no
 * ASCII text matches across it either way.)
 */
export function nameStartsWith(name: string, lower: string): boolean {
  return name.length >= lower.length && foldedAt(name, 0, lower);
}

/** `name` lower-cased ends with `lower` (ASCII lower case), compared in place as sameName. */
export function nameEndsWith(name: string, lower: string): boolean {
  return name.length >= lower.length && foldedAt(name, name.length - lower.length, lower);
}

/** name[at, at + lower.length) lower-cased is `lower` (see sameName). */
function foldedAt(name: string, at: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = name.charCodeAt(at + i);
    const folded = c >= 65 && c <= 90 ? c + 32 : c === 0x212a ? 107 : c;
    if (folded !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** What the stages that look fields up by name read (FieldIndex). */
export interface FieldNames {
  readonly headers: readonly HeaderField[];
  /** `headers[k].name` lower-cased. */
  lower(k: number): string;
  /** Is `headers[k]`'s name `lower` (an ASCII lower-case name) in any letter case? */
  is(k: number, lower: string): boolean;
}

export class FieldIndex implements FieldNames {
  /** The fields read by name. */
  readonly named: NamedFields;

  constructor(readonly headers: readonly HeaderField[]) {
    const named: NamedFields = {
      received: [],
      receivedSpf: [],
      dkimSignature: [],
      authResults: [],
      connectingIp: [],
      subject: undefined,
      from: undefined,
      sender: undefined,
      replyTo: undefined,
      returnPath: undefined,
      to: undefined,
      date: undefined,
      messageId: undefined,
    };
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i]!;
      const name = h.name;
      // The length leaves at most two names to compare with, in place (sameName): lower-casing every name
      // cost a copy of most of them (Microsoft 365 writes some sixty fields in mixed case) for the few
      // compared.
      switch (name.length) {
        case 2:
          if (sameName(name, 'to')) named.to ??= h;
          break;
        case 4:
          if (sameName(name, 'from')) named.from ??= h;
          else if (sameName(name, 'date')) named.date ??= h;
          break;
        case 6:
          if (sameName(name, 'sender')) named.sender ??= h;
          break;
        case 7:
          if (sameName(name, 'subject')) named.subject ??= h;
          break;
        case 8:
          if (sameName(name, 'received')) named.received.push(h);
          else if (sameName(name, 'reply-to')) named.replyTo ??= h;
          break;
        case 10:
          if (sameName(name, 'message-id')) named.messageId ??= h;
          break;
        case 11:
          if (sameName(name, 'return-path')) named.returnPath ??= h;
          else if (sameName(name, 'x-sender-ip')) named.connectingIp.push(h);
          break;
        case 12:
          if (sameName(name, 'received-spf')) named.receivedSpf.push(h);
          break;
        case 14:
          if (sameName(name, 'dkim-signature')) named.dkimSignature.push(h);
          break;
        case 22:
          if (sameName(name, 'authentication-results')) named.authResults.push(h);
          break;
        case 26:
          if (sameName(name, 'arc-authentication-results')) named.authResults.push(h);
          break;
        case 27:
          if (sameName(name, 'x-forefront-antispam-report')) named.connectingIp.push(h);
          break;
        case 50:
          if (sameName(name, 'x-ms-exchange-organization-originalclientipaddress')) named.connectingIp.push(h);
          break;
      }
    }
    this.named = named;
  }

  /**
   * `headers[k].name` lower-cased (ASCII and Unicode, as String#toLowerCase). Made when asked, and not kept:
   * the stages ask for few names (a claim field's, an ARC field's), each once, having told the others apart
   * by length or by is(); an array to keep them in cost more than the copies.
   */
  lower(k: number): string {
    return this.headers[k]!.name.toLowerCase();
  }

  /** Is `headers[k]`'s name `lower` (an ASCII lower-case name) in any letter case? */
  is(k: number, lower: string): boolean {
    return sameName(this.headers[k]!.name, lower);
  }
}
