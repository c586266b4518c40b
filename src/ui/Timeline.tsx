import { useEffect, useState } from 'preact/hooks';
import type { Handoff, Hop, Origin } from '../core/types';
import { formatDuration, formatHopDate, ZONE_HINT, ZONE_LABEL } from './format';
import { headAndTail, withGaps } from './long-lists';
import { hopAnchor } from './reveal';

interface TimelineProps {
  hops: readonly Hop[];
  handoff: Handoff | null;
  origin: Origin | null;
  /**
   * Only this many hops in the first render, the rest in the render after its paint (the popup: see
   * FIRST_PAINT_HOPS); absent, all at once.
   */
  firstPaintHops?: number | undefined;
  /** Hops a finding's evidence points at: a long timeline shows them too (see HOPS_SHOWN). */
  cited?: readonly number[];
}

/** Set once a progressive timeline (firstPaintHops) has painted all its hops. */
export const TIMELINE_COMPLETE_MARK = 'hopscope:timeline-complete';

/**
 * Past this many hops the timeline shows only the oldest OLDEST_SHOWN and the newest (where the recipient's
 * servers and the handoff are), plus the handoff, the origin and the hops findings cite; the rest on a click.
 */
export const HOPS_SHOWN = 200;
const OLDEST_SHOWN = 50;

/** The path of the message, oldest hop first, one list item per Received header. */
export function Timeline({ hops, handoff, origin, firstPaintHops, cited = [] }: TimelineProps) {
  const [complete, setComplete] = useState(firstPaintHops === undefined);
  const [all, setAll] = useState(false);
  useEffect(() => {
    // Effects run after the frame that showed the render: the first one lets the rest of the hops in, the
    // second marks them painted.
    if (!complete) setComplete(true);
    else if (firstPaintHops !== undefined && performance.getEntriesByName(TIMELINE_COMPLETE_MARK).length === 0)
      performance.mark(TIMELINE_COMPLETE_MARK);
  }, [complete]);
  if (hops.length === 0) return <p class="empty">No Received headers were found, so the path cannot be shown.</p>;
  const longestDelay = hops.reduce((max, hop) => Math.max(max, Math.abs(hop.delaySeconds ?? 0)), 0);
  const marked = new Set<number>(cited);
  if (handoff) marked.add(handoff.hop);
  if (origin) marked.add(origin.hop);
  const visible = all ? hops : headAndTail(hops, OLDEST_SHOWN, HOPS_SHOWN - OLDEST_SHOWN, marked);
  const shown = complete || firstPaintHops === undefined ? visible : visible.slice(0, firstPaintHops);
  const items = withGaps(
    shown,
    (hop) => (
      <HopItem
        key={hop.index}
        hop={hop}
        isHandoff={handoff?.hop === hop.index}
        handoff={handoff}
        isOrigin={origin?.hop === hop.index}
        origin={origin}
        longestDelay={longestDelay}
      />
    ),
    { class: 'hop-gap', noun: ['hop', 'hops'], total: hops.length, onShowAll: () => setAll(true) },
  );
  return <ol class="timeline">{items}</ol>;
}

interface HopItemProps {
  hop: Hop;
  isHandoff: boolean;
  handoff: Handoff | null;
  isOrigin: boolean;
  origin: Origin | null;
  longestDelay: number;
}

function HopItem({ hop, isHandoff, handoff, isOrigin, origin, longestDelay }: HopItemProps) {
  const classes = ['hop', `zone-${hop.zone}`, isHandoff ? 'is-handoff' : '', isOrigin ? 'is-origin' : ''];
  return (
    <li id={hopAnchor(hop.index)} class={classes.filter(Boolean).join(' ')} tabIndex={-1}>
      <div class="hop-head">
        <span class="hop-number">Hop {hop.index + 1}</span>
        {/* The handoff marker names the zone itself; a second "Handoff" tag would say it twice. */}
        {!(isHandoff && hop.zone === 'handoff') && (
          <span class={`zone-tag zone-${hop.zone}`} title={ZONE_HINT[hop.zone]}>
            {ZONE_LABEL[hop.zone]}
          </span>
        )}
        {isHandoff && handoff && (
          <span class="marker marker-handoff zone-handoff" title={`${ZONE_HINT.handoff}. ${handoff.reason}`}>
            Handoff · {handoff.confidence} confidence
          </span>
        )}
        {isOrigin && origin && (
          <span class="marker marker-origin" title={origin.reason}>
            Origin · {origin.confidence} confidence
          </span>
        )}
      </div>
      <Route hop={hop} />
      <HopDetails hop={hop} longestDelay={longestDelay} />
      <details class="raw">
        <summary>Raw Received header</summary>
        <pre class="mono">{hop.raw}</pre>
      </details>
    </li>
  );
}

function Route({ hop }: { hop: Hop }) {
  if (!hop.parsed)
    return <p class="hop-route unparsed">This Received header could not be parsed; the raw text is below.</p>;
  const fromName = hop.from.rdns ?? hop.from.helo;
  const showHelo = hop.from.helo !== undefined && hop.from.rdns !== undefined && hop.from.helo !== hop.from.rdns;
  return (
    <p class="hop-route">
      <span class="endpoint">
        <span class="muted">from </span>
        {fromName ? (
          <span class="host mono">{fromName}</span>
        ) : (
          !hop.from.ip && <span class="muted">(not recorded)</span>
        )}
        {hop.from.ip && <span class="ip mono"> [{hop.from.ip}]</span>}
        {hop.ipScope && hop.ipScope !== 'public' && <span class="scope"> {hop.ipScope}</span>}
        {showHelo && <span class="helo mono"> HELO {hop.from.helo}</span>}
      </span>
      <span class="arrow" aria-hidden="true">
        {' '}
        →{' '}
      </span>
      <span class="endpoint">
        <span class="muted">by </span>
        {hop.by.host ? (
          <span class="host mono">{hop.by.host}</span>
        ) : (
          !hop.by.ip && <span class="muted">(not recorded)</span>
        )}
        {hop.by.ip && (
          <span class="ip mono">
            {hop.by.host ? ' ' : ''}[{hop.by.ip}]
          </span>
        )}
      </span>
    </p>
  );
}

function HopDetails({ hop, longestDelay }: { hop: Hop; longestDelay: number }) {
  const tls = hop.tls ? [hop.tls.version, hop.tls.cipher, hop.tls.bits ? `${hop.tls.bits} bits` : undefined] : [];
  const tlsText = tls.filter(Boolean).join(' ');
  const auth = hop.authenticated;
  const delay = hop.delaySeconds;
  return (
    <div class="hop-details">
      {hop.date && <time class="hop-time mono">{formatHopDate(hop.date)}</time>}
      {hop.with && <span class="protocol">{hop.with}</span>}
      {hop.tls && <span class="tls">TLS {tlsText || '(details not recorded)'}</span>}
      {auth && (
        <span class="authenticated">
          Authenticated{auth.user ? ` as ${auth.user}` : ''}
          {auth.mechanism ? ` (${auth.mechanism})` : ''}
        </span>
      )}
      {delay !== null && (
        <span class={`delay${delay < 0 ? ' negative' : ''}`}>
          <span class="delay-bar" aria-hidden="true">
            <span style={{ width: `${longestDelay > 0 ? Math.max(2, (Math.abs(delay) / longestDelay) * 100) : 0}%` }} />
          </span>
          {delay < 0 ? `${formatDuration(delay)} (clock runs backwards)` : `+${formatDuration(delay)}`}
        </span>
      )}
    </div>
  );
}
