// Shared by the UI, the background and the CLI (no DOM, no Node). Outlook's .msg files: the Internet headers
// that Outlook keeps with a message it received, and the messages attached to it (a phishing report forwarded
// "as attachment" from Outlook is a .msg holding the suspicious message as an embedded item).
//
// A .msg is a Compound File ([MS-CFB]): a small FAT file system of 512- or 4096-byte sectors, with a mini
// stream of 64-byte sectors for streams under 4 KB. Its storages and streams follow [MS-OXMSG]:
//   __substg1.0_007D001F   PR_TRANSPORT_MESSAGE_HEADERS, UTF-16LE (…001E: 8-bit)
//   __substg1.0_0037001F   PR_SUBJECT
//   __attach_version1.0_#XXXXXXXX/                 one storage per attachment, with
//     __substg1.0_3701000D/                        an embedded message (the same layout, recursively), or
//     __substg1.0_37010102                         the attached file's bytes (an .eml), and
//     __substg1.0_3707001F / 3704 / 3001           its file name.
//
// The file is untrusted input. Every read is bounds-checked; a sector chain is followed no further than its
// stream's size or its table's length (a loop in a FAT is an error, not a hang); each storage is read once;
// streams may not return more bytes than the file holds; what cannot be read is an error with a reason.

import { decodeEightBit } from './decode';

/** The first eight bytes of every Compound File. */
const MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const MAX_REGULAR_SECTOR = 0xfffffffa;
const NO_STREAM = 0xffffffff;
const STORAGE = 1;
const STREAM = 2;
const ROOT = 5;
/** Embedded messages inside embedded messages: deeper than any real forward chain. */
const MAX_DEPTH = 8;
/** Attachments read per message: a real message has a few; a crafted one could have a directory of thousands. */
const MAX_ATTACHMENTS = 100;

/** Whether `bytes` start like a Compound File (an Outlook .msg, or an old Office document). */
export function isCompoundFile(bytes: Uint8Array): boolean {
  if (bytes.length < MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) return false;
  return true;
}

/** A message held in a .msg file. */
export interface MsgMessage {
  /** Its Internet headers as Outlook kept them; undefined for mail that never came from a server. */
  headers?: string;
  subject?: string;
  /** The file name of the attachment it came from (embedded messages only). */
  filename?: string;
  /** Messages attached to it, embedded or as .eml files, in attachment order. */
  attached: MsgMessage[];
}

export type MsgReadResult =
  | { ok: true; message: MsgMessage }
  /** `office`: a sound Compound File that holds no message (an old Word or Excel document). */
  | { ok: false; reason: string; office?: true };

class CorruptFile extends Error {}

function fail(what: string): never {
  throw new CorruptFile(what);
}

interface Entry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/** A Compound File's directory and streams ([MS-CFB] §2). Throws CorruptFile on what it cannot read. */
class CompoundFile {
  private readonly view: DataView;
  private readonly sectorShift: number;
  private readonly fat: Uint32Array;
  private readonly miniFat: Uint32Array;
  readonly entries: Entry[];
  private miniStream: Uint8Array | undefined;
  /**
   * Bytes that stream reads may still return: no more than the file holds. The streams of a sound file never
   * share sectors; a crafted one could point a hundred entries at one large stream.
   */
  private budget: number;

  constructor(private readonly bytes: Uint8Array) {
    if (bytes.length < 512) fail('it is shorter than a Compound File header');
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.budget = bytes.length;
    const v = this.view;
    if (v.getUint16(0x1c, true) !== 0xfffe) fail('its byte-order mark is wrong');
    this.sectorShift = v.getUint16(0x1e, true);
    if (this.sectorShift !== 9 && this.sectorShift !== 12)
      fail(`its sector size (2^${this.sectorShift}) is not 512 or 4096`);
    if (v.getUint16(0x20, true) !== 6) fail('its mini sector size is not 64');
    if (v.getUint32(0x38, true) !== 4096) fail('its mini stream cutoff is not 4096 bytes');
    this.fat = this.readFat(v.getUint32(0x2c, true), v.getUint32(0x44, true), v.getUint32(0x48, true));
    this.entries = this.readDirectory(v.getUint32(0x30, true));
    this.miniFat = this.tableOf(this.chain(v.getUint32(0x3c, true), this.fat));
  }

  private get sectorSize(): number {
    return 1 << this.sectorShift;
  }

  /** The file offset of regular sector `n`, checked to lie (at least partly) inside the file. */
  private offsetOf(n: number): number {
    const at = (n + 1) * this.sectorSize;
    if (at >= this.bytes.length) fail(`sector ${n} lies beyond the end of the file (cut short?)`);
    return at;
  }

