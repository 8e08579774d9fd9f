// conditional: the branch whose key equals str(parameter value) runs; the others leave no trace. No match is a
// failed step with a message (runnable raises and leaves the run log PROCESSING).
import type { ConditionalNode } from '../../pipeline/model.js';
import { pythonStr } from '../../pipeline/names.js';
import type { StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
import { mergeChanges, runBranch, type BranchResult } from './branches.js';
import { failComposite } from './run-composite.js';

export async function runConditional(run: RunContext, node: ConditionalNode, scope: Scope, step: StepLog): Promise<void> {
  const chosen = chooseConditionalBranch(node, scope);
  if ('error' in chosen) return failComposite(step, chosen.error);
  const r = await runBranch(run, step, scope, {
    name: `${step.internal_name}.${chosen.key}`,
    graph: node.branches[chosen.key],
    iter: scope.iter,
  });
  conditionalFanIn(scope, step, r);
}

/** The key of the branch to run, or why none can (also the fan-out of a conditional job in a GitHub workflow). */
export function chooseConditionalBranch(node: ConditionalNode, scope: Scope): { key: string } | { error: string } {
  // Looked up in the enclosing scope (runnable reads the root; with copy-on-fan-out this sees the root too).
  // A map item is a parameter of its branch's tasks, so a conditional inside the map may switch on it too.
  const item = scope.iter.map_variable[node.parameter];
  const p = scope.params[node.parameter] ?? (item ? { kind: 'json' as const, value: item.value } : undefined);
  if (!p) {
    return {
      error: `the conditional parameter "${node.parameter}" is not set. Parameters here: ${Object.keys(scope.params).join(', ') || '(none)'}.`,
    };
  }
  if (p.value === null || typeof p.value === 'object') {
    return {
      error: `the conditional parameter "${node.parameter}" must be a string, number or boolean; it is ${JSON.stringify(p.value)}.`,
    };
  }
  const key = pythonStr(p.value);
  if (!node.branches[key]) {
    return {
      error: `no branch of "${node.name}" is named "${key}" (the value of ${node.parameter}); branches: ${Object.keys(node.branches).join(', ')}.`,
    };
  }
  return { key };
}

/** The chosen branch's changes merge back when it succeeded; the step's status is the branch's. */
export function conditionalFanIn(scope: Scope, step: StepLog, r: BranchResult): void {
  if (r.status === 'SUCCESS') mergeChanges(scope, r);
  step.status = r.status === 'SUCCESS' ? 'SUCCESS' : 'FAIL';
}
