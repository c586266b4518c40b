// The path the message took: dates, delays, the consistency of the hops, encryption, the handoff.

import { isNeverASource } from '../../ip-scope';
import { wordStartsWith } from '../../received/tokenize';
import type { ChainHop } from '../../trust/chain';
import type { Analysis, Hop } from '../../types';
import type { FlagRule } from '../index';
import { DAY } from './shared';

/**
 * Date.parse(hop.date), taken from the instant buildHops parsed along with it when the chain is at hand:
 * Date.parse is a slow runtime call. hop.date is that instant's ISO text, which Date.parse reads back to
 * the same number, except a leap second (`:60`, which it rejects): those, and hops without a chain, are
 * parsed as before.
 */
function hopEpochMs(hop: Hop, date: string, chain: readonly ChainHop[] | undefined): number {
  const c = chain?.[chain.length - 1 - hop.index];
  if (c?.hop === hop && c.epochMs !== undefined && date.charCodeAt(17) !== 54 /* 6 */) return c.epochMs;
  return Date.parse(date);
}

/**
 * A POP3 or IMAP fetch (fetchmail's `by localhost with IMAP`), as the Received parser tells one: its date is
 * when the mailbox was read, so the time before it is the message waiting for its reader, not a delay on
 * the way.
 */
function isMailboxFetch(h: Hop): boolean {
  const w = h.with;
  return w !== undefined && (wordStartsWith(w, 'pop') || wordStartsWith(w, 'imap'));
}

/** The most a local time can be from UTC (UTC-12 to UTC+14), in seconds. */
const ZONE_SPAN = 14 * 3600;

/**
 * How far a hop's delay may be off because its date or the date before it was written without a zone
 * (`02/10/2002 08:56:31`, a qmail-scanner stage's local time, read as UTC): ZONE_SPAN, else 0. Asked only
 * of a delay already past a threshold, so the diagnostics are searched for a few hops at most.
 */
function zoneDoubt(a: Analysis, h: Hop): number {
  let previous: Hop | undefined;
  for (let i = h.index - 1; i >= 0 && previous === undefined; i--)
    if (a.hops[i]!.date !== undefined) previous = a.hops[i];
  for (const d of a.diagnostics)
    if (d.code === 'date-no-zone' && (d.header === h.header || d.header === previous?.header)) return ZONE_SPAN;
  return 0;
}

/**
 * A `with` protocol that says TLS (RFC 3848 ESMTPS/ESMTPSA/LMTPS, HTTPS, RFC 6531 UTF8SMTPS): what
 * /^(?:e?smtps|esmtpsa|lmtps|https|utf8smtps)/i tested, as prefix compares (esmtpsa starts with esmtps).
 */
function encryptedProtocol(w: string | undefined): boolean {
  if (w === undefined) return false;
  return (
    wordStartsWith(w, 'esmtps') ||
    wordStartsWith(w, 'smtps') ||
    wordStartsWith(w, 'lmtps') ||
    wordStartsWith(w, 'https') ||
    wordStartsWith(w, 'utf8smtps')
  );
}

