// A task's time limit (the executor's `timeout`, engine/executor.ts `taskTimeout`): the runner gets a signal that
// aborts at the limit as well as on cancellation, stops what it runs (the task's process group, the python worker),
// and the attempt FAILs with "timed out after N s"; max_attempts then applies as after any failure. runnable has
// no such limit outside Argo (the pod template's `timeout`).
import { secondsText } from '../util/duration.js';
import type { TaskResult } from './task-runner.js';

/** setTimeout's largest delay (~24.8 days): a longer limit is no limit. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs `task` with a signal that aborts on `cancel` or after `seconds`. A task that does not stop when its signal
 * aborts (an in-process TypeScript function) is not waited for past the limit.
 */
export async function runWithinLimit(
  cancel: AbortSignal,
  seconds: number | undefined,
  task: (signal: AbortSignal) => Promise<TaskResult>,
  say: (line: string) => void,
): Promise<TaskResult> {
  if (seconds === undefined || seconds * 1000 > MAX_TIMER_MS) return cancelled(cancel, await task(cancel));
  const limit = new AbortController();
  let expired!: () => void;
  const expiry = new Promise<'expired'>((resolve) => (expired = () => resolve('expired')));
  const timer = setTimeout(() => {
    limit.abort(new Error('timeout'));
    expired();
  }, seconds * 1000);
  try {
    const running = task(AbortSignal.any([cancel, limit.signal]));
    running.catch(() => undefined); // a runner left behind after the limit may still fail: nobody listens then
    const first = await Promise.race([running, expiry]);
    // a runner that stopped its process resolves soon after the limit: its own output is kept in order
    const result = first === 'expired' ? await Promise.race([running, graceOf(running)]).catch(() => undefined) : first;
    if (result && !limit.signal.aborted) return cancelled(cancel, result);
    const message = `timed out after ${secondsText(seconds)}`;
    say(`[runnable] ${message}`);
    return { status: 'FAIL', outputs: {}, message };
  } finally {
    clearTimeout(timer);
  }
}

/** A task stopped by the run's cancellation says so, whatever its runner reported (a python worker's signal). */
function cancelled(cancel: AbortSignal, result: TaskResult): TaskResult {
  return cancel.aborted && result.status === 'FAIL' ? { ...result, message: 'cancelled' } : result;
}

/** A runner that ignores its signal (an in-process function) is given this long after the limit, then left. */
const RUNNER_GRACE_MS = 5_000;

function graceOf(running: Promise<TaskResult>): Promise<TaskResult> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve({ status: 'FAIL', outputs: {}, message: '' }), RUNNER_GRACE_MS);
    void running.finally(() => clearTimeout(t)).catch(() => undefined);
  });
}
