// The subjects of `hopscope bench` (analyze(), the header reader, a bare split, and the peers) and how each is
// timed. Every subject runs in a worker thread of its own, so each has its own V8 heap: the garbage one leaves
// is not collected during another's timed pass (in one shared heap the peers' garbage put analyze()'s p99 at
// 3–5 ms against 0.4–0.7 ms alone), and each is compiled and tiered up on its own. The main thread starts
// them one at a time to warm up, then asks them for their timed passes in turn, SLICE messages at a time
// (round robin within each slice, one subject further on each slice), so that only one runs at any moment and
// a slow spell of the machine, which lasts from a fraction of a second to several seconds here, falls on all
// of them alike: taken a whole pass at a time, the all-calls medians of one run put analyze() at 1.50× the
// speed of mailauth's parse-only path while their best-of medians put it at 1.86×.
//
// The worker is this very module, bundled into dist/cli.mjs and started with workerData.hopscopeBenchSubject;
// the guard at the end runs it. Loaded any other way (the CLI, tests), the guard does nothing.

import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, type MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyze } from '../core/analyze';
import { readHeaderBlock } from '../core/headers/read';

/**
 * Untimed warm-up: whole passes until the subject has stopped getting faster, and at least WARM_UP_PASSES
 * passes and WARM_UP_MS. V8 goes on tiering functions up (Sparkplug, Maglev, TurboFan) and re-optimising
 * after deopts for several passes over a 1,000-message corpus: measured on phishing_pot, analyze()'s pass
 * fell 620 → 350 → 270 → 190 → 130 µs median over its first five passes and then held. Timing from the 4th
 * pass put compile pauses into the p99 and up to +45% into the median, and by how much differed between
 * subjects (a larger code base tiers up later). So a subject is warm when WARM_UP_STEADY passes in a row
 * were each no more than 3% faster than the best pass before them; WARM_UP_MAX_PASSES / WARM_UP_MAX_MS end
 * the warm-up of a subject that never settles (a machine under changing load); WARM_UP_MS, of a small corpus.
 */
export const WARM_UP_MS = 1500;
export const WARM_UP_PASSES = 3;
export const WARM_UP_STEADY = 2;
export const WARM_UP_MAX_PASSES = 30;
export const WARM_UP_MAX_MS = 20_000;
/** Messages a subject times before the next subject takes its turn (see the top of this file). */
export const SLICE = 50;

/** Whether a warm-up whose pass times (ns, in order) are `passes`, `elapsedMs` in all, may stop. */
export function warmedUp(passes: readonly number[], elapsedMs: number): boolean {
  if (elapsedMs >= WARM_UP_MAX_MS) return true;
  if (passes.length < Math.max(WARM_UP_PASSES, WARM_UP_STEADY + 1) || elapsedMs < WARM_UP_MS) return false;
  if (passes.length >= WARM_UP_MAX_PASSES) return true;
  const cut = passes.length - WARM_UP_STEADY;
  const best = Math.min(...passes.slice(0, cut));
  return passes.slice(cut).every((t) => t >= best * 0.97);
}

export interface SubjectResult {
  name: string;
  corpus: string;
  messages: number;
  messagesPerSecond: number;
  /** Median of every timed call (all passes): what a call costs on this machine as it runs, GC and all. */
  medianUs: number;
  /**
   * Median over the messages of each message's fastest timed pass: the parser's own cost per message, with
   * the machine's noise taken out. On this shared 2-vCPU VM the all-calls median of the same code moved
   * 106–173 µs over five identical runs on phishing_pot while this moved 89–97 µs, so comparisons between
   * subjects are read from both.
   */
  bestMedianUs: number;
  p99Us: number;
  maxUs: number;
  /** The subject's own V8 heap after its passes (JS heap + external memory), MB. */
  heapMb: number;
  /** Untimed passes before the timed ones (see warmedUp). */
  warmUpPasses?: number;
  note?: string;
}

