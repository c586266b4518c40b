// The report's long lists (timeline, header fields, findings, evidence, diagnostics) show part of what a very
// long message gives them and offer the rest on a click: a hop is ~25 elements, and a 10,000-hop message
// (1.5 MB, inside the input cap) held Chromium's popup for 14 s. These pick what is shown and put a note where
// items were left out.

import type { ComponentChildren, VNode } from 'preact';
import { useState } from 'preact/hooks';

/** The items at positions `i < head`, `i >= items.length - tail`, and those whose index `keep` holds, in order. */
export function headAndTail<T extends { index: number }>(
  items: readonly T[],
  head: number,
  tail: number,
  keep: ReadonlySet<number>,
): T[] {
  if (items.length <= head + tail) return [...items];
  const from = items.length - tail;
  return items.filter((item, i) => i < head || i >= from || keep.has(item.index));
}

interface Gaps {
  /** The class of the note's list item. */
  class: string;
  /** What an item is called: `['hop', 'hops']`. */
  noun: readonly [string, string];
  /** How many items there are in all. */
  total: number;
  onShowAll: () => void;
}

/**
 * `shown` (items in order, some left out between them) rendered by `render`, with a list item before each run
 * of left-out items saying how many there are and offering to show all.
 */
export function withGaps<T extends { index: number }>(
  shown: readonly T[],
  render: (item: T) => VNode,
  gaps: Gaps,
): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  for (let k = 0; k < shown.length; k++) {
    const item = shown[k]!;
    const skipped = k === 0 ? item.index : item.index - shown[k - 1]!.index - 1;
    if (skipped > 0)
      out.push(
        <li key={`gap-${item.index}`} class={gaps.class}>
          {skipped.toLocaleString()} {gaps.noun[skipped === 1 ? 0 : 1]} not shown.{' '}
          <button type="button" class="link-button" onClick={gaps.onShowAll}>
            Show all {gaps.total.toLocaleString()} {gaps.noun[1]}
          </button>
        </li>,
      );
    out.push(render(item));
  }
  return out;
}

/**
 * What a list shows of `items` (all, or the first `limit` until asked for all), and the note to put after it
 * (null when all are shown), as a `tag` element: `li` in a list, `div` in a description list.
 */
export function useFirst<T>(
  items: readonly T[],
  limit: number,
  noun: readonly [string, string],
  tag: 'li' | 'div' = 'li',
): { shown: readonly T[]; more: ComponentChildren } {
  const [all, setAll] = useState(false);
  if (all || items.length <= limit) return { shown: items, more: null };
  const rest = items.length - limit;
  const Note = tag;
  return {
    shown: items.slice(0, limit),
    more: (
      <Note key="more" class="more-note">
        {rest.toLocaleString()} more {noun[rest === 1 ? 0 : 1]}.{' '}
        <button type="button" class="link-button" onClick={() => setAll(true)}>
          Show all {items.length.toLocaleString()}
        </button>
      </Note>
    ),
  };
}

/** The items of a list (useFirst's first `limit`, then the note), each drawn by `render`. */
export function FirstOf<T>({
  items,
  limit,
  noun,
  tag = 'li',
  render,
}: {
  items: readonly T[];
  limit: number;
  noun: readonly [string, string];
  tag?: 'li' | 'div';
  render: (item: T, i: number) => VNode;
}) {
  const { shown, more } = useFirst(items, limit, noun, tag);
  return (
    <>
      {shown.map(render)}
      {more}
    </>
  );
}
