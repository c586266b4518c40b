// `hopscope bench`: how fast the core is, beside the parsers people would otherwise use (DESIGN.md §10).
//
// Every subject gets the same header blocks, already in memory, and is timed the same way
// (src/cli/bench-subjects.ts: each in its own worker thread, an untimed warm-up of ≥ 3 passes and ≥ 1.5 s,
// then per-message process.hrtime.bigint() around one call, over --passes passes taken in turn). Peers:
// mailauth's parse-only path (header split + Received + DKIM/ARC/A-R tag parsers, no crypto, no DNS),
// mailparser's header parse (mailsplit's Headers + MailParser#processHeaders, what its 'headers' event
// carries), postal-mime's parse, and SpamAssassin's Received parsing through sa-relays.pl --bench. A peer
// that is not installed is skipped with a note. The scaling table feeds synthetic blocks of growing size
// to analyze() and flags a row whose cost per KB is over 10× that of a typical 10 KB block.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../core/analyze';
import { decodeEightBit } from '../mime/decode';
import { type MemoryResult, type MemorySubject, measureMemory } from './bench-memory';
import { timeParallel } from './bench-parallel';
import { emptyResult, type SubjectResult, timeSubjects, WARM_UP_MS, WARM_UP_PASSES } from './bench-subjects';
import type { Io } from './main';
import { V8_FLAGS } from './v8-flags';

export type { SubjectResult } from './bench-subjects';

const USAGE = `Usage: hopscope bench [--corpus DIR]... [--passes N] [--no-peers] [--no-scaling] [--json]
  Times analyze() and header splitting per message (median, p99, messages/s, heap) on the header
  blocks of DIR (default: examples/ and test/fixtures/auth/), beside mailauth, mailparser, postal-mime
  and SpamAssassin when installed, each in a worker thread of its own; analyze()'s throughput with one
  worker thread per core; the peak RSS of analyze() and of header splitting, each in a process of
  its own; and prints a scaling table (Received count, block size, one long field, many RFC 2047
  words).
`;

/**
 * SpamAssassin's Received parser, driven by ../shared/tools/sa-relays.pl: the shared folder lies beside the
 * project, so it is looked for beside the working directory (npm run bench) and beside the CLI bundle's project.
 */
function saScript(): string {
  const candidates = [
    resolve('../shared/tools/sa-relays.pl'),
    fileURLToPath(new URL('../../shared/tools/sa-relays.pl', import.meta.url)),
  ];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}
const SA_BINARY = '/usr/bin/spamassassin';
/** A scaling row costing more than this many times the typical 10 KB block per KB is flagged. */
const SCALING_LIMIT = 10;
/** Each scaling row is repeated until it has run this long (and at least 3 times), for a stable median. */
const SCALING_MIN_MS = 150;
/** Passes of analyze() over the corpus for its peak memory (the heap grows to its working size in the first). */
const MEMORY_PASSES = 3;
/** Timed samples per subject at least (a small corpus gets more passes). */
const MIN_SAMPLES = 2000;

interface Message {
  file: string;
  /** The header block, up to and including the blank line that ends it, as the CLI reads it (read-input.ts). */
  head: string;
  /** The same header block as the file's bytes, for the peers that read bytes. */
  bytes: Uint8Array;
}

export interface ScalingRow {
  name: string;
  kb: number;
  totalUs: number;
  usPerKb: number;
  flagged: boolean;
}

// ---------------------------------------------------------------------------------------------- inputs

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    // .eml, or SpamAssassin public corpus names (`00001.7c53336b…`).
    else if (name.endsWith('.eml') || /^\d+\.[0-9a-f]{20,}$/.test(name)) out.push(path);
  }
}

/** The header block of a message: through the first empty line, or the whole text when there is none. */
export function headerBlockOf(text: string): string {
  const lf = text.indexOf('\n\n');
  const crlf = text.indexOf('\r\n\r\n');
  if (lf < 0 && crlf < 0) return text;
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return text.slice(0, crlf + 4);
  return text.slice(0, lf + 2);
}

