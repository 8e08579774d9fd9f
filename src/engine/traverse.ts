// Graph traversal (runnable §1.4): from start_at along `next`, or `on_failure` (else the graph's `fail` node)
// after a failed step, until a terminal node decides the status of the graph's run log or branch log.
import { isComposite, isTerminal, type Graph, type PipelineNode } from '../pipeline/model.js';
import { resolveName } from '../pipeline/names.js';
import { newStepLog, type StepLog, type Status } from '../services/run-log/model.js';
import { CancelledError } from '../errors.js';
import { recordAttempt } from './attempt.js';
import { runComposite } from './composites/run-composite.js';
import type { RunContext, Scope } from './run-context.js';

/**
 * Steps that never wait for I/O (stubs, mocked tasks) would otherwise run a whole pipeline without giving the event
 * loop a turn: no run-log write, no Ctrl-C, until the end. Each run owns one (`run.turns`): runs in one process
 * (SDK) do not share the clock.
 */
export class EventLoopTurns {
  private last = performance.now();

  /** Gives the event loop a turn when the last one was more than 20 ms ago. */
  async take(): Promise<void> {
    if (performance.now() - this.last < 20) return;
    await new Promise((r) => setImmediate(r));
    this.last = performance.now();
  }
}

export async function executeGraph(run: RunContext, graph: Graph, scope: Scope): Promise<Status> {
  let current = graph.startAt;
  for (;;) {
    await run.turns.take();
    if (run.abort.aborted) throw new CancelledError(run.abort.reason === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
    const node = graph.nodes[current];
    const status = await executeNode(run, node, scope);
    if (isTerminal(node)) return scope.holder.status;
    current = status === 'FAIL' ? node.onFailure || 'fail' : node.next;
  }
}

/** A step that a resumed run does not run again: a composite that succeeded, a leaf whose last attempt did. */
function alreadySucceeded(step: StepLog | undefined, node: PipelineNode): boolean {
  if (!step || isTerminal(node)) return false;
  if (isComposite(node)) return step.status === 'SUCCESS';
  return step.attempts.at(-1)?.status === 'SUCCESS';
}

export async function executeNode(run: RunContext, node: PipelineNode, scope: Scope): Promise<Status> {
  const stepName = resolveName(node.internalName, scope.iter);
  const existing = scope.steps[stepName];
  if (run.retry && alreadySucceeded(existing, node)) {
    run.events.emit({ type: 'step-skipped', step: stepName, name: node.name, reason: 'already successful' });
    return 'SUCCESS';
  }
  const step = existing ?? newStepLog(node.name, stepName, node.type);
  scope.steps[stepName] = step;
  step.status = 'PROCESSING';
  const started = Date.now();
  run.events.emit({ type: 'step-started', step: stepName, name: node.name, stepType: node.type });
  run.store.save(run.runLog, scope.branch);

  if (isTerminal(node)) {
    recordAttempt(run, step, { status: 'SUCCESS' });
    step.status = 'SUCCESS';
    scope.holder.status = node.type === 'success' ? 'SUCCESS' : 'FAIL';
  } else if (isComposite(node)) {
    await runComposite(run, node, scope, step);
  } else {
    // The run-wide lanes bound the work in flight, however deep the composites that started it.
    await run.lanes.acquire();
    try {
      await run.executor.executeLeaf(run, node, scope, step);
    } finally {
      run.lanes.release();
    }
    step.status = step.attempts.at(-1)?.status ?? 'FAIL';
  }
  run.store.save(run.runLog, scope.branch);
  // a finished step is on disk before the next starts, so a retry after a kill does not run it again
  await run.store.checkpoint?.();
  run.events.emit({
    type: 'step-finished',
    step: stepName,
    name: node.name,
    stepType: node.type,
    status: step.status,
    attempts: step.attempts.length,
    message: step.message || step.attempts.at(-1)?.message || '',
    durationMs: Date.now() - started,
  });
  return step.status;
}
