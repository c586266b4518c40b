// Shared by the UI and the CLI (no DOM, no Node). Messages attached to the input: a forwarded phishing report carries the suspicious message as a
// message/rfc822 part (or an .eml file sent as octet-stream), and its headers are the ones worth analyzing.
// postal-mime does the MIME walk; it is loaded only when the input can hold an attachment at all, so the
// popup's first paint does not wait for it.

export interface AttachedMessage {
  /** 1-based, in the order the parts appear. */
  number: number;
  filename?: string;
  text: string;
  /** Messages attached to this one, when its file says so itself (an Outlook .msg); else found in its MIME parts. */
  attached?: AttachedMessage[];
}

/** Cheap test before parsing: an attached message needs a multipart body and one of these markers. */
const MAY_HOLD_MESSAGE = /message\/rfc822|text\/rfc822-headers|\.eml\b/i;

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
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // 8-bit headers in a legacy charset: keep every byte visible (as src/ui/file.ts does).
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The messages attached to `raw` (one level deep), or [] when there are none or it does not parse. */
export async function findAttachedMessages(raw: string): Promise<AttachedMessage[]> {
  if (!MAY_HOLD_MESSAGE.test(raw) || !/^content-type:\s*multipart\//im.test(raw)) return [];
  try {
    const { default: PostalMime } = await import('postal-mime');
    const email = await PostalMime.parse(raw, { forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
    return email.attachments
      .filter((part) => isMessagePart(part.mimeType, part.filename))
      .map((part, i) => ({
        number: i + 1,
        ...(part.filename ? { filename: part.filename } : {}),
        text: textOf(part.content),
      }))
      .filter((message) => message.text.trim().length > 0);
  } catch {
    return [];
  }
}
