#!/usr/bin/env node
// Renders the toolbar icon (public/icon/{16,32,48,128}.png): the report's mark — three hops on a path, the
// last one accented — white on a blue rounded square. Plain Node (zlib), no image library; run it again
// after changing the drawing:   node assets/icon/render-icons.mjs

import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const BLUE = [11, 92, 173];
const WHITE = [255, 255, 255];
const AMBER = [255, 196, 77];
const SUPERSAMPLE = 4;
const MARK_SCALE = 0.7;

// Geometry in a 24-unit box, as in src/ui/AppBar.tsx.
const curve = [];
for (let i = 0; i <= 200; i++) {
  const t = i / 200;
  // Two cubic segments: (4,18)→(12,6) and (12,6)→(20,18).
  const seg =
    t < 0.5
      ? [
          [4, 18],
          [8, 18],
          [8, 6],
          [12, 6],
        ]
      : [
          [12, 6],
          [16, 6],
          [16, 18],
          [20, 18],
        ];
  const u = t < 0.5 ? t * 2 : t * 2 - 1;
  const b = [(1 - u) ** 3, 3 * u * (1 - u) ** 2, 3 * u ** 2 * (1 - u), u ** 3];
  curve.push([b.reduce((s, w, k) => s + w * seg[k][0], 0), b.reduce((s, w, k) => s + w * seg[k][1], 0)]);
}

function colourAt(x, y) {
  // Rounded square 1..23 with radius 5.
  const qx = Math.max(Math.abs(x - 12) - 6, 0);
  const qy = Math.max(Math.abs(y - 12) - 6, 0);
  if (Math.hypot(qx, qy) > 5) return null;
  // The mark, scaled to leave a margin inside the square.
  const mx = 12 + (x - 12) / MARK_SCALE;
  const my = 12 + (y - 12) / MARK_SCALE;
  if (Math.hypot(mx - 20, my - 18) <= 2.9) return AMBER;
  if (Math.hypot(mx - 4, my - 18) <= 2.9 || Math.hypot(mx - 12, my - 6) <= 2.9) return WHITE;
  for (const [cx, cy] of curve) if (Math.hypot(mx - cx, my - cy) <= 1.4) return WHITE;
  return BLUE;
}

function render(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = colourAt(
            ((px + (sx + 0.5) / SUPERSAMPLE) / size) * 24,
            ((py + (sy + 0.5) / SUPERSAMPLE) / size) * 24,
          );
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = 1 + px * 4;
      if (a > 0)
        row.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a * 255) / SUPERSAMPLE ** 2)], o);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function png(size, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

const outDir = new URL('../../public/icon/', import.meta.url);
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) writeFileSync(new URL(`${size}.png`, outDir), render(size));
console.log(`wrote ${SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);
