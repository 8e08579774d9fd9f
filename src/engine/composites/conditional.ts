// conditional: the branch whose key equals str(parameter value) runs; the others leave no trace. No match is a
// failed step with a message (runnable raises and leaves the run log PROCESSING).
import type { ConditionalNode } from '../../pipeline/model.js';
import { pythonStr } from '../../pipeline/names.js';
import type { StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
import { mergeChanges, runBranch } from './branches.js';
import { failComposite } from './run-composite.js';

export async function runConditional(run: RunContext, node: ConditionalNode, scope: Scope, step: StepLog): Promise<void> {
  // Looked up in the enclosing scope (runnable reads the root; with copy-on-fan-out this sees the root too).
  // A map item is a parameter of its branch's tasks, so a conditional inside the map may switch on it too.
  const item = scope.iter.map_variable[node.parameter];
  const p = scope.params[node.parameter] ?? (item ? { kind: 'json' as const, value: item.value } : undefined);
  if (!p) {
    return failComposite(
      step,
      `the conditional parameter "${node.parameter}" is not set. Parameters here: ${Object.keys(scope.params).join(', ') || '(none)'}.`,
    );
  }
  if (p.value === null || typeof p.value === 'object') {
    return failComposite(
      step,
      `the conditional parameter "${node.parameter}" must be a string, number or boolean; it is ${JSON.stringify(p.value)}.`,
    );
  }
  const key = pythonStr(p.value);
  const graph = node.branches[key];
  if (!graph) {
    return failComposite(
      step,
      `no branch of "${node.name}" is named "${key}" (the value of ${node.parameter}); branches: ${Object.keys(node.branches).join(', ')}.`,
    );
  }
  const r = await runBranch(run, step, scope, { name: `${step.internal_name}.${key}`, graph, iter: scope.iter });
  if (r.status === 'SUCCESS') mergeChanges(scope, r);
  step.status = r.status === 'SUCCESS' ? 'SUCCESS' : 'FAIL';
}
