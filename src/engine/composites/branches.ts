// What every composite node does with its branches: open a branch log that starts from a copy of the parent's
// parameters (runnable HEAD starts them empty: a bug we fix), run branches within the run's concurrency, and
// bring back to the parent only what a branch changed, so a branch never undoes a sibling's change.
import type { Graph } from '../../pipeline/model.js';
import type { IterVariable } from '../../pipeline/names.js';
import { newBranchLog, type BranchLog, type Parameters, type StepLog, type Status } from '../../services/run-log/model.js';
import { changedSince, cloneParameters } from '../parameters.js';
import type { RunContext, Scope } from '../run-context.js';
import { executeGraph } from '../traverse.js';

export interface BranchRun {
  name: string;
  graph: Graph;
  iter: IterVariable;
  env?: Record<string, string>;
  /** Parameters the branch starts from (default: a copy of the parent scope's). */
  startFrom?: Parameters;
}

export interface BranchResult {
  name: string;
  log: BranchLog;
  status: Status;
  /** The parameters the branch started from, to compute what it changed. */
  snapshot: Parameters;
}

export async function runBranch(run: RunContext, step: StepLog, parent: Scope, b: BranchRun): Promise<BranchResult> {
  const existing = step.branches[b.name];
  const snapshot = cloneParameters(b.startFrom ?? parent.params);
  if (run.retry && existing?.status === 'SUCCESS') {
    run.events.emit({ type: 'step-skipped', step: b.name, name: b.name, reason: 'branch already successful' });
    return { name: b.name, log: existing, status: 'SUCCESS', snapshot };
  }
  // On a retry the branch keeps the parameters it had: its successful steps are skipped, not re-run.
  const log = existing ?? newBranchLog(b.name, cloneParameters(snapshot));
  step.branches[b.name] = log;
  log.status = 'PROCESSING';
  run.store.save(run.runLog, parent.branch);
  run.store.save(run.runLog, b.name);
  run.events.emit({ type: 'branch-started', branch: b.name, step: step.internal_name });
  const scope: Scope = {
    branch: b.name,
    steps: log.steps,
    params: log.parameters,
    holder: log,
    iter: b.iter,
    env: { ...parent.env, ...b.env },
  };
  const status = await executeGraph(run, b.graph, scope);
  run.store.save(run.runLog, b.name);
  run.events.emit({ type: 'branch-finished', branch: b.name, step: step.internal_name, status });
  return { name: b.name, log, status, snapshot };
}

/**
 * Runs branches, at most `executor.maxConcurrency` of this composite at a time (the run-wide lane semaphore
 * bounds the actual work across nesting). Every branch runs to its end even when one fails; results keep
 * the declaration order.
 */
export async function runBranches(run: RunContext, step: StepLog, parent: Scope, branches: BranchRun[]): Promise<BranchResult[]> {
  const width = Math.max(1, run.executor.maxConcurrency);
  const results: BranchResult[] = new Array(branches.length);
  let nextIndex = 0;
  let firstError: unknown;
  const worker = async () => {
    while (nextIndex < branches.length) {
      const i = nextIndex++;
      try {
        results[i] = await runBranch(run, step, parent, branches[i]);
      } catch (e) {
        // infrastructure errors and cancellation: finish the other lanes' current branches, then rethrow
        firstError ??= e;
        nextIndex = branches.length;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, branches.length) }, worker));
  if (firstError) throw firstError;
  return results;
}

export function mergeChanges(parent: Scope, result: BranchResult): void {
  Object.assign(parent.params, changedSince(result.snapshot, result.log.parameters));
}

export const allSucceeded = (results: BranchResult[]) => results.every((r) => r.status === 'SUCCESS');