  /**
   * The sector numbers of the chain from `start` in `table`: at most `limit` of them (a stream needs no more than
   * its size fills), and never more than the table has sectors, which only a loop in the chain would make.
   */
  private chain(start: number, table: Uint32Array, limit = Number.POSITIVE_INFINITY): number[] {
    const out: number[] = [];
    for (let s = start; s <= MAX_REGULAR_SECTOR && out.length < limit; s = table[s]!) {
      if (s >= table.length) fail(`a sector chain points at sector ${s}, outside its table`);
      if (out.length === table.length) fail('a sector chain loops');
      out.push(s);
    }
    return out;
  }

  /** The uint32 entries of the regular sectors `sectors`, in order. */
  private tableOf(sectors: number[]): Uint32Array {
    const per = this.sectorSize / 4;
    const out = new Uint32Array(sectors.length * per);
    for (let k = 0; k < sectors.length; k++) {
      const at = this.offsetOf(sectors[k]!);
      for (let i = 0; i < per; i++) {
        const p = at + i * 4;
        out[k * per + i] = p + 4 <= this.bytes.length ? this.view.getUint32(p, true) : NO_STREAM;
      }
    }
    return out;
  }

  /** The FAT: its sectors are listed by the header's 109 DIFAT entries, then by the DIFAT sector chain. */
  private readFat(count: number, difatStart: number, difatCount: number): Uint32Array {
    const maxSectors = Math.ceil(this.bytes.length / this.sectorSize);
    if (count > maxSectors) fail(`it claims ${count} FAT sectors, more than the file holds`);
    const sectors: number[] = [];
    for (let i = 0; i < 109 && sectors.length < count; i++) sectors.push(this.view.getUint32(0x4c + i * 4, true));
    const per = this.sectorSize / 4 - 1;
    let next = difatStart;
    for (let k = 0; k < difatCount && sectors.length < count; k++) {
      if (next > MAX_REGULAR_SECTOR || next >= maxSectors) fail('its DIFAT chain ends early');
      const at = this.offsetOf(next);
      for (let i = 0; i < per && sectors.length < count; i++) sectors.push(this.view.getUint32(at + i * 4, true));
      next = this.view.getUint32(at + per * 4, true);
    }
    if (sectors.length < count) fail('its FAT sectors are not all listed');
    for (const s of sectors) if (s > MAX_REGULAR_SECTOR) fail('its FAT lists a free sector');
    return this.tableOf(sectors);
  }

  private readDirectory(start: number): Entry[] {
    const entries: Entry[] = [];
    const v = this.view;
    for (const s of this.chain(start, this.fat)) {
      const at = this.offsetOf(s);
      for (let e = at; e + 128 <= Math.min(at + this.sectorSize, this.bytes.length); e += 128) {
        const nameBytes = Math.min(v.getUint16(e + 0x40, true), 64);
        let name = '';
        for (let i = 0; i + 1 < nameBytes - 1; i += 2) name += String.fromCharCode(v.getUint16(e + i, true));
        entries.push({
          name,
          type: v.getUint8(e + 0x42),
          left: v.getUint32(e + 0x44, true),
          right: v.getUint32(e + 0x48, true),
          child: v.getUint32(e + 0x4c, true),
          start: v.getUint32(e + 0x74, true),
          // The high half is garbage in some version-3 writers ([MS-CFB] §2.6.3); no stream here needs it.
          size: v.getUint32(e + 0x78, true),
        });
      }
    }
    if (entries[0]?.type !== ROOT) fail('its first directory entry is not the root');
    return entries;
  }

  /** The children of storage `id`, by upper-case name (Compound File names compare without case). */
  children(id: number): Map<string, number> {
    const out = new Map<string, number>();
    const seen = new Set<number>();
    const stack = [this.entries[id]?.child ?? NO_STREAM];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (k === NO_STREAM || k >= this.entries.length || seen.has(k)) continue;
      seen.add(k);
      const e = this.entries[k]!;
      out.set(e.name.toUpperCase(), k);
      stack.push(e.left, e.right);
    }
    return out;
  }

  isStorage(id: number): boolean {
    return this.entries[id]?.type === STORAGE;
  }

  private spend(size: number): void {
    this.budget -= size;
    if (this.budget < 0) fail('its streams hold more data than the file (they overlap)');
  }

  /** The bytes of stream `id`: from the mini stream under the cutoff size, else from regular sectors. */
  stream(id: number): Uint8Array {
    const e = this.entries[id];
    if (e?.type !== STREAM) fail('a stream it names is not a stream');
    if (e.size === 0) return new Uint8Array(0);
    if (e.size < 4096) {
      this.miniStream ??= this.regular(this.entries[0]!.start, this.entries[0]!.size);
      const mini = this.miniStream;
      if (e.size > mini.length) fail('a small stream is larger than the mini stream');
      this.spend(e.size);
      const out = new Uint8Array(e.size);
      let filled = 0;
      for (const s of this.chain(e.start, this.miniFat, Math.ceil(e.size / 64))) {
        const at = s * 64;
        if (at >= mini.length) fail('a small stream lies beyond the mini stream');
        const n = Math.min(64, e.size - filled, mini.length - at);
        out.set(mini.subarray(at, at + n), filled);
        filled += n;
      }
      if (filled < e.size) fail('a small stream is shorter than its size');
      return out;
    }
    this.spend(e.size);
    return this.regular(e.start, e.size);
  }

  private regular(start: number, size: number): Uint8Array {
    if (size > this.bytes.length) fail('a stream is larger than the file');
    const out = new Uint8Array(size);
    let filled = 0;
    for (const s of this.chain(start, this.fat, Math.ceil(size / this.sectorSize))) {
      const at = this.offsetOf(s);
      const n = Math.min(this.sectorSize, size - filled, this.bytes.length - at);
      out.set(this.bytes.subarray(at, at + n), filled);
      filled += n;
    }
    if (filled < size) fail('a stream is shorter than its size (the file is cut short?)');
    return out;
  }
}