interface Subject {
  name: string;
  /** Prepares once (loads modules), then returns the per-message function; a string: skipped, why. */
  prepare: () => Promise<((input: never) => unknown) | string>;
  /**
   * The subject reads bytes (a Buffer), as mailauth and mailparser do: it gets each header block as the
   * file's bytes, made into Buffers before the warm-up, so that the timing is of the parser alone, as it is
   * for the subjects that read the strings held in memory.
   */
  bytes?: boolean;
  async?: boolean;
}

/** A row with nothing measured (yet): a skipped subject, or one measured only in part. */
export function emptyResult(name: string, corpus: string, note?: string): SubjectResult {
  const row: SubjectResult = {
    name,
    corpus,
    messages: 0,
    messagesPerSecond: Number.NaN,
    medianUs: Number.NaN,
    bestMedianUs: Number.NaN,
    p99Us: Number.NaN,
    maxUs: Number.NaN,
    heapMb: Number.NaN,
  };
  if (note !== undefined) row.note = note;
  return row;
}

/** The subjects that are Hopscope itself or the bare split (the rest are peers, left out by --no-peers). */
export function isOwnSubject(name: string): boolean {
  return name.startsWith('hopscope') || name === 'bare indexOf split';
}

function bareSplit(head: string): number {
  // The least a splitter can do: find each line, its colon, and slice name and value. No unfolding
  // beyond appending continuation lines, no decoding, no diagnostics.
  const names: string[] = [];
  const values: string[] = [];
  let pos = 0;
  const n = head.length;
  while (pos < n) {
    let end = head.indexOf('\n', pos);
    if (end < 0) end = n;
    const lineEnd = end > pos && head.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (lineEnd === pos) break;
    const c = head.charCodeAt(pos);
    if ((c === 32 || c === 9) && values.length > 0) values[values.length - 1] += head.slice(pos, lineEnd);
    else {
      const colon = head.indexOf(':', pos);
      const stop = colon < 0 || colon > lineEnd ? lineEnd : colon;
      names.push(head.slice(pos, stop));
      values.push(head.slice(Math.min(stop + 1, lineEnd), lineEnd));
    }
    pos = end + 1;
  }
  return names.length;
}

const require = createRequire(import.meta.url);

function tryRequire<T>(id: string): T | string {
  try {
    return require(id) as T;
  } catch (e) {
    return `not installed (${id}: ${(e as Error).message.split('\n', 1)[0]})`;
  }
}

function mailauthPeer(): (head: Buffer) => unknown {
  const tools = require('mailauth/lib/tools') as { parseHeaders: (b: Buffer) => { parsed: MailauthRow[] } };
  const parseDkimHeaders = require('mailauth/lib/parse-dkim-headers') as (b: Buffer) => unknown;
  const { parseReceived } = require('mailauth/lib/parse-received') as { parseReceived: (b: Buffer) => unknown };
  const tagged = new Set(['dkim-signature', 'arc-seal', 'arc-message-signature', 'authentication-results']);
  tagged.add('arc-authentication-results');
  return (head) => {
    const { parsed } = tools.parseHeaders(head);
    let n = 0;
    for (const row of parsed) {
      if (row.key === 'received')
        n += parseReceived(row.line) ? 1 : 0; // as mailauth.js does
      else if (row.key !== null && tagged.has(row.key)) n += parseDkimHeaders(row.line) ? 1 : 0;
    }
    return n;
  };
}
interface MailauthRow {
  key: string | null;
  line: Buffer;
}

function mailparserPeer(): ((head: Buffer) => unknown) | string {
  const mp = tryRequire<{ MailParser: new () => { processHeaders: (l: unknown) => unknown } }>('mailparser');
  if (typeof mp === 'string') return mp;
  const split = tryRequire<{ Headers: new (b: Buffer) => { getList: () => unknown } }>('@zone-eu/mailsplit');
  if (typeof split === 'string') return split;
  const parser = new mp.MailParser();
  return (head) => parser.processHeaders(new split.Headers(head).getList());
}

