// runnable's default store: one JSON file per run, rewritten as the run goes. Rewrites are coalesced and spaced
// out (a run with thousands of steps would otherwise spend its time re-serialising the whole log).
import path from 'node:path';
import type { RunLog } from './model.js';
import { CoalescingWriter } from './coalescing-writer.js';
import { existsAnyLayout, listAnyLayout, readAnyLayout, singleFile } from './file-layouts.js';
import type { RunLogStore } from './store.js';

export class FileSystemRunLogStore implements RunLogStore {
  readonly type = 'file-system';
  readonly supportsParallelWrites = false;
  readonly logFolder: string;
  private readonly writer = new CoalescingWriter(200);

  constructor(config: { log_folder?: string } = {}) {
    this.logFolder = path.resolve(config.log_folder ?? '.run_log_store');
  }
  async exists(runId: string) {
    return existsAnyLayout(this.logFolder, runId);
  }
  read(runId: string) {
    return readAnyLayout(this.logFolder, runId);
  }
  save(runLog: RunLog) {
    this.writer.mark(singleFile(this.logFolder, runLog.run_id), () => JSON.stringify(runLog, null, 2));
  }
  flush() {
    return this.writer.flush();
  }
  list() {
    return listAnyLayout(this.logFolder);
  }
}
