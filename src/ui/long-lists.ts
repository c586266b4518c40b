// The report's long lists (timeline, header fields) show part of a very long message and offer the rest on a
// click: a hop is ~25 elements, and a 10,000-hop message (1.5 MB, inside the input cap) held Chromium's popup
// for 14 s. These pick what is shown and where the gaps are.

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

/** How many items were left out right before each shown one (0 where none were): where the gaps go. */
export function skippedBefore<T extends { index: number }>(shown: readonly T[]): number[] {
  return shown.map((item, k) => (k === 0 ? item.index : item.index - shown[k - 1]!.index - 1));
}