function loadCorpus(dirs: string[]): Message[] {
  const files: string[] = [];
  for (const d of dirs) {
    if (existsSync(d) && statSync(d).isDirectory()) walk(d, files);
    else if (existsSync(d)) files.push(d);
  }
  return files.map((file) => {
    const raw = readFileSync(file);
    return { file, head: headerBlockOf(decodeEightBit(raw)), bytes: headerBlockBytesOf(raw) };
  });
}

/** headerBlockOf on the undecoded bytes: a blank line is the same bytes in UTF-8 and Latin-1. */
function headerBlockBytesOf(raw: Buffer): Uint8Array {
  const lf = raw.indexOf('\n\n');
  const crlf = raw.indexOf('\r\n\r\n');
  if (lf < 0 && crlf < 0) return raw;
  return crlf >= 0 && (lf < 0 || crlf < lf) ? raw.subarray(0, crlf + 4) : raw.subarray(0, lf + 2);
}

function spamAssassin(messages: Message[], corpus: string, passes: number): Promise<SubjectResult> {
  const skipped = (note: string): SubjectResult => emptyResult('SpamAssassin Received parse', corpus, note);
  const script = saScript();
  if (!existsSync(SA_BINARY) || !existsSync(script))
    return Promise.resolve(skipped(`skipped: ${existsSync(SA_BINARY) ? script : SA_BINARY} not installed`));
  // The same header blocks, written out as .eml files for the Perl side to read into memory.
  const dir = mkdtempSync(join(tmpdir(), 'hopscope-bench-'));
  messages.forEach((m, i) => {
    writeFileSync(join(dir, `${String(i).padStart(6, '0')}.eml`), m.bytes);
  });
  return new Promise((resolve) => {
    execFile(
      'perl',
      [script, '--bench', dir, '--passes', String(passes)],
      { maxBuffer: 1 << 20, timeout: 30 * 60_000 },
      (error, stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        const rate = /messages\/s:\s*([\d.]+)/.exec(stdout);
        const times = readSaTimes(stdout);
        if (error || !rate || !times) {
          resolve(skipped(`failed: ${(error?.message ?? stderr ?? 'no output').split('\n', 1)[0]}`));
          return;
        }
        resolve({
          ...skipped('perl sa-relays.pl --bench (parse + metadata; own process)'),
          messages: messages.length,
          messagesPerSecond: Number(rate[1]),
          medianUs: Number(times[1]),
          p99Us: Number(times[2]),
          maxUs: Number(times[3]),
        });
      },
    );
  });
}

// ----------------------------------------------------------------------------------------------- scaling

const TYPICAL_FIELDS = [
  'Return-Path: <bounce-42@mailer.example.net>',
  'Delivered-To: alice@example.org',
  'Authentication-Results: mx.example.org; dkim=pass header.d=example.com header.s=s1 header.b=AbCdEf12;\r\n\tspf=pass (mx.example.org: domain of bounce-42@mailer.example.net designates 192.0.2.25 as permitted sender) smtp.mailfrom=bounce-42@mailer.example.net;\r\n\tdmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com',
  'Received-SPF: pass (mx.example.org: domain of bounce-42@mailer.example.net designates 192.0.2.25 as permitted sender) client-ip=192.0.2.25;',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1; t=1700000000;\r\n\th=from:to:subject:date:message-id:mime-version:content-type;\r\n\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n\tb=' +
    'QmFzZTY0U2lnbmF0dXJlRGF0YVRoYXRJc0xvbmdFbm91Z2hUb0xvb2tSZWFsaXN0aWNBbmRGb2xkZWQ'.repeat(4),
  'X-Spam-Status: No, score=-2.1 required=5.0 tests=BAYES_00,DKIM_SIGNED,DKIM_VALID,\r\n\tDKIM_VALID_AU,SPF_PASS autolearn=ham version=3.4.6',
  'X-Mailer: Example Mailer 4.2',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="b1_0123456789abcdef"',
];

