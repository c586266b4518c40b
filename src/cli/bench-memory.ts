// Peak memory of analyze() and of the header reader alone on a corpus (`hopscope bench`: "peak RSS"). The
// bench's own process cannot say it: every subject runs there in a worker thread with its own copy of the header
// blocks. So a process of its own is forked for each: this very module, bundled into dist/cli.mjs and started
// with HOPSCOPE_BENCH_MEMORY=1 (the guard below is what it runs; loaded any other way it does nothing). It gets
// the header blocks, notes its peak resident set, runs the subject over every block for the given passes, and
// reports its peak again.

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyze } from '../core/analyze';
import { readHeaderBlock } from '../core/headers/read';

/** What a measuring process runs over the header blocks. */
export type MemorySubject = 'analyze()' | 'readHeaderBlock()';
const RUN: Record<MemorySubject, (head: string) => unknown> = {
  'analyze()': (head) => analyze(head),
  'readHeaderBlock()': (head) => readHeaderBlock(head),
};

export interface MemoryResult {
  /** Peak resident set of the process once it holds the header blocks, before the subject's first call (MB). */
  beforeMb: number;
  /** Peak resident set after the passes of the subject (MB). */
  peakMb: number;
}

interface Job {
  subject: MemorySubject;
  heads: string[];
  passes: number;
}

const MB = 1024; // process.resourceUsage().maxRSS is in KB

if (process.env.HOPSCOPE_BENCH_MEMORY === '1' && typeof process.send === 'function') {
  process.once('message', (job: Job) => {
    const beforeMb = process.resourceUsage().maxRSS / MB;
    const run = RUN[job.subject];
    for (let p = 0; p < job.passes; p++) for (const head of job.heads) run(head);
    const result: MemoryResult = { beforeMb, peakMb: process.resourceUsage().maxRSS / MB };
    process.send?.(result, () => process.exit(0));
  });
}

/** `subject`'s peak memory over `heads` in a process of its own; a string says why it could not be measured. */
export function measureMemory(subject: MemorySubject, heads: string[], passes: number): Promise<MemoryResult | string> {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, HOPSCOPE_BENCH_MEMORY: '1' },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let settled = false;
    const settle = (value: MemoryResult | string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      child.kill();
      settle('timed out after 10 minutes');
    }, 10 * 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('message', (message) => settle(message as MemoryResult));
    child.once('error', (error) => settle(error.message));
    // 'close', not 'exit': it comes after the process's messages and output have all been read.
    child.once('close', (code) => settle(`the measuring process ended (${code}): ${stderr.split('\n', 1)[0]}`));
    child.send({ subject, heads, passes } satisfies Job);
  });
}
