// Keeps run logs in this process's memory only (runnable's `buffered`): for tests and throwaway runs.
import type { RunLog } from './model.js';
import { RunLogNotFoundError, type RunLogStore } from './store.js';

const runs = new Map<string, RunLog>();

export class BufferedRunLogStore implements RunLogStore {
  readonly type = 'buffered';
  readonly supportsParallelWrites = false;
  /** Only this process's memory. */
  readonly sharedAcrossProcesses = false;

  async exists(runId: string) {
    return runs.has(runId);
  }
  async read(runId: string) {
    const r = runs.get(runId);
    if (!r) throw new RunLogNotFoundError(runId, 'the in-memory (buffered) store of this process');
    return r;
  }
  save(runLog: RunLog) {
    runs.set(runLog.run_id, runLog);
  }
  async flush() {}
  async list() {
    return [...runs.keys()];
  }
}
