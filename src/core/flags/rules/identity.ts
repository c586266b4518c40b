// Who the message claims to be from, and where replies and bounces go.

import type { FieldIndex } from '../../headers/fields';
import { findAddresses } from '../../headers/find-addresses';
import { domainOf } from '../../trust/auth-trust';
import type { Finding, FlagRule } from '../index';
import { looksLikeMessage, sameOrg } from './shared';

/** Letters of more than one script in one label: the homograph trick (`pаypal` with a Cyrillic а). */
function mixedScripts(label: string): boolean {
  let latin = false;
  let other = false;
  for (const ch of label) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin = true;
    else if (c > 0x7f && /\p{L}/u.test(ch)) {
      if (/\p{Script=Latin}/u.test(ch)) latin = true;
      else other = true;
    }
  }
  return latin && other;
}

function punycodeLabels(domain: string): string[] {
  if (!domain.includes('xn--')) return [];
  return domain.split('.').filter((l) => l.startsWith('xn--'));
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Addresses inside a display name: `"support@paypal.com" <x@evil.example>`. */
function addressesIn(text: string): string[] {
  return findAddresses(text).map((f) => f.address.toLowerCase());
}

/** The address of the first List-Post field's `<mailto:…>` (RFC 2369 §3.4), lower-cased; undefined without one. */
function listPostAddress(fields: FieldIndex): string | undefined {
  for (let k = 0; k < fields.headers.length; k++) {
    if (!fields.is(k, 'list-post')) continue;
    const value = fields.headers[k]!.value;
    const start = value.toLowerCase().indexOf('<mailto:');
    if (start === -1) return undefined;
    let end = start + 8;
    while (end < value.length && value[end] !== '>' && value[end] !== '?') end++;
    const address = value
      .slice(start + 8, end)
      .trim()
      .toLowerCase();
    return address === '' ? undefined : address;
  }
  return undefined;
}

// Characters that show nothing, or that reorder what is shown. Phishing puts them between the letters of a
// sender name or subject (`E\u034Fq\u034Fu\u034Fi…`, `Pay\u200BPal`) so that filters do not read the words
// a person sees, and a right-to-left override makes `moc.lapyap` read as `paypal.com`. Left out on purpose:
// the zero-width joiner and non-joiner (emoji sequences, Persian and Indic text), variation selectors, and the
// soft hyphen (a Latin-1 byte 0xAD, which 8-bit text read byte for byte is full of).
const INVISIBLE = new Map<number, string>([
  [0x034f, 'combining grapheme joiner'],
  [0x115f, 'Hangul choseong filler'],
  [0x1160, 'Hangul jungseong filler'],
  [0x17b4, 'Khmer vowel inherent aq'],
  [0x17b5, 'Khmer vowel inherent aa'],
  [0x180e, 'Mongolian vowel separator'],
  [0x200b, 'zero width space'],
  [0x2060, 'word joiner'],
  [0x2061, 'function application'],
  [0x2062, 'invisible times'],
  [0x2063, 'invisible separator'],
  [0x2064, 'invisible plus'],
  [0x3164, 'Hangul filler'],
  [0xfeff, 'zero width no-break space'],
  [0xffa0, 'halfwidth Hangul filler'],
]);
/** Overrides reorder the text whatever its script. */
const OVERRIDES = new Map<number, string>([
  [0x202d, 'left-to-right override'],
  [0x202e, 'right-to-left override'],
]);
/** Direction marks, embeddings and isolates belong in text that mixes right-to-left and left-to-right. */
const DIRECTION_MARKS = new Map<number, string>([
  [0x061c, 'Arabic letter mark'],
  [0x200e, 'left-to-right mark'],
  [0x200f, 'right-to-left mark'],
  [0x202a, 'left-to-right embedding'],
  [0x202b, 'right-to-left embedding'],
  [0x202c, 'pop directional formatting'],
  [0x2066, 'left-to-right isolate'],
  [0x2067, 'right-to-left isolate'],
  [0x2068, 'first strong isolate'],
  [0x2069, 'pop directional isolate'],
]);

/** Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms. */
function hasRightToLeftLetters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x0590 && c <= 0x08ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) return true;
  }
  return false;
}

interface HiddenCharacters {
  /** Each kind found, with its count: `zero width space ×3`. */
  kinds: string[];
  reorders: boolean;
  /** The text with each hidden character written as ⟨U+XXXX⟩. */
  shown: string;
}

const HIDDEN_CODES = [INVISIBLE, OVERRIDES, DIRECTION_MARKS].flatMap((table) => [...table.keys()]);

