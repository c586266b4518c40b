// Shared by the UI, the background and the CLI (no DOM, no Node). A message file's bytes as text to analyze,
// by one rule wherever the file comes from (dropped, chosen, a link, a path, standard input): an Outlook .msg
// gives the Internet headers Outlook kept; other files are text: UTF-16 after its byte-order mark, else UTF-8
// when valid and windows-1252 otherwise; an image or archive given by mistake is said to be one.

import type { AttachedMessage } from './attached';
import { decodeEightBit, decodeUtf16 } from './decode';
import { isCompoundFile, type MsgMessage, readOutlookMsg } from './outlook-msg';

export { decodeEightBit, isCompoundFile };

export type MessageFile =
  | {
      ok: true;
      text: string;
      /** The messages attached to it when the file says so itself (a .msg); otherwise look in its MIME parts. */
      attached?: AttachedMessage[];
      /** What the reader should know about where the text came from. */
      note?: string;
      /** A .msg without headers of its own that holds several messages: those after the first (which is `text`). */
      others?: AttachedMessage[];
    }
  | { ok: false; code: 'empty' | 'binary' | 'msg-unreadable' | 'msg-no-headers'; reason: string };

const SNIFF_BYTES = 8192;

/** An Outlook .msg is read whole (its headers can be anywhere in it), up to this size. */
export const MAX_MSG_BYTES = 64 * 1024 * 1024;

/**
 * A file is binary when its first 8 KB holds NUL bytes in quantity or mostly control bytes: an image or
 * an archive given by mistake. A stray NUL inside real headers does not make a file binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return nul > 16 || nul + control > n * 0.1;
}

/** The messages attached to a .msg message that have headers, numbered as the file orders them. */
export function msgAttachments(message: MsgMessage): AttachedMessage[] {
  const out: AttachedMessage[] = [];
  message.attached.forEach((inner, i) => {
    if (!inner.headers) return;
    const nested = msgAttachments(inner);
    const filename = inner.filename ?? inner.subject;
    out.push({
      number: i + 1,
      text: inner.headers,
      ...(filename ? { filename } : {}),
      ...(nested.length > 0 ? { attached: nested } : {}),
    });
  });
  return out;
}

/**
 * `list` (and the messages attached to each, depth first) with no more than `budget` characters of text in
 * all: what the background may hand to the analyzer page through storage that has a quota.
 */
export function capAttached(list: AttachedMessage[], budget: number): AttachedMessage[] {
  let left = budget;
  const cap = (messages: AttachedMessage[]): AttachedMessage[] => {
    const out: AttachedMessage[] = [];
    for (const { attached, ...message } of messages) {
      if (left <= 0) break;
      const text = message.text.slice(0, left);
      left -= text.length;
      const inner = attached ? cap(attached) : [];
      out.push({ ...message, text, ...(inner.length > 0 ? { attached: inner } : {}) });
    }
    return out;
  };
  return cap(list);
}

const NO_HEADERS =
  'This Outlook message has no Internet headers: Outlook keeps them only for mail it received from a server, ' +
  'not for drafts, sent items or messages written in Outlook. Open the message as it was received and copy ' +
  'File → Properties → Internet headers, or save that message as .eml.';

/**
 * The text to analyze in a message file's bytes (see the file comment). `cut`: the bytes are the start of a
 * longer text file (see decodeEightBit). Never throws.
 */
export function messageFromBytes(bytes: Uint8Array, cut = false): MessageFile {
  if (bytes.length === 0) return { ok: false, code: 'empty', reason: 'The file is empty.' };
  if (isCompoundFile(bytes)) {
    const msg = readOutlookMsg(bytes);
    if (!msg.ok && msg.office) {
      return {
        ok: false,
        code: 'binary',
        reason: 'This is an Office document or another binary file, not an email message.',
      };
    }
    if (!msg.ok)
      return { ok: false, code: 'msg-unreadable', reason: `This looks like an Outlook .msg file, but ${msg.reason}.` };
    const { message } = msg;
    if (message.headers) return { ok: true, text: message.headers, attached: msgAttachments(message) };
    // A report forwarded "as attachment" and saved from Sent Items: the suspicious message is inside.
    const inside = msgAttachments(message);
    const first = inside[0];
    if (!first) return { ok: false, code: 'msg-no-headers', reason: NO_HEADERS };
    const which = inside.length > 1 ? `, the first of the ${inside.length} it holds` : '';
    return {
      ok: true,
      text: first.text,
      attached: first.attached ?? [],
      ...(inside.length > 1 ? { others: inside.slice(1) } : {}),
      note:
        'This Outlook message has no Internet headers of its own (Outlook keeps them only for mail it received); ' +
        `these are the headers of the message attached to it${first.filename ? ` ("${first.filename}")` : ''}${which}.`,
    };
  }
  const utf16 = decodeUtf16(bytes, cut);
  if (utf16 !== undefined) return { ok: true, text: utf16 };
  if (looksBinary(bytes)) {
    return {
      ok: false,
      code: 'binary',
      reason: 'This looks like a binary file (an image or an archive?), not an email message.',
    };
  }
  return { ok: true, text: decodeEightBit(bytes, cut) };
}
