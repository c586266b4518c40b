import { parseDate } from './date';
import { parsedIpScope } from './ip-scope';
import { parseReceived } from './received/parse';
import type { ChainHop } from './trust/chain';
import type { Diagnostic, HeaderField, Hop } from './types';

/**
 * Turns every Received field (`received`: the message's Received fields, top first) into a Hop (oldest
 * first), with its date and the delay from the hop before. Returns the chain top-first as well, for trust,
 * which walks down from the recipient.
 */
export function buildHops(
  received: readonly HeaderField[],
  diagnostics: Diagnostic[],
): { hops: Hop[]; chain: ChainHop[] } {
  const chain: ChainHop[] = [];
  // Hops whose date reads both month-first and day-first (top-first index, the other reading), rare.
  let twoWay: Array<{ at: number; dayFirst: { epochMs: number; iso: string } }> | undefined;
  for (const field of received) {
    const p = parseReceived(field.value);
    for (let k = 0; k < p.diagnostics.length; k++) diagnostics.push({ ...p.diagnostics[k]!, header: field.index });
    // Every slot present from the start, undefined when absent (JSON.stringify leaves those out, so the
    // serialized Analysis is the same): slots added as found gave hops a shape per combination of clauses,
    // which made the adds here, and every later stage's reads of hops, polymorphic or megamorphic.
    const hop: Hop = {
      index: 0,
      header: field.index,
      parsed: p.parsed,
      from: p.from,
      by: p.by,
      delaySeconds: null,
      zone: 'unverified',
      raw: field.value,
      with: p.with,
      id: p.id,
      for: p.for,
      via: p.via,
      tls: p.tls,
      authenticated: p.authenticated,
      ipScope: p.from.ip !== undefined ? parsedIpScope(p.from.ip) : undefined,
      date: undefined,
    };
    const c: ChainHop = { hop, kind: p.kind, epochMs: undefined };
    if (p.dateText !== undefined) {
      const d = p.date ?? parseDate(p.dateText);
      if (d.ok) {
        hop.date = d.iso;
        c.epochMs = d.epochMs;
        if (d.dayFirst !== undefined) {
          twoWay ??= [];
          twoWay.push({ at: chain.length, dayFirst: d.dayFirst });
        }
        // "-0000" is RFC 5322's "zone unknown" and still names the instant; only a missing zone is reported.
        if (!d.zoneKnown && !p.dateText.includes('-0000')) {
          diagnostics.push({
            code: 'date-no-zone',
            message: `Received date "${p.dateText}" has no time zone; read as UTC`,
            header: field.index,
          });
        }
      } else {
        diagnostics.push({
          code: 'date-unparsed',
          message: `Received date "${p.dateText.slice(0, 80)}" not understood: ${d.reason}`,
          header: field.index,
        });
      }
    } else if (p.parsed) {
      diagnostics.push({ code: 'date-missing', message: 'Received field has no date after ";"', header: field.index });
    }
    chain.push(c);
  }
  if (twoWay !== undefined) for (const w of twoWay) chooseReading(chain, w.at, w.dayFirst);
  const n = chain.length;
  const hops: Hop[] = new Array(n);
  let previousEpoch: number | undefined;
  for (let i = 0; i < n; i++) {
    const c = chain[n - 1 - i]!;
    c.hop.index = i;
    hops[i] = c.hop;
    if (c.epochMs !== undefined) {
      if (previousEpoch !== undefined) c.hop.delaySeconds = wholeSeconds(c.epochMs - previousEpoch);
      previousEpoch = c.epochMs;
    }
  }
  return { hops, chain };
}

/**
 * Of a hop's two readings of a numeric date (`02/10/2002`: 10 February or 2 October), the one nearer the
 * nearest dated hop above or below it; the month-first reading when no other hop has a date.
 */
function chooseReading(chain: ChainHop[], at: number, dayFirst: { epochMs: number; iso: string }): void {
  const c = chain[at]!;
  let distance = Number.POSITIVE_INFINITY;
  let otherDistance = Number.POSITIVE_INFINITY;
  for (const step of [-1, 1]) {
    for (let k = at + step; k >= 0 && k < chain.length; k += step) {
      const e = chain[k]!.epochMs;
      if (e === undefined) continue;
      distance = Math.min(distance, Math.abs(c.epochMs! - e));
      otherDistance = Math.min(otherDistance, Math.abs(dayFirst.epochMs - e));
      break;
    }
  }
  if (otherDistance < distance) {
    c.epochMs = dayFirst.epochMs;
    c.hop.date = dayFirst.iso;
  }
}

/** From the oldest dated hop to the newest; null when fewer than two hops carry a date. */
export function totalDelay(chain: ChainHop[]): number | null {
  let newest: number | undefined;
  let oldest: number | undefined;
  for (const c of chain) {
    if (c.epochMs === undefined) continue;
    if (newest === undefined) newest = c.epochMs;
    oldest = c.epochMs;
  }
  if (newest === undefined || oldest === undefined) return null;
  let dated = 0;
  for (const c of chain) if (c.epochMs !== undefined) dated++;
  return dated < 2 ? null : wholeSeconds(newest - oldest);
}

/**
 * Milliseconds as whole seconds, and zero never minus zero: a date with fractions of a second a little before
 * the one above it rounds to -0, which JSON writes as 0, and the Analysis must survive JSON unchanged.
 */
function wholeSeconds(ms: number): number {
  return Math.round(ms / 1000) + 0;
}
