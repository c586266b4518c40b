// Source map v3 `mappings`, decoded (shared by scripts/bundle-attribution.mjs and scripts/redos-check.mjs).

const VLQ = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/**
 * Per generated line, its segments in order with absolute values: [generatedColumn] for a segment that maps
 * to no source, [generatedColumn, sourceIndex, sourceLine, sourceColumn] (0-based) for one that does.
 */
export function decodeMappings(mappings) {
  const lines = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const lineText of mappings.split(';')) {
    const segs = [];
    let genCol = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = VLQ.get(ch);
        if (digit === undefined) throw new Error(`bad VLQ character ${ch}`);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += fields[0];
      if (fields.length >= 4) {
        src += fields[1];
        srcLine += fields[2];
        srcCol += fields[3];
        segs.push([genCol, src, srcLine, srcCol]);
      } else segs.push([genCol]);
    }
    lines.push(segs);
  }
  return lines;
}
