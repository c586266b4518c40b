// Throughput with every core busy (DESIGN.md §10 states the corpus budgets for 2 cores): one worker thread per
// core runs analyze() over its share of the header blocks (message i goes to worker i mod W). Each worker warms
// up on its own, then all start together; messages/s = messages analysed by all of them / wall time from the
// start to the last one done. The per-message figures of `hopscope bench` are single-threaded.
//
// The worker is this very module (bundled into dist/cli.mjs), started with workerData.hopscopeBench set; the
// guard below is what it runs. Loaded any other way (the CLI, tests), the guard does nothing.

import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyze } from '../core/analyze';
import { warmedUp } from './bench-subjects';

interface Job {
  hopscopeBench: true;
  heads: string[];
  passes: number;
}

if (!isMainThread && parentPort !== null && (workerData as Partial<Job> | null)?.hopscopeBench === true) {
  const job = workerData as Job;
  const port = parentPort;
  // The same warm-up to a steady speed as the single-threaded subjects (bench-subjects.ts).
  const start = process.hrtime.bigint();
  const warm: number[] = [];
  do {
    const t0 = process.hrtime.bigint();
    for (const h of job.heads) analyze(h);
    warm.push(Number(process.hrtime.bigint() - t0));
  } while (!warmedUp(warm, Number(process.hrtime.bigint() - start) / 1e6));
  port.once('message', () => {
    for (let p = 0; p < job.passes; p++) for (const h of job.heads) analyze(h);
    port.postMessage('done');
  });
  port.postMessage('ready');
}

export interface ParallelResult {
  workers: number;
  messagesPerSecond: number;
}

/** analyze() throughput on all cores; a string says why it was not measured. */
export async function timeParallel(heads: string[], passes: number): Promise<ParallelResult | string> {
  const entry = fileURLToPath(import.meta.url);
  if (!/\.m?js$/.test(entry)) return 'skipped: the worker threads need the built CLI (npm run build:cli)';
  const count = Math.max(1, availableParallelism());
  const workers: Worker[] = [];
  try {
    for (let w = 0; w < count; w++) {
      const share = heads.filter((_, i) => i % count === w);
      workers.push(new Worker(entry, { workerData: { hopscopeBench: true, heads: share, passes } }));
    }
    await Promise.all(workers.map((w) => once(w, 'message')));
    const done = Promise.all(workers.map((w) => once(w, 'message')));
    const t0 = process.hrtime.bigint();
    for (const w of workers) w.postMessage('go');
    await done;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { workers: count, messagesPerSecond: (heads.length * passes) / seconds };
  } catch (e) {
    return `failed: ${(e as Error).message.split('\n', 1)[0]}`;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
