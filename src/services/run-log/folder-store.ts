// What the two on-disk stores share: a folder of runs, read and listed in either layout (file-layouts.ts), and a
// coalescing writer. They differ only in what a change of one scope writes.
import path from 'node:path';
import { CoalescingWriter } from './coalescing-writer.js';
import { existsAnyLayout, listAnyLayout, readAnyLayout } from './file-layouts.js';
import type { RunLog } from './model.js';
import { acquireRunLock } from './run-lock.js';
import type { HostPath } from '../host-paths.js';
import type { RunLogStore } from './store.js';

export abstract class FolderRunLogStore implements RunLogStore {
  abstract readonly type: string;
  abstract readonly supportsParallelWrites: boolean;
  readonly logFolder: string;
  readonly sharedAcrossProcesses = true;

  constructor(
    config: { log_folder?: string },
    protected readonly writer: CoalescingWriter,
  ) {
    this.logFolder = path.resolve(config.log_folder ?? '.run_log_store');
  }

  async exists(runId: string) {
    return existsAnyLayout(this.logFolder, runId);
  }
  read(runId: string) {
    return readAnyLayout(this.logFolder, runId);
  }
  abstract save(runLog: RunLog, scope: string): void;
  flush() {
    return this.writer.flush();
  }
  list() {
    return listAnyLayout(this.logFolder);
  }
  hostPaths(): HostPath[] {
    return [{ key: 'log_folder', path: this.logFolder, kind: 'folder' }];
  }
  lock(runId: string) {
    return acquireRunLock(this.logFolder, runId);
  }
  checkpoint() {
    return this.writer.checkpoint();
  }
}
