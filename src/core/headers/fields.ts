// The header fields of one message with their names lower-cased once per analysis (STYLE.md: no work on
// the hot path that can be done once). Field names are case-insensitive (RFC 5322 §1.2.2); every stage that
// looked a field up by name used to lower-case every name again, once per rule or parser.
//
// The fields that analyze() and the flag rules read by name are found in the same pass (`named`): a lookup
// by name is a walk over every name, and a dozen of them (most to the end: Sender and Reply-To are often
// absent, and Microsoft 365 puts From, To and Subject below some hundred fields) cost more than sorting each
// name once, by its length, as it is lower-cased.

import type { HeaderField } from '../types';

/** `received`, `receivedSpf` and `dkimSignature`: every such field, in order; the others: the first one. */
export interface NamedFields {
  received: HeaderField[];
  receivedSpf: HeaderField[];
  dkimSignature: HeaderField[];
  subject: HeaderField | undefined;
  from: HeaderField | undefined;
  sender: HeaderField | undefined;
  replyTo: HeaderField | undefined;
  returnPath: HeaderField | undefined;
  to: HeaderField | undefined;
  date: HeaderField | undefined;
  messageId: HeaderField | undefined;
}

export class FieldIndex {
  /** `names[i]` is `headers[i].name` lower-cased (ASCII and Unicode, as String#toLowerCase). */
  readonly names: readonly string[];
  /** The fields read by name. */
  readonly named: NamedFields;

  constructor(readonly headers: readonly HeaderField[]) {
    const names: string[] = new Array(headers.length);
    const named: NamedFields = {
      received: [],
      receivedSpf: [],
      dkimSignature: [],
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
      const name = h.name.toLowerCase();
      names[i] = name;
      // The length leaves at most two names to compare with.
      switch (name.length) {
        case 2:
          if (name === 'to') named.to ??= h;
          break;
        case 4:
          if (name === 'from') named.from ??= h;
          else if (name === 'date') named.date ??= h;
          break;
        case 6:
          if (name === 'sender') named.sender ??= h;
          break;
        case 7:
          if (name === 'subject') named.subject ??= h;
          break;
        case 8:
          if (name === 'received') named.received.push(h);
          else if (name === 'reply-to') named.replyTo ??= h;
          break;
        case 10:
          if (name === 'message-id') named.messageId ??= h;
          break;
        case 11:
          if (name === 'return-path') named.returnPath ??= h;
          break;
        case 12:
          if (name === 'received-spf') named.receivedSpf.push(h);
          break;
        case 14:
          if (name === 'dkim-signature') named.dkimSignature.push(h);
          break;
      }
    }
    this.names = names;
    this.named = named;
  }
}