function received(k: number): string {
  const a = (k % 250) + 1;
  return (
    `Received: from relay${k + 1}.example.net (relay${k + 1}.example.net [198.51.100.${a}])\r\n` +
    `\tby relay${k}.example.net (Postfix) with ESMTPS id 4T${(100000 + k).toString(36).toUpperCase()}X\r\n` +
    `\t(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256)\r\n` +
    `\tfor <alice@example.org>; Tue, 14 Nov 2023 10:${String(59 - (k % 60)).padStart(2, '0')}:00 +0000`
  );
}

function message(receivedCount: number, extra: string[] = []): string {
  const lines: string[] = [];
  for (let k = 0; k < receivedCount; k++) lines.push(received(k));
  lines.push(...TYPICAL_FIELDS, ...extra);
  lines.push(
    'From: "Example Shop" <news@example.com>',
    'To: alice@example.org',
    'Subject: Your order has shipped',
    'Date: Tue, 14 Nov 2023 10:00:00 +0000',
    'Message-ID: <20231114100000.42@example.com>',
  );
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A block of about `bytes`: the typical message with its non-address fields repeated. */
function blockOfSize(bytes: number): string {
  const base = message(4);
  const filler: string[] = [];
  let size = base.length;
  for (let k = 0; size < bytes; k++) {
    const f = k % 3 === 0 ? received(k) : TYPICAL_FIELDS[k % TYPICAL_FIELDS.length]!;
    filler.push(f);
    size += f.length + 2;
  }
  return `${filler.join('\r\n')}\r\n${base}`;
}

function longField(bytes: number): string {
  const ids: string[] = [];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    const id = `<CAF${(k * 7919).toString(36)}x${k}@mail.example.com>`;
    ids.push(id);
    size += id.length + 3;
  }
  return message(4, [`References: ${ids.join('\r\n ')}`]);
}

function encodedWords(count: number): string {
  const word = '=?UTF-8?B?w6lsw6h2ZSDDqXTDqSDDoCBQYXJpcw==?=';
  const words: string[] = [];
  for (let k = 0; k < count; k++) words.push(word);
  return message(4, [`X-Encoded-Notes: ${words.join('\r\n ')}`]);
}

function scalingInputs(): Array<{ name: string; text: string }> {
  return [
    { name: 'typical 10 KB block', text: blockOfSize(10 * 1024) },
    { name: '1 Received', text: message(1) },
    { name: '10 Received', text: message(10) },
    { name: '100 Received', text: message(100) },
    { name: '1,000 Received', text: message(1000) },
    { name: '100 KB block', text: blockOfSize(100 * 1024) },
    { name: '1 MB block', text: blockOfSize(1024 * 1024) },
    { name: '2 MB block', text: blockOfSize(2 * 1024 * 1024) },
    { name: 'one 200 KB field', text: longField(200 * 1024) },
    { name: '5,000 RFC 2047 words', text: encodedWords(5000) },
  ];
}