export const PATH_RULES: readonly FlagRule[] = [
  {
    id: 'date-skew',
    severity: 'warning',
    title: 'Date header far from the first hop',
    check: ({ analysis: a, named, headerDate, chain }) => {
      const h = named.date;
      const first = a.hops.find((x) => x.date !== undefined && x.zone !== 'unverified');
      if (!h || !first?.date) return [];
      const d = headerDate()!;
      const hopMs = hopEpochMs(first, first.date, chain);
      if (!d.ok || Number.isNaN(hopMs)) return [];
      const diff = Math.round((d.epochMs - hopMs) / 1000);
      if (Math.abs(diff) < DAY) return [];
      const days = Math.round(Math.abs(diff) / DAY);
      return [
        {
          detail: `The Date header is ${days} day(s) ${diff > 0 ? 'after' : 'before'} the first server saw the message.`,
          evidence: [{ header: h.index, text: h.value }, { hop: first.index }],
        },
      ];
    },
  },
  {
    id: 'date-future',
    severity: 'warning',
    title: 'Message dated in the future',
    check: ({ named, headerDate, now }) => {
      // Without a clock (analyze() without `now`) there is nothing to compare with.
      if (now === undefined) return [];
      const h = named.date;
      if (!h) return [];
      const d = headerDate()!;
      if (!d.ok || d.epochMs - now < DAY * 1000) return [];
      return [
        {
          detail: `The Date header (${h.value}) is more than a day ahead of now.`,
          evidence: [{ header: h.index, text: h.value }],
        },
      ];
    },
  },
  {
    id: 'hop-delay-negative',
    severity: 'warning',
    title: 'A hop is dated before the one it came from',
    check: ({ analysis: a }) =>
      a.hops
        .filter(
          (h) =>
            h.delaySeconds !== null &&
            h.delaySeconds < -2 * 3600 &&
            h.zone !== 'unverified' &&
            h.delaySeconds < -2 * 3600 - zoneDoubt(a, h),
        )
        .map((h) => ({
          detail: `Hop ${h.index + 1} is ${Math.round(-h.delaySeconds! / 60)} minutes earlier than the previous hop: a wrong clock or a forged header.`,
          evidence: [{ hop: h.index, header: h.header }],
        })),
  },
  {
    id: 'hop-delay-huge',
    severity: 'info',
    title: 'Long delay between hops',
    check: ({ analysis: a }) =>
      a.hops
        .filter(
          (h) =>
            h.delaySeconds !== null &&
            h.delaySeconds > DAY &&
            h.zone !== 'unverified' &&
            !isMailboxFetch(h) &&
            h.delaySeconds > DAY + zoneDoubt(a, h),
        )
        .map((h) => ({
          detail: `Hop ${h.index + 1} came ${Math.round(h.delaySeconds! / 3600)} hours after the previous one (queued, moderated or retried).`,
          evidence: [{ hop: h.index, header: h.header }],
        })),
  },
  {
    id: 'chain-broken',
    severity: 'warning',
    title: 'Hops below the handoff do not add up',
    check: ({ trust, analysis: a }) => {
      if (!trust.chainBreak) return [];
      const hop = a.hops[trust.chainBreak.hop];
      const unverified = a.hops.filter((h) => h.zone === 'unverified');
      const n = unverified.length;
      const evidence = [{ hop: trust.chainBreak.hop, header: hop?.header }];
      // Forged hops are written to point somewhere: an address on the internet. Hops that name none (an
      // email service's internal stages, `by filterdrecv-…`, `by 47a34c698db9`, private and loopback clients)
      // mislead no one about where the message came from, whoever wrote them.
      if (!unverified.some((h) => h.from.ip !== undefined && h.ipScope === 'public'))
        return [
          {
            severity: 'info',
            detail: `${n} older hop(s) cannot be verified: ${trust.chainBreak.reason}. None of them names a public address.`,
            evidence,
          },
        ];
      return [
        { detail: `${n} older hop(s) cannot be verified: ${trust.chainBreak.reason}. They may be forged.`, evidence },
      ];
    },
  },
  {
    id: 'impossible-client-address',
    severity: 'warning',
    title: 'A hop names a client address no connection comes from',
    check: ({ analysis: a }) => {
      // Only hops below the handoff: the recipient's servers record the peer they really talked to.
      const hops = a.hops.filter(
        (h) =>
          (h.zone === 'sender' || h.zone === 'unverified') &&
          h.from.ip !== undefined &&
          h.ipScope === 'reserved' &&
          isNeverASource(h.from.ip),
      );
      if (hops.length === 0) return [];
      const ips = [...new Set(hops.map((h) => h.from.ip))].join(', ');
      return [
        {
          detail: `${hops.length === 1 ? 'A hop says' : `${hops.length} hops say`} the message came from ${ips}, a multicast, broadcast or unassigned address that no mail client or server connects from: ${hops.length === 1 ? 'that Received field was' : 'those Received fields were'} made up, not written by a server that took the message.`,
          evidence: hops.map((h) => ({ hop: h.index, header: h.header })),
        },
      ];
    },
  },
  {
    id: 'handoff-claim-disagrees',
    severity: 'warning',
    title: "The recipient's stated sender IP is not the handoff",
    check: ({ trust, analysis: a }) => {
      if (!a.handoff) return [];
      const seen = new Set<string>();
      return trust.disagreements
        .filter((c) => c.ip !== a.handoff!.ip && !seen.has(c.ip) && seen.add(c.ip))
        .map((c) => ({
          detail: `${c.source} names ${c.ip}, but the chain hands off from ${a.handoff!.ip}.`,
          evidence: [{ header: c.header, text: c.ip }, { hop: a.handoff!.hop }],
        }));
    },
  },
  {
    id: 'tls-every-hop',
    severity: 'good',
    title: 'Encrypted on every verifiable hop',
    check: ({ analysis: a }) => {
      const relays: Hop[] = [];
      for (const h of a.hops) {
        if ((h.zone === 'handoff' || h.zone === 'sender') && h.from.ip && h.parsed) {
          if (!h.tls && !encryptedProtocol(h.with)) return [];
          relays.push(h);
        }
      }
      if (relays.length === 0) return [];
      return [
        {
          detail: `All ${relays.length} hop(s) from the sender to the recipient used TLS.`,
          evidence: relays.map((h) => ({ hop: h.index })),
        },
      ];
    },
  },
  {
    id: 'handoff-private',
    severity: 'info',
    title: 'Handoff from a non-public address',
    check: ({ analysis: a }) => {
      const h = a.handoff ? a.hops[a.handoff.hop] : undefined;
      if (!h?.ipScope || h.ipScope === 'public' || h.ipScope === 'reserved') return [];
      return [
        {
          detail: `The machine that handed the message to the recipient has a ${h.ipScope} address (${a.handoff!.ip}): the hop is internal, or the chain above is incomplete.`,
          evidence: [{ hop: h.index }],
        },
      ];
    },
  },
];
