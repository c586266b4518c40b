// The MIME walk behind findAttachedMessages (./attached.ts), loaded only for a message that may hold one:
// postal-mime parses the message, and the parts that are messages (message/rfc822, an .eml, an Outlook .msg)
// are returned with their headers as text.

import type { AttachedMessage } from './attached';
import { decodeEightBit } from './decode';

/** An Outlook .msg attached to a report (users drag the suspicious message out of Outlook into a new mail). */
function isOutlookPart(mimeType: string, filename: string | null | undefined): boolean {
  return mimeType.toLowerCase() === 'application/vnd.ms-outlook' || /\.msg$/i.test(filename ?? '');
}

function isMessagePart(mimeType: string, filename: string | null | undefined): boolean {
  const type = mimeType.toLowerCase();
  return (
    type === 'message/rfc822' ||
    type === 'text/rfc822-headers' ||
    type === 'message/global' ||
    (/\.eml$/i.test(filename ?? '') && (type === 'application/octet-stream' || type.startsWith('text/')))
  );
}

function textOf(content: ArrayBuffer | Uint8Array | string): string {
  if (typeof content === 'string') return content;
  // 8-bit headers in a legacy charset: every byte kept visible.
  return decodeEightBit(content instanceof Uint8Array ? content : new Uint8Array(content));
}

/** The messages attached to `raw` (one level deep), or [] when it does not parse. */
export async function attachedParts(raw: string): Promise<AttachedMessage[]> {
  try {
    const { default: PostalMime } = await import('postal-mime');
    const email = await PostalMime.parse(raw, { forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
    const found: AttachedMessage[] = [];
    for (const part of email.attachments) {
      const filename = part.filename ? { filename: part.filename } : {};
      if (isMessagePart(part.mimeType, part.filename)) {
        found.push({ number: found.length + 1, ...filename, text: textOf(part.content) });
      } else if (isOutlookPart(part.mimeType, part.filename) && typeof part.content !== 'string') {
        // Its Internet headers, or those of the message inside it (src/mime/message-file.ts); unreadable: left out.
        const { isCompoundFile, messageFromBytes } = await import('./message-file');
        const bytes = new Uint8Array(part.content);
        const msg = isCompoundFile(bytes) ? messageFromBytes(bytes) : null;
        if (msg?.ok)
          found.push({
            number: found.length + 1,
            ...filename,
            text: msg.text,
            ...(msg.attached?.length ? { attached: msg.attached } : {}),
          });
      }
    }
    return found.filter((message) => message.text.trim().length > 0);
  } catch {
    return [];
  }
}
