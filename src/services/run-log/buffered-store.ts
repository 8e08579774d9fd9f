// Keeps run logs in memory only (runnable's `buffered`): for tests and throwaway runs. Each store holds its own
// logs, as runnable's BufferRunLogstore holds its run log in the instance: two runs in one process (two SDK
// `execute` calls, concurrently or not) each get a store from their configuration and never see each other's.
import type { RunLog } from './model.js';
import { RunLogNotFoundError, type RunLogStore } from './store.js';

export class BufferedRunLogStore implements RunLogStore {
  readonly type = 'buffered';
  readonly supportsParallelWrites = false;
  /** Only this store's memory. */
  readonly sharedAcrossProcesses = false;
  private readonly runs = new Map<string, RunLog>();

  async exists(runId: string) {
    return this.runs.has(runId);
  }
  async read(runId: string) {
    const r = this.runs.get(runId);
    if (!r) throw new RunLogNotFoundError(runId, 'the in-memory (buffered) store of this run');
    return r;
  }
  save(runLog: RunLog) {
    this.runs.set(runLog.run_id, runLog);
  }
  async flush() {}
  async list() {
    return [...this.runs.keys()];
  }
}
