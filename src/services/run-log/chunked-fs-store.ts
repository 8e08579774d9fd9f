// runnable's chunked-fs store: RunLog.json for the root and one BranchLog-<branch>.json per branch. A branch
// file is written only by the lane running that branch, so concurrent branches never overwrite each other.
import path from 'node:path';
import { findBranch, type BranchLog, type RunLog, type StepLog } from './model.js';
import { CoalescingWriter } from './coalescing-writer.js';
import { branchFile, chunkDir } from './file-layouts.js';
import { FolderRunLogStore } from './folder-store.js';

// Nested branches live in their own files: a step is written with its branches left out.
const withoutBranches = (steps: Record<string, StepLog>) =>
  Object.fromEntries(Object.entries(steps).map(([k, s]) => [k, { ...s, branches: {} }]));

export class ChunkedFsRunLogStore extends FolderRunLogStore {
  readonly type = 'chunked-fs';
  readonly supportsParallelWrites = true;
  // branch objects by name, so saving a branch does not walk the tree
  private readonly branches = new WeakMap<RunLog, Map<string, BranchLog>>();

  constructor(config: { log_folder?: string } = {}) {
    super(config, new CoalescingWriter(0));
  }
  save(runLog: RunLog, scope: string) {
    const runId = runLog.run_id;
    if (!scope) {
      this.writer.mark(path.join(chunkDir(this.logFolder, runId), 'RunLog.json'), () =>
        JSON.stringify({ ...runLog, steps: withoutBranches(runLog.steps) }),
      );
      return;
    }
    let index = this.branches.get(runLog);
    if (!index) this.branches.set(runLog, (index = new Map()));
    let branch = index.get(scope);
    if (!branch) {
      branch = findBranch(runLog, scope);
      if (!branch) throw new Error(`internal: branch ${scope} is not in run log ${runId}`);
      index.set(scope, branch);
    }
    const b = branch;
    this.writer.mark(branchFile(this.logFolder, runId, scope), () => JSON.stringify({ ...b, steps: withoutBranches(b.steps) }));
  }
}
