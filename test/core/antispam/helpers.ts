// Builds HeaderField rows for the decoders from (name, value) pairs, as the header reader would.
import type { HeaderField } from '../../../src/core/types';

export function fields(...pairs: Array<[string, string]>): HeaderField[] {
  return pairs.map(([name, value], index) => ({ index, name, raw: `${name}: ${value}`, value }));
}

export const allTrusted = () => true;
