// Fields many filters write with no single owner (X-Spam: Yes, X-Spam-Score: 3.1 (+++)), and a few
// cheap vendor ones whose values are kept as written: Proton's X-Pm-Spamscore / X-Pm-Spam-Action,
// Vade's X-VADE-SPAMSTATE, Yahoo's opaque X-YMailISG.

import type { DecodedField, FieldDecoder } from './decoder';
import { collapseSpace, item, leadingNumber, wholeNumber } from './scan';

const GENERIC = 'Spam filter';

function decodeYesNo(value: string): DecodedField {
  const v = value.trim();
  const lower = v.toLowerCase();
  const verdict = lower === 'yes' || lower === 'true' ? 'spam' : lower === 'no' || lower === 'false' ? 'not spam' : v;
  return {
    summary: `${GENERIC}: ${verdict}`,
    items: [item('X-Spam', v, 'A filter on the path set Yes when it judged the message spam')],
  };
}

/** `3.342`, `3.1 (+++)`, `-0.1`: the leading number is the score. */
function decodeScore(value: string): DecodedField {
  const v = collapseSpace(value);
  const n = leadingNumber(v);
  const out: DecodedField = {
    summary: `${GENERIC}: score ${v}`,
    items: [item('score', v, 'Spam score (higher is more likely spam)')],
  };
  if (Number.isFinite(n)) out.score = n;
  return out;
}

function keptAs(vendor: string, key: string, meaning: string | undefined, label: string, numeric = false) {
  return (value: string): DecodedField => {
    const v = collapseSpace(value);
    const out: DecodedField = { vendor, summary: `${vendor}: ${label} ${v}`, items: [item(key, v, meaning)] };
    const n = numeric ? wholeNumber(v) : undefined;
    if (n !== undefined) out.score = n;
    return out;
  };
}

export const genericDecoders: FieldDecoder[] = [
  { field: 'X-Spam', vendor: GENERIC, decode: decodeYesNo },
  { field: 'X-Spam-Score', vendor: GENERIC, decode: decodeScore },
  {
    field: 'X-Pm-Spamscore',
    vendor: 'Proton Mail',
    decode: keptAs('Proton Mail', 'spamscore', 'Spam score as Proton wrote it', 'spam score', true),
  },
  {
    field: 'X-Pm-Spam-Action',
    vendor: 'Proton Mail',
    decode: keptAs('Proton Mail', 'action', 'Action Proton chose (for example spam, phishing, dunno)', 'action'),
  },
  {
    field: 'X-VADE-SPAMSTATE',
    vendor: 'Vade',
    decode: keptAs('Vade', 'state', 'Spam state as Vade wrote it (for example clean, spam)', 'spam state'),
  },
  {
    field: 'X-YMailISG',
    vendor: 'Yahoo',
    decode: keptAs('Yahoo', 'isg', 'Yahoo internal message state (opaque; not a verdict)', 'message state'),
  },
];
