// runnable's default store: one JSON file per run, rewritten as the run goes. Rewrites are coalesced and spaced
// out (a run with thousands of steps would otherwise spend its time re-serialising the whole log).
import type { RunLog } from './model.js';
import { CoalescingWriter } from './coalescing-writer.js';
import { singleFile } from './file-layouts.js';
import { FolderRunLogStore } from './folder-store.js';

export class FileSystemRunLogStore extends FolderRunLogStore {
  readonly type = 'file-system';
  readonly supportsParallelWrites = false;

  constructor(config: { log_folder?: string } = {}) {
    // a rewrite at most every 200 ms, or every 20 rewrite-times once the log is big
    super(config, new CoalescingWriter(200, 20));
  }
  save(runLog: RunLog) {
    this.writer.mark(singleFile(this.logFolder, runLog.run_id), () => JSON.stringify(runLog));
  }
}
