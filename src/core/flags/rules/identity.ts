// Who the message claims to be from, and where replies and bounces go.

import type { FieldIndex } from '../../headers/fields';
import { findAddresses } from '../../headers/find-addresses';
import { domainOf } from '../../trust/auth-trust';
import type { FlagRule } from '../index';
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

export const IDENTITY_RULES: readonly FlagRule[] = [
  {
    id: 'display-name-address',
    severity: 'danger',
    title: 'Display name shows a different address',
    check: ({ analysis: a, named }) => {
      const from = a.summary.from;
      if (!from?.name) return [];
      const real = from.address.toLowerCase();
      const shown = addressesIn(from.name).filter((x) => x !== real);
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