function withoutTrailingNuls(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return text.slice(0, end);
}

/** The string property `tag` (four hex digits) of the storage whose children are `kids`, Unicode or 8-bit. */
function stringProperty(cf: CompoundFile, kids: Map<string, number>, tag: string): string | undefined {
  const unicode = kids.get(`__SUBSTG1.0_${tag}001F`);
  if (unicode !== undefined) return withoutTrailingNuls(new TextDecoder('utf-16le').decode(cf.stream(unicode)));
  const eightBit = kids.get(`__SUBSTG1.0_${tag}001E`);
  if (eightBit !== undefined) return withoutTrailingNuls(decodeEightBit(cf.stream(eightBit)));
  return undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text?.trim() ? text : undefined;
}

/**
 * The message stored in storage `id` (the root, or an embedded message's storage). `seen`: the storages read so
 * far; a crafted directory could name one storage from many places, or an ancestor from inside itself.
 */
function messageIn(cf: CompoundFile, id: number, depth: number, seen: Set<number>): MsgMessage {
  seen.add(id);
  const kids = cf.children(id);
  const headers = nonEmpty(stringProperty(cf, kids, '007D'));
  const subject = nonEmpty(stringProperty(cf, kids, '0037'));
  const attachments = [...kids]
    .filter(([name, k]) => name.startsWith('__ATTACH_VERSION1.0_#') && cf.isStorage(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_ATTACHMENTS);
  const attached: MsgMessage[] = [];
  for (const [, k] of attachments) {
    if (seen.has(k)) continue;
    seen.add(k);
    const parts = cf.children(k);
    const filename =
      nonEmpty(stringProperty(cf, parts, '3707')) ??
      nonEmpty(stringProperty(cf, parts, '3704')) ??
      nonEmpty(stringProperty(cf, parts, '3001'));
    const embedded = parts.get('__SUBSTG1.0_3701000D');
    if (embedded !== undefined && cf.isStorage(embedded)) {
      if (depth >= MAX_DEPTH || seen.has(embedded)) continue;
      const inner = messageIn(cf, embedded, depth + 1, seen);
      attached.push(filename ? { ...inner, filename } : inner);
      continue;
    }
    const data = parts.get('__SUBSTG1.0_37010102');
    const mimeType = stringProperty(cf, parts, '370E')?.toLowerCase();
    if (data !== undefined && (/\.eml$/i.test(filename ?? '') || mimeType === 'message/rfc822')) {
      const text = decodeEightBit(cf.stream(data));
      if (text.trim()) attached.push({ headers: text, ...(filename ? { filename } : {}), attached: [] });
    }
  }
  return { ...(headers ? { headers } : {}), ...(subject ? { subject } : {}), attached };
}

/** Reads an Outlook .msg file. Never throws: a file it cannot read gives the reason. */
export function readOutlookMsg(bytes: Uint8Array): MsgReadResult {
  if (!isCompoundFile(bytes)) return { ok: false, reason: 'it is not an Outlook .msg file (no Compound File header)' };
  try {
    const cf = new CompoundFile(bytes);
    // Every Outlook item has its property stream at the top; Word and Excel files have none.
    if (!cf.children(0).has('__PROPERTIES_VERSION1.0'))
      return { ok: false, office: true, reason: 'it holds no Outlook message (an Office document?)' };
    return { ok: true, message: messageIn(cf, 0, 0, new Set()) };
  } catch (error) {
    // CorruptFile says what is wrong; anything else (a DataView read past the end) is a file cut short.
    const what = error instanceof CorruptFile ? error.message : 'it is cut short or damaged';
    return { ok: false, reason: `the .msg file cannot be read: ${what}` };
  }
}
