// A small Compound File writer ([MS-CFB]: version 3 with 512-byte sectors, or version 4 with 4096), for tests only: builds .msg files of
// the shapes the real samples in test/fixtures/msg do not cover, and gives the offsets a test needs to damage
// one on purpose (a FAT entry, a directory entry).

export type CfbNode = { name: string; data: Uint8Array } | { name: string; children: CfbNode[] };

const FREE = 0xffffffff;
const END = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;
const DIFAT_SECTOR = 0xfffffffc;
const NONE = 0xffffffff;

export interface CfbFile {
  bytes: Uint8Array;
  /** The directory entry id of each node, by its path (`a/b`; the root is ''). */
  ids: Map<string, number>;
  /** File offset of FAT entry `n`, and of directory entry `id`. */
  fatEntryOffset: (n: number) => number;
  dirEntryOffset: (id: number) => number;
}

interface Flat {
  name: string;
  type: 1 | 2 | 5;
  data?: Uint8Array;
  child: number;
  right: number;
  start: number;
  size: number;
}

/** The UTF-16LE text of `text`. */
export function utf16(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[2 * i] = text.charCodeAt(i) & 0xff;
    out[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}

/** A Compound File whose root storage holds `children`; `version` 4 has 4096-byte sectors. */
export function writeCfb(children: CfbNode[], version: 3 | 4 = 3): CfbFile {
  const SECTOR = version === 4 ? 4096 : 512;
  const flat: Flat[] = [{ name: 'Root Entry', type: 5, child: NONE, right: NONE, start: END, size: 0 }];
  const ids = new Map<string, number>([['', 0]]);
  const add = (parent: number, nodes: CfbNode[], path: string) => {
    let previous = -1;
    for (const node of nodes) {
      const id = flat.length;
      const entry: Flat =
        'data' in node
          ? { name: node.name, type: 2, data: node.data, child: NONE, right: NONE, start: END, size: node.data.length }
          : { name: node.name, type: 1, child: NONE, right: NONE, start: 0, size: 0 };
      flat.push(entry);
      ids.set(path ? `${path}/${node.name}` : node.name, id);
      // Siblings as a right-leaning chain: a valid (if unbalanced) tree for a reader that walks it.
      if (previous < 0) flat[parent]!.child = id;
      else flat[previous]!.right = id;
      previous = id;
      if ('children' in node) add(id, node.children, path ? `${path}/${node.name}` : node.name);
    }
  };
  add(0, children, '');

  // Streams under 4096 bytes go to the mini stream (64-byte sectors), the rest to regular sectors.
  const miniFat: number[] = [];
  const mini: number[] = [];
  for (const e of flat) {
    if (e.type !== 2 || e.size === 0 || e.size >= 4096) continue;
    const count = Math.ceil(e.size / 64);
    e.start = miniFat.length;
    for (let i = 0; i < count; i++) miniFat.push(i === count - 1 ? END : miniFat.length + 1);
    for (let i = 0; i < count * 64; i++) mini.push(e.data![i] ?? 0);
  }
  const dirSectors = Math.ceil(flat.length / (SECTOR / 128));
  const miniFatSectors = Math.ceil((miniFat.length * 4) / SECTOR);
  const miniSectors = Math.ceil(mini.length / SECTOR);
  const large = flat.filter((e) => e.type === 2 && e.size >= 4096);
  const largeSectors = large.reduce((n, e) => n + Math.ceil(e.size / SECTOR), 0);
  const others = dirSectors + miniFatSectors + miniSectors + largeSectors;
  // FAT sectors beyond the header's 109 are listed in DIFAT sectors (SECTOR / 4 - 1 entries and a next link).
  const perDifat = SECTOR / 4 - 1;
  const difatFor = (fat: number) => Math.ceil(Math.max(0, fat - 109) / perDifat);
  let fatSectors = 1;
  while (fatSectors * (SECTOR / 4) < fatSectors + difatFor(fatSectors) + others) fatSectors++;
  const difatSectors = difatFor(fatSectors);

  const total = fatSectors + difatSectors + others;
  const fat = new Array<number>(fatSectors * (SECTOR / 4)).fill(FREE);
  let next = 0;
  const run = (count: number, mark?: number): number => {
    const first = next;
    for (let i = 0; i < count; i++) fat[next + i] = mark ?? (i === count - 1 ? END : next + i + 1);
    next += count;
    return count === 0 ? END : first;
  };
  run(fatSectors, FAT_SECTOR);
  const difatStart = run(difatSectors, DIFAT_SECTOR);
  const dirStart = run(dirSectors);
  const miniFatStart = run(miniFatSectors);
  const miniStart = run(miniSectors);
  flat[0]!.start = mini.length > 0 ? miniStart : END;
  flat[0]!.size = mini.length;
  for (const e of large) e.start = run(Math.ceil(e.size / SECTOR));

  const bytes = new Uint8Array((total + 1) * SECTOR);
  const v = new DataView(bytes.buffer);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  v.setUint16(0x18, 0x3e, true);
  v.setUint16(0x1a, version, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, version === 4 ? 12 : 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, fatSectors, true);
  v.setUint32(0x30, dirStart, true);
  v.setUint32(0x38, 4096, true);
  v.setUint32(0x3c, miniFatStart, true);
  v.setUint32(0x40, miniFatSectors, true);
  v.setUint32(0x44, difatStart, true);
  v.setUint32(0x48, difatSectors, true);
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + i * 4, i < fatSectors ? i : FREE, true);

  const at = (sector: number) => (sector + 1) * SECTOR;
  for (let k = 0; k < difatSectors; k++) {
    const o = at(difatStart + k);
    for (let i = 0; i < perDifat; i++) {
      const fatSector = 109 + k * perDifat + i;
      v.setUint32(o + i * 4, fatSector < fatSectors ? fatSector : FREE, true);
    }
    v.setUint32(o + perDifat * 4, k + 1 < difatSectors ? difatStart + k + 1 : END, true);
  }
  // FAT sectors are the first ones.
  fat.forEach((value, i) => {
    v.setUint32(at(0) + i * 4, value, true);
  });
  flat.forEach((e, id) => {
    const o = at(dirStart) + id * 128;
    const name = e.name.slice(0, 31);
    for (let i = 0; i < name.length; i++) v.setUint16(o + i * 2, name.charCodeAt(i), true);
    v.setUint16(o + 0x40, (name.length + 1) * 2, true);
    v.setUint8(o + 0x42, e.type);
    v.setUint8(o + 0x43, 1); // black
    v.setUint32(o + 0x44, NONE, true);
    v.setUint32(o + 0x48, e.right, true);
    v.setUint32(o + 0x4c, e.child, true);
    v.setUint32(o + 0x74, e.start, true);
    v.setUint32(o + 0x78, e.size, true);
  });
  for (let id = flat.length; id < dirSectors * (SECTOR / 128); id++) {
    const o = at(dirStart) + id * 128;
    v.setUint32(o + 0x44, NONE, true);
    v.setUint32(o + 0x48, NONE, true);
    v.setUint32(o + 0x4c, NONE, true);
  }
  miniFat.forEach((value, i) => {
    v.setUint32(at(miniFatStart) + i * 4, value, true);
  });
  for (let i = miniFat.length; i < miniFatSectors * (SECTOR / 4); i++)
    v.setUint32(at(miniFatStart) + i * 4, FREE, true);
  if (mini.length > 0) bytes.set(mini, at(miniStart));
  for (const e of large) bytes.set(e.data!, at(e.start));

  return {
    bytes,
    ids,
    fatEntryOffset: (n) => at(0) + n * 4,
    dirEntryOffset: (id) => at(dirStart) + id * 128,
  };
}

/** The streams and storages of an Outlook message: Internet headers, subject, and attachments. */
export function msgNodes(message: { headers?: string; subject?: string; attachments?: CfbNode[][] }): CfbNode[] {
  // The property stream every Outlook item has (its fixed-size properties; the reader only asks that it is there).
  const nodes: CfbNode[] = [{ name: '__properties_version1.0', data: new Uint8Array(32) }];
  if (message.headers !== undefined) nodes.push({ name: '__substg1.0_007D001F', data: utf16(message.headers) });
  if (message.subject !== undefined) nodes.push({ name: '__substg1.0_0037001F', data: utf16(message.subject) });
  (message.attachments ?? []).forEach((children, i) => {
    nodes.push({ name: `__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`, children });
  });
  return nodes;
}