function subjects(): Subject[] {
  return [
    { name: 'hopscope analyze()', prepare: async () => (head: string) => analyze(head) },
    { name: 'hopscope readHeaderBlock()', prepare: async () => (head: string) => readHeaderBlock(head) },
    { name: 'bare indexOf split', prepare: async () => bareSplit },
    {
      name: 'mailauth 4.9.5 parse-only',
      bytes: true,
      prepare: async () => {
        const probe = tryRequire('mailauth/lib/tools');
        return typeof probe === 'string' ? probe : mailauthPeer();
      },
    },
    { name: 'mailparser 3.14.2 headers', bytes: true, prepare: async () => mailparserPeer() },
    {
      name: 'postal-mime parse',
      async: true,
      prepare: async () => {
        try {
          const mod = (await import('postal-mime')) as { default: { parse: (s: string) => Promise<unknown> } };
          return (head: string) => mod.default.parse(head);
        } catch (e) {
          return `not installed (postal-mime: ${(e as Error).message.split('\n', 1)[0]})`;
        }
      },
    },
  ];
}

// ------------------------------------------------------------------------------------------------ timing

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.round((p / 100) * (sorted.length - 1)))]!;
}

/**
 * One subject's timing over a corpus: warmUp() once, then timeSlice() over each pass, SLICE messages at a time.
 * The subjects of a corpus take their slices in turn (round robin), so that a slow spell of a shared machine
 * falls on all of them rather than on whichever was running then.
 */
class SubjectTimer {
  private readonly samples: Float64Array;
  /** Best of the passes per message: the message's own cost. */
  readonly perMessage: Float64Array;
  private total = 0n;
  private k = 0;
  /** Untimed passes taken by warmUp(). */
  warmUpPasses = 0;

  /** The header blocks in the form the subject reads (see Subject.bytes). */
  private readonly heads: Array<string | Buffer>;
  private readonly run: (head: string | Buffer) => unknown;

  constructor(
    readonly subject: Subject,
    run: (input: never) => unknown,
    heads: string[],
    bytes: Uint8Array[],
    passes: number,
  ) {
    this.run = run as (head: string | Buffer) => unknown;
    this.heads = subject.bytes ? bytes.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)) : heads;
    this.samples = new Float64Array(heads.length * passes);
    this.perMessage = new Float64Array(heads.length).fill(Number.POSITIVE_INFINITY);
  }

  /** Whole passes until the JIT has seen enough (see warmedUp). */
  async warmUp(): Promise<void> {
    const start = process.hrtime.bigint();
    const passes: number[] = [];
    do {
      const t0 = process.hrtime.bigint();
      for (const head of this.heads) this.subject.async ? await this.run(head) : this.run(head);
      const t1 = process.hrtime.bigint();
      passes.push(Number(t1 - t0));
      this.warmUpPasses = passes.length;
    } while (!warmedUp(passes, Number(process.hrtime.bigint() - start) / 1e6));
  }

  /** Times messages [from, to) of a pass (see SLICE). */
  async timeSlice(from: number, to: number): Promise<void> {
    const { heads, run, perMessage, samples } = this;
    for (let i = from; i < Math.min(to, heads.length); i++) {
      const head = heads[i]!;
      const t0 = process.hrtime.bigint();
      if (this.subject.async) await run(head);
      else run(head);
      const dt = process.hrtime.bigint() - t0;
      this.total += dt;
      const us = Number(dt) / 1000;
      samples[this.k++] = us;
      if (us < perMessage[i]!) perMessage[i] = us;
    }
  }

  result(corpus: string): SubjectResult {
    const sorted = this.samples.slice(0, this.k).sort();
    return {
      name: this.subject.name,
      corpus,
      messages: this.heads.length,
      messagesPerSecond: this.k / (Number(this.total) / 1e9),
      medianUs: percentile(sorted, 50),
      bestMedianUs: percentile(this.perMessage.slice().sort(), 50),
      p99Us: percentile(sorted, 99),
      maxUs: sorted[sorted.length - 1] ?? Number.NaN,
      // This subject's own V8 heap (each runs in its own worker thread), JS objects and external buffers.
      heapMb: (getHeapStatistics().total_heap_size + getHeapStatistics().external_memory) / 1048576,
      warmUpPasses: this.warmUpPasses,
    };
  }
}

