// Gmail. X-Gm-Message-State and X-Google-Smtp-Source are added on the *sending* side when a message
// leaves Gmail: opaque context, not a verdict about this message. X-Gm-Spam and X-Gm-Phishy are 0/1
// flags Gmail writes on delivery. Google documents none of them; the header guide below is where
// Google explains reading headers at all.

import type { DecodedField, FieldDecoder } from './decoder';
import { collapseSpace, item } from './scan';

export const GOOGLE_SOURCE = 'https://support.google.com/mail/answer/29436';

const VENDOR = 'Google';

function context(key: string, meaning: string, label: string) {
  return (value: string): DecodedField => ({
    summary: `${VENDOR}: ${label} (sender-side context, not a verdict)`,
    items: [item(key, collapseSpace(value), meaning)],
  });
}

function flag(key: string, what: string) {
  return (value: string): DecodedField => {
    const v = value.trim();
    const on = v === '1';
    const summary = `${VENDOR}: ${on ? `marked as ${what}` : v === '0' ? `not marked as ${what}` : `${key} ${v}`}`;
    const out: DecodedField = {
      summary,
      items: [item(key, v, `1 when Gmail marked the message as ${what}, 0 when not`)],
    };
    if (v === '0' || v === '1') out.score = on ? 1 : 0;
    return out;
  };
}

export const googleDecoders: FieldDecoder[] = [
  {
    field: 'X-Gm-Message-State',
    vendor: VENDOR,
    decode: context(
      'state',
      "Gmail's sender-side message state (opaque; added when sent through Gmail)",
      'message state',
    ),
  },
  {
    field: 'X-Google-Smtp-Source',
    vendor: VENDOR,
    decode: context(
      'source',
      "Gmail's sender-side SMTP source token (opaque; added when sent through Gmail)",
      'SMTP source',
    ),
  },
  { field: 'X-Gm-Spam', vendor: VENDOR, decode: flag('X-Gm-Spam', 'spam') },
  { field: 'X-Gm-Phishy', vendor: VENDOR, decode: flag('X-Gm-Phishy', 'phishing') },
];
