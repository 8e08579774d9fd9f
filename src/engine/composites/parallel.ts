// parallel: every branch runs; the step succeeds only if all do; each successful branch's changes merge back in
// declaration order (the later branch wins a clash, as in runnable).
import type { ParallelNode } from '../../pipeline/model.js';
import type { StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
import { allSucceeded, mergeChanges, runBranches, type BranchResult } from './branches.js';

export async function runParallel(run: RunContext, node: ParallelNode, scope: Scope, step: StepLog): Promise<void> {
  const results = await runBranches(
    run,
    step,
    scope,
    Object.entries(node.branches).map(([key, graph]) => ({ name: `${step.internal_name}.${key}`, graph, iter: scope.iter })),
  );
  parallelFanIn(scope, step, results);
}

/** Each successful branch's changes merge back in declaration order; the step succeeds only if all branches did. */
export function parallelFanIn(scope: Scope, step: StepLog, results: BranchResult[]): void {
  for (const r of results) if (r.status === 'SUCCESS') mergeChanges(scope, r);
  step.status = allSucceeded(results) ? 'SUCCESS' : 'FAIL';
  if (step.status === 'FAIL') {
    step.message = `branch ${results
      .filter((r) => r.status !== 'SUCCESS')
      .map((r) => r.name)
      .join(', ')} failed`;
  }
}
