// loop: iteration i runs branch `<step>.<i>` starting from the parameters of iteration i-1 (the parent's for
// i = 0); it ends on a failed iteration, on break_on == true after an iteration, or at max_iterations. The last
// iteration's changes roll back into the parent — a failed one's too (runnable does), before on_failure runs.
import type { LoopNode } from '../../pipeline/model.js';
import type { StepLog } from '../../services/run-log/model.js';
import { changedSince, cloneParameters } from '../parameters.js';
import type { RunContext, Scope } from '../run-context.js';
import { runBranch } from './branches.js';
import { failComposite } from './run-composite.js';

export async function runLoop(run: RunContext, node: LoopNode, scope: Scope, step: StepLog): Promise<void> {
  const parentSnapshot = cloneParameters(scope.params);
  let current = scope.params;
  for (let i = 0; i < node.maxIterations; i++) {
    const r = await runBranch(run, step, scope, {
      name: `${step.internal_name}.${i}`,
      graph: node.branch,
      iter: { map_variable: scope.iter.map_variable, loop_variable: [...scope.iter.loop_variable, { value: i }] },
      env: { [node.indexAs]: String(i) },
      startFrom: current,
    });
    current = r.log.parameters;
    if (r.status !== 'SUCCESS') {
      // as runnable's fan-in: the failed iteration's parameters still roll back, so on_failure sees the last values
      Object.assign(scope.params, changedSince(parentSnapshot, current));
      step.status = 'FAIL';
      step.message = `iteration ${i} failed`;
      return;
    }
    const brk = current[node.breakOn];
    if (brk !== undefined && typeof brk.value !== 'boolean') {
      return failComposite(
        step,
        `break_on parameter "${node.breakOn}" must be true or false; iteration ${i} set it to ${JSON.stringify(brk.value)}.`,
      );
    }
    if (brk?.value === true) break;
  }
  Object.assign(scope.params, changedSince(parentSnapshot, current));
  step.status = 'SUCCESS';
}