function timeScaling(): ScalingRow[] {
  const rows: ScalingRow[] = [];
  let typicalPerKb = Number.NaN;
  const inputs = scalingInputs();
  // The corpus subjects ran in worker threads: analyze() has not run in this thread yet. Without a warm-up
  // the first row, the reference for the others, would be timed on code V8 has not optimised.
  const warmUntil = process.hrtime.bigint() + BigInt(WARM_UP_MS * 1e6);
  while (process.hrtime.bigint() < warmUntil) for (const { text } of inputs.slice(0, 3)) analyze(text);
  for (const { name, text } of inputs) {
    for (let w = 0; w < 3; w++) analyze(text); // warm-up on this very input
    const runs: number[] = [];
    const stopAt = process.hrtime.bigint() + BigInt(SCALING_MIN_MS * 1e6);
    while (runs.length < 3 || (process.hrtime.bigint() < stopAt && runs.length < 2000)) {
      const t0 = process.hrtime.bigint();
      analyze(text);
      runs.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    runs.sort((a, b) => a - b);
    const totalUs = runs[runs.length >> 1]!;
    const kb = text.length / 1024;
    const usPerKb = totalUs / kb;
    if (rows.length === 0) typicalPerKb = usPerKb;
    rows.push({ name, kb, totalUs, usPerKb, flagged: usPerKb > SCALING_LIMIT * typicalPerKb });
  }
  return rows;
}

// ------------------------------------------------------------------------------------------------ output

/**
 * How many times faster analyze() is than mailauth's parse-only path (issue #11's bar is 2×), by both medians:
 * the all-calls one and the best-of-passes one (SubjectResult.bestMedianUs says why both). Null when either
 * subject was not measured.
 */
export function peerRatio(rows: readonly SubjectResult[]): string | null {
  const ours = rows.find((r) => r.name === 'hopscope analyze()');
  const peer = rows.find((r) => r.name.startsWith('mailauth'));
  if (!ours || !peer || !(ours.medianUs > 0) || !(peer.medianUs > 0)) return null;
  const times = (a: number, b: number): string => (a > 0 && b > 0 ? `${(a / b).toFixed(2)}×` : '–');
  return `analyze() vs ${peer.name}: ${times(peer.medianUs, ours.medianUs)} as fast by the median, ${times(peer.bestMedianUs, ours.bestMedianUs)} by the best-of median`;
}

function fixed(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

interface Options {
  corpora: string[];
  passes: number;
  peers: boolean;
  scaling: boolean;
  json: boolean;
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { corpora: [], passes: 3, peers: true, scaling: true, json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--corpus') {
      const dir = args[++i];
      if (!dir) return '--corpus needs a directory';
      o.corpora.push(dir);
    } else if (a === '--passes') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 1) return '--passes needs a whole number ≥ 1';
      o.passes = n;
    } else if (a === '--no-peers') o.peers = false;
    else if (a === '--no-scaling') o.scaling = false;
    else if (a === '--json') o.json = true;
    else if (a === '--help' || a === '-h') return 'help';
    else return `unknown option '${a}'`;
  }
  return o;
}