// ------------------------------------------------------------------------------------------ worker threads

interface Job {
  hopscopeBenchSubject: string;
  heads: string[];
  /** The same header blocks as bytes (Subject.bytes). */
  bytes: Uint8Array[];
  passes: number;
  corpus: string;
}

type Reply = { ready: true } | { skipped: string } | 'timed' | { result: SubjectResult; perMessage: Float64Array };
/** Main thread → worker: time messages [from, to), or send the result. */
type Ask = { from: number; to: number } | 'result';

async function serve(job: Job, port: MessagePort): Promise<void> {
  const subject = subjects().find((s) => s.name === job.hopscopeBenchSubject);
  const run = subject ? await subject.prepare() : `no subject named ${job.hopscopeBenchSubject}`;
  if (subject === undefined || typeof run === 'string') {
    port.postMessage({ skipped: String(run) } satisfies Reply);
    return;
  }
  const timer = new SubjectTimer(subject, run, job.heads, job.bytes, job.passes);
  await timer.warmUp();
  port.on('message', async (m: Ask) => {
    if (m !== 'result') {
      await timer.timeSlice(m.from, m.to);
      port.postMessage('timed' satisfies Reply);
    } else port.postMessage({ result: timer.result(job.corpus), perMessage: timer.perMessage } satisfies Reply);
  });
  port.postMessage({ ready: true } satisfies Reply);
}

if (
  !isMainThread &&
  parentPort !== null &&
  typeof (workerData as Partial<Job> | null)?.hopscopeBenchSubject === 'string'
)
  void serve(workerData as Job, parentPort);

async function ask(worker: Worker, message?: Ask): Promise<Reply> {
  const reply = once(worker, 'message');
  if (message !== undefined) worker.postMessage(message);
  return (await reply)[0] as Reply;
}

/**
 * Times every subject (the peers too when `peers`) on `heads`, each in its own worker thread; results in
 * subject order, with the skipped ones noted. `analyzePerMessage`: analyze()'s best time per message.
 */
export async function timeSubjects(
  heads: string[],
  bytes: Uint8Array[],
  passes: number,
  peers: boolean,
  corpus: string,
): Promise<{ results: SubjectResult[]; analyzePerMessage: Float64Array | null }> {
  const entry = fileURLToPath(import.meta.url);
  const results: SubjectResult[] = [];
  const running: Array<{ name: string; worker: Worker; at: number }> = [];
  const empty = (name: string, note: string): SubjectResult => emptyResult(name, corpus, note);
  if (!/\.m?js$/.test(entry)) {
    results.push(empty('hopscope analyze()', 'skipped: the worker threads need the built CLI (npm run build:cli)'));
    return { results, analyzePerMessage: null };
  }
  let analyzePerMessage: Float64Array | null = null;
  try {
    for (const subject of subjects()) {
      if (!peers && !isOwnSubject(subject.name)) continue;
      const job: Job = { hopscopeBenchSubject: subject.name, heads, bytes: subject.bytes ? bytes : [], passes, corpus };
      const worker = new Worker(entry, { workerData: job });
      const first = await ask(worker);
      results.push(
        empty(subject.name, typeof first === 'object' && 'skipped' in first ? `skipped: ${first.skipped}` : ''),
      );
      if (typeof first === 'object' && 'ready' in first)
        running.push({ name: subject.name, worker, at: results.length - 1 });
      else await worker.terminate();
    }
    let turn = 0;
    for (let pass = 0; pass < passes; pass++)
      for (let from = 0; from < heads.length; from += SLICE, turn++)
        for (let j = 0; j < running.length; j++)
          await ask(running[(turn + j) % running.length]!.worker, { from, to: from + SLICE });
    for (const r of running) {
      const reply = await ask(r.worker, 'result');
      if (typeof reply !== 'object' || !('result' in reply)) continue;
      results[r.at] = reply.result;
      if (r.name === 'hopscope analyze()') analyzePerMessage = reply.perMessage;
    }
  } finally {
    await Promise.all(running.map((r) => r.worker.terminate()));
  }
  return { results, analyzePerMessage };
}
