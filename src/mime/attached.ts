// Shared by the UI and the CLI (no DOM, no Node). Messages attached to the input: a forwarded phishing report
// carries the suspicious message as a message/rfc822 part (or an .eml file sent as octet-stream, or an Outlook
// .msg), and its headers are the ones worth analyzing.
// The walk (./attached-parts.ts, with postal-mime) is loaded only when the input can hold an attachment at all,
// so the popup's first report never waits for it nor carries its bytes.

export interface AttachedMessage {
  /** 1-based, in the order the parts appear. */
  number: number;
  filename?: string;
  text: string;
  /** Messages attached to this one, when its file says so itself (an Outlook .msg); else found in its MIME parts. */
  attached?: AttachedMessage[];
}

/** Cheap test before parsing: an attached message needs a multipart body and one of these markers. */
const MAY_HOLD_MESSAGE = /message\/rfc822|text\/rfc822-headers|\.eml\b|\.msg\b|vnd\.ms-outlook/i;

/** The messages attached to `raw` (one level deep), or [] when there are none or it does not parse. */
export async function findAttachedMessages(raw: string): Promise<AttachedMessage[]> {
  if (!MAY_HOLD_MESSAGE.test(raw) || !/^content-type:\s*multipart\//im.test(raw)) return [];
  try {
    return (await import('./attached-parts')).attachedParts(raw);
  } catch {
    return [];
  }
}