/** Runs the benchmark; returns the exit code. */
export async function runBench(args: string[], io: Io): Promise<number> {
  const o = parseArgs(args);
  if (o === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (typeof o === 'string') {
    io.stderr(`hopscope bench: ${o}\n\n${USAGE}`);
    return 2;
  }
  const sets = o.corpora.length ? o.corpora.map((d) => ({ label: d, dirs: [d] })) : [defaultCorpus()];
  const results: SubjectResult[] = [];
  const notable: Array<{ corpus: string; file: string; us: number }> = [];
  const memory: Array<{ corpus: string; subject: MemorySubject } & (MemoryResult | { note: string })> = [];
  for (const set of sets) {
    const messages = loadCorpus(set.dirs);
    if (messages.length === 0) {
      io.stderr(`hopscope bench: no messages in ${set.label}\n`);
      return 1;
    }
    if (!o.json) io.stderr(`bench: ${set.label}: ${messages.length} header blocks, ${o.passes} pass(es)…\n`);
    const passes = Math.max(o.passes, Math.min(100, Math.ceil(MIN_SAMPLES / messages.length)));
    const heads = messages.map((m) => m.head);
    const timed = await timeSubjects(
      heads,
      messages.map((m) => m.bytes),
      passes,
      o.peers,
      set.label,
    );
    results.push(...timed.results);
    const perMessage = timed.analyzePerMessage;
    if (perMessage !== null) {
      // phishing_pot sample-3854 carries a 22 KB In-Reply-To: it must cost what an ordinary message does.
      messages.forEach((m, i) => {
        if (/sample-3854\.eml$/.test(m.file)) notable.push({ corpus: set.label, file: m.file, us: perMessage[i]! });
      });
      let worst = 0;
      for (let i = 1; i < perMessage.length; i++) if (perMessage[i]! > perMessage[worst]!) worst = i;
      notable.push({ corpus: set.label, file: `slowest: ${messages[worst]!.file}`, us: perMessage[worst]! });
    }
    const parallel = await timeParallel(heads, Math.max(passes, 5));
    results.push(
      typeof parallel === 'string'
        ? { ...emptyResult('hopscope analyze(), all cores', set.label), note: parallel }
        : {
            ...emptyResult(`hopscope analyze(), ${parallel.workers} workers`, set.label),
            messages: messages.length,
            messagesPerSecond: parallel.messagesPerSecond,
            note: 'one worker thread per core; msg/s by wall time',
          },
    );
    if (o.peers) results.push(await spamAssassin(messages, set.label, o.passes));
    for (const subject of ['analyze()', 'readHeaderBlock()'] as const) {
      const peak = await measureMemory(subject, heads, MEMORY_PASSES);
      memory.push(
        typeof peak === 'string' ? { corpus: set.label, subject, note: peak } : { corpus: set.label, subject, ...peak },
      );
    }
  }
  const scaling = o.scaling ? timeScaling() : [];

  if (o.json) {
    io.stdout(
      `${JSON.stringify({ node: process.version, v8Flags: V8_FLAGS, passes: o.passes, results, notable, memory, scaling }, null, 2)}\n`,
    );
    return 0;
  }
  io.stdout(
    `node ${process.version} (${V8_FLAGS.join(' ')}), ${o.passes} timed pass(es) after a warm-up of ≥ ${WARM_UP_PASSES} passes and ≥ ${WARM_UP_MS / 1000} s, on until a subject stops getting faster (passes per subject in the warm-up column); header blocks in memory\n\n`,
  );
  for (const set of sets) {
    const rows = results.filter((r) => r.corpus === set.label);
    io.stdout(`${set.label}\n`);
    io.stdout(
      `${table(
        ['subject', 'msg/s', 'median µs', 'best-of median µs', 'p99 µs', 'max µs', 'heap MB', 'warm-up', 'note'],
        rows.map((r) => [
          r.name,
          fixed(r.messagesPerSecond, 0),
          fixed(r.medianUs),
          fixed(r.bestMedianUs),
          fixed(r.p99Us),
          fixed(r.maxUs),
          fixed(r.heapMb, 0),
          r.warmUpPasses === undefined ? '' : String(r.warmUpPasses),
          r.note ?? '',
        ]),
      )}\n`,
    );
    const ratio = peerRatio(rows);
    if (ratio) io.stdout(`  ${ratio}\n`);
    for (const m of memory.filter((x) => x.corpus === set.label))
      io.stdout(
        'note' in m
          ? `  ${m.subject} peak RSS: not measured (${m.note})\n`
          : `  ${m.subject} peak RSS: ${fixed(m.peakMb, 0)} MB, in a process of its own holding the header blocks (${fixed(m.beforeMb, 0)} MB before its first call)\n`,
      );
    for (const n of notable.filter((x) => x.corpus === set.label))
      io.stdout(
        `  analyze() ${relative(process.cwd(), n.file.replace(/^slowest: /, '')) || n.file}${n.file.startsWith('slowest') ? ' (slowest)' : ''}: ${fixed(n.us)} µs (best of passes)\n`,
      );
    io.stdout('\n');
  }
  if (scaling.length) {
    io.stdout(`scaling of analyze() (median of repeated runs; ⚠ = over ${SCALING_LIMIT}× the 10 KB block's µs/KB)\n`);
    io.stdout(
      `${table(
        ['input', 'KB', 'total µs', 'µs/KB', ''],
        scaling.map((r) => [r.name, fixed(r.kb), fixed(r.totalUs), fixed(r.usPerKb, 2), r.flagged ? '⚠' : '']),
      )}\n`,
    );
  }
  return 0;
}

function defaultCorpus(): { label: string; dirs: string[] } {
  return { label: 'bundled fixtures (examples/, test/fixtures/auth/)', dirs: ['examples', 'test/fixtures/auth'] };
}

/** sa-relays.pl --bench prints "median N … p99 N … max N" on one line; read the numbers after those words. */
function readSaTimes(stdout: string): [string, string, string, string] | null {
  for (const line of stdout.split('\n')) {
    const words = line.split(/\s+/);
    const after = (w: string): string | undefined => {
      const i = words.indexOf(w);
      const v = i >= 0 ? words[i + 1] : undefined;
      return v !== undefined && /^[\d.]+$/.test(v) ? v : undefined;
    };
    const median = after('median');
    const p99 = after('p99');
    const max = after('max');
    if (median && p99 && max) return [line, median, p99, max];
  }
  return null;
}