/**
 * 1 at each character of INVISIBLE, OVERRIDES and DIRECTION_MARKS: the scan tells every character apart with one
 * load, and looks up only these (a Subject in another script would otherwise cost a lookup per letter).
 */
const HIDDEN = new Uint8Array(0x10000);
for (const c of HIDDEN_CODES) HIDDEN[c] = 1;

/**
 * The same characters as one class, asked before the scan: none is below U+0100, so V8 rejects text stored one
 * byte a character (most From names, addresses and subjects) without reading it, and reads other text natively,
 * several times faster than the loop. Built from the tables (a class of single characters: linear; see the
 * allow-list of scripts/redos-check.mjs).
 */
const ANY_HIDDEN = new RegExp(`[${HIDDEN_CODES.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('')}]`);

/**
 * The hidden characters of `text` (see INVISIBLE), or undefined when it has none. Linear in its length. The
 * analyzer page shows subjects through it where no markup can isolate them (src/ui/MessageSeries.tsx).
 */
export function hiddenCharacters(text: string): HiddenCharacters | undefined {
  if (!ANY_HIDDEN.test(text)) return undefined;
  let found: Map<string, number> | undefined;
  let reorders = false;
  let rightToLeft: boolean | undefined; // looked for once, at the first direction mark
  let shown = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (HIDDEN[c] !== 1) continue;
    let name: string | undefined;
    if (OVERRIDES.has(c)) name = OVERRIDES.get(c);
    else if (DIRECTION_MARKS.has(c)) {
      rightToLeft ??= hasRightToLeftLetters(text);
      if (!rightToLeft) name = DIRECTION_MARKS.get(c);
    } else if (c !== 0xfeff || i > 0) name = INVISIBLE.get(c); // a BOM opening the text is an encoder's habit
    if (name === undefined) continue;
    if (!INVISIBLE.has(c)) reorders = true;
    found ??= new Map();
    found.set(name, (found.get(name) ?? 0) + 1);
    shown += `${text.slice(last, i)}⟨U+${c.toString(16).toUpperCase().padStart(4, '0')}⟩`;
    last = i + 1;
  }
  if (found === undefined) return undefined;
  const kinds = [...found].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name));
  return { kinds, reorders, shown: shown + text.slice(last) };
}

/** Adds a finding to `findings` when `text` (the field `what`, at header `header`) has hidden characters. */
function reportHidden(what: string, text: string | undefined, header: number | undefined, findings: Finding[]): void {
  const hidden = text === undefined ? undefined : hiddenCharacters(text);
  if (hidden === undefined) return;
  findings.push({
    detail: `${what} holds characters that ${hidden.reorders ? 'reorder the text shown' : 'show nothing'} (${hidden.kinds.join(', ')}): what a reader sees is not the text that filters and searches read.`,
    evidence: [{ header, text: hidden.shown.slice(0, 300) }],
  });
}

