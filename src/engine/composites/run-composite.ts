// Dispatch to the node type's fan-out / run / fan-in.
import type { CompositeNode } from '../../pipeline/model.js';
import type { StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
import { runConditional } from './conditional.js';
import { runLoop } from './loop.js';
import { runMap } from './map.js';
import { runParallel } from './parallel.js';
import { unreachable } from '../../util/unreachable.js';

export async function runComposite(run: RunContext, node: CompositeNode, scope: Scope, step: StepLog): Promise<void> {
  step.message = '';
  switch (node.type) {
    case 'parallel':
      return runParallel(run, node, scope, step);
    case 'map':
      return runMap(run, node, scope, step);
    case 'conditional':
      return runConditional(run, node, scope, step);
    case 'loop':
      return runLoop(run, node, scope, step);
    default:
      return unreachable(node, 'composite node type');
  }
}

/** A composite that cannot start (bad iterate_on, no matching branch): the step fails with a message, the run goes on. */
export function failComposite(step: StepLog, message: string): void {
  step.status = 'FAIL';
  step.message = message;
}
