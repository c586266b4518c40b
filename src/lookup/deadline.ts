// One request with a deadline, for the DoH client and the JSON client: aborted after `timeoutMs` or when the
// caller's signal aborts, and never left waiting on a fetch that ignores its signal.

/** Why a request under a deadline came to nothing. */
export type Missed = 'timeout' | 'cancelled' | 'error';

/**
 * Runs `work` with a signal that aborts after `timeoutMs` or with `outer`; whatever it throws (a network
 * error, the abort, a body that will not parse) becomes `failed(why)`. The timer and the listener on `outer`
 * are removed however it ends.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  outer: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
  failed: (why: Missed) => T,
): Promise<T> {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await work(controller.signal);
  } catch {
    return failed(timedOut ? 'timeout' : outer?.aborted ? 'cancelled' : 'error');
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

/** A fetch that ignores its signal must not hang us: the abort settles the wait either way. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