export const IDENTITY_RULES: readonly FlagRule[] = [
  {
    id: 'display-name-address',
    severity: 'danger',
    title: 'Display name shows a different address',
    check: ({ analysis: a, named }) => {
      const from = a.summary.from;
      if (!from?.name) return [];
      // Most names hold no address at all: the From address is then not lower-cased for nothing.
      const found = addressesIn(from.name);
      if (found.length === 0) return [];
      const real = from.address.toLowerCase();
      const shown = found.filter((x) => x !== real);
      if (!shown.length) return [];
      const h = named.from;
      return [
        {
          detail: `The name reads "${shown[0]}" but the message is from ${from.address}.`,
          evidence: [{ header: h?.index, text: from.raw }],
        },
      ];
    },
  },
  {
    id: 'from-no-address',
    severity: 'warning',
    title: 'From names no sender address',
    check: ({ analysis: a, named }) => {
      const h = named.from;
      if (!h || a.summary.from) return [];
      // RFC 5322 §3.6.2 wants a mailbox in From. Without one nothing ties the name shown to a sending domain,
      // and DMARC has no From domain to check. Spam writes the address where no parser takes it: in a comment
      // (`Shop (<a@shop.example>)`) or after an empty `<>` (`"Shop"<>123<a@shop.example>`), and mail programs
      // differ in what they then show.
      const hidden = findAddresses(h.value)[0]?.address;
      return [
        {
          detail: hidden
            ? `The From field holds no address where one belongs; ${hidden} appears only outside it (in a comment or after an empty <>), and mail programs differ in what they show. DMARC has no From domain to check.`
            : `The From field ${h.value.trim() === '' ? 'is empty' : 'shows a name and no address'}, so nothing ties it to a sending domain and DMARC has no From domain to check.`,
          evidence: [{ header: h.index, text: h.value.slice(0, 200) }],
        },
      ];
    },
  },
  {
    id: 'hidden-characters',
    severity: 'warning',
    title: 'Hidden characters in the sender or subject',
    check: ({ analysis: a, named }) => {
      const s = a.summary;
      const findings: Finding[] = [];
      reportHidden('The From name', s.from?.name, named.from?.index, findings);
      reportHidden('The From address', s.from?.address, named.from?.index, findings);
      reportHidden('The Subject', s.subject, named.subject?.index, findings);
      for (const r of s.replyTo ?? []) {
        // The name and address as the reader sees them, built only when one of them has something to show.
        if (r.name === undefined) reportHidden('The Reply-To', r.address, named.replyTo?.index, findings);
        else if (hiddenCharacters(r.name) !== undefined || hiddenCharacters(r.address) !== undefined)
          reportHidden('The Reply-To', `${r.name} <${r.address}>`, named.replyTo?.index, findings);
      }
      return findings;
    },
  },
  {
    id: 'reply-to-differs',
    severity: 'warning',
    title: 'Replies go to a different domain',
    check: ({ analysis: a, named, fields, alignment, fromDomain }) => {
      const from = fromDomain();
      if (!from || !a.summary.replyTo) return [];
      const h = named.replyTo;
      const elsewhere = a.summary.replyTo.find((r) => {
        const d = domainOf(r.address);
        return d !== undefined && !sameOrg(alignment, d, from);
      });
      if (!elsewhere) return [];
      // A mailing list that writes its own posting address (RFC 2369 List-Post) in From, as Mailman, Sympa and
      // Google Groups do for a member whose domain publishes DMARC, moves the author to Reply-To: that is the
      // list's doing, and replies reach the author it names.
      const list = listPostAddress(fields);
      if (list !== undefined && list === a.summary.from?.address.toLowerCase())
        return [
          {
            severity: 'info',
            detail: `Reply-To ${elsewhere.address} is outside ${from}, the From domain: the mailing list put its own posting address (List-Post) in From and the author in Reply-To, as lists do for senders whose domain publishes DMARC.`,
            evidence: [{ header: h?.index, text: elsewhere.raw }],
          },
        ];
      return [
        {
          detail: `Reply-To ${elsewhere.address} is outside ${from}, the From domain.`,
          evidence: [{ header: h?.index, text: elsewhere.raw }],
        },
      ];
    },
  },
  {
    id: 'return-path-differs',
    severity: 'info',
    title: 'Bounce address in another domain',
    check: ({ analysis: a, named, alignment, fromDomain }) => {
      const from = fromDomain();
      const rp = domainOf(a.summary.returnPath);
      if (!from || !rp || sameOrg(alignment, rp, from)) return [];
      const h = named.returnPath;
      return [
        {
          detail: `Return-Path ${a.summary.returnPath} is outside ${from}; normal for mailing services, suspicious for a personal message.`,
          evidence: [{ header: h?.index, text: a.summary.returnPath }],
        },
      ];
    },
  },
  {
    id: 'from-domain-lookalike',
    severity: 'warning',
    title: 'From domain uses punycode or mixed scripts',
    check: ({ named, fromDomain }) => {
      const d = fromDomain();
      if (!d) return [];
      const puny = punycodeLabels(d);
      // Mixing needs a letter outside ASCII; most domains have none, and need no walk label by label.
      const mixed = isAscii(d) ? [] : d.split('.').filter(mixedScripts);
      if (!mixed.length && !puny.length) return [];
      const h = named.from;
      if (mixed.length) {
        return [
          {
            severity: 'danger',
            detail: `The From domain ${d} mixes letters of different scripts (${mixed.join(', ')}), the look-alike trick.`,
            evidence: [{ header: h?.index, text: d }],
          },
        ];
      }
      if (puny.length)
        return [
          {
            detail: `The From domain ${d} is internationalised (${puny.join(', ')}); check it is the domain you think.`,
            evidence: [{ header: h?.index, text: d }],
          },
        ];
      return [];
    },
  },
  {
    id: 'missing-message-id',
    severity: 'warning',
    title: 'No Message-ID',
    check: ({ analysis: a, named }) =>
      looksLikeMessage(a, named) && !named.messageId
        ? [
            {
              detail:
                'Every real mail client writes a Message-ID (RFC 5322 §3.6.4); bulk tools and forgeries often do not.',
              evidence: [],
            },
          ]
        : [],
  },
  {
    id: 'missing-date',
    severity: 'warning',
    title: 'No Date header',
    check: ({ analysis: a, named }) =>
      looksLikeMessage(a, named) && !named.date
        ? [{ detail: 'The Date header is required by RFC 5322 §3.6.', evidence: [] }]
        : [],
  },
];
