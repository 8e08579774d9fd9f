// Runs one task or stub of a run whose run log already exists: the body of `runnable execute-single-node`,
// the one code path containers, the emulator and Argo pods use. It reads the scope from the store, runs the
// leaf here, and writes the step log and the scope's parameters back.
import { InvalidInputError } from '../errors.js';
import { findNode } from '../pipeline/find-node.js';
import { isLeaf, isTerminal, type Pipeline } from '../pipeline/model.js';
import { resolveName, type IterVariable } from '../pipeline/names.js';
import { newStepLog, parentBranchName, scopeOf, type RunLog, type Status } from '../services/run-log/model.js';
import type { RunContext, Scope } from './run-context.js';
import { recordAttempt } from './attempt.js';
import { runLeaf } from './leaf.js';

export interface SingleNodeTarget {
  pipeline: Pipeline;
  /** Definition-time internal name, placeholders included. */
  internalName: string;
  iter: IterVariable;
  /** Run one attempt only: the other engine retries the whole process (Argo's retryStrategy). */
  oneAttempt?: boolean;
}

export function locateLeaf(runLog: RunLog, t: SingleNodeTarget) {
  const found = findNode(t.pipeline.graph, t.internalName);
  if (!found || !(isLeaf(found.node) || isTerminal(found.node))) {
    throw new InvalidInputError('invalid arguments', [
      {
        message: `"${t.internalName}" is not a task, stub, success or fail step of ${t.pipeline.file}.`,
        fix: 'give the internal name of a task, stub, success or fail step (dots between step and branch names, "%" for spaces).',
      },
    ]);
  }
  const stepName = resolveName(t.internalName, t.iter);
  const branch = parentBranchName(stepName);
  const holder = scopeOf(runLog, branch);
  if (!holder) {
    throw new InvalidInputError('invalid arguments', [
      {
        message: `the run log of ${runLog.run_id} has no branch "${branch}" for step "${stepName}".`,
        fix: 'check --iter-variable: its map and loop values must match a branch the run created.',
      },
    ]);
  }
  const loopValues = t.iter.loop_variable.map((v) => String(v.value));
  const env = Object.fromEntries(found.loops.map((l, i) => [l.indexAs, loopValues[i] ?? '']));
  const scope: Scope = { branch, steps: holder.steps, params: holder.parameters, holder: holder as Scope['holder'], iter: t.iter, env };
  return { node: found.node, stepName, scope };
}

/**
 * Runs the step and returns its status; for a success or fail node (a whole-graph executor runs those as steps
 * too), the status it gives its graph.
 */
export async function executeSingleNode(run: RunContext, t: SingleNodeTarget): Promise<Status> {
  const { node, stepName, scope } = locateLeaf(run.runLog, t);
  const step = scope.steps[stepName] ?? newStepLog(node.name, stepName, node.type);
  scope.steps[stepName] = step;
  if (isTerminal(node)) {
    recordAttempt(run, step, { status: 'SUCCESS' });
    step.status = 'SUCCESS';
    scope.holder.status = node.type === 'success' ? 'SUCCESS' : 'FAIL';
    run.store.save(run.runLog, scope.branch);
    await run.store.flush();
    return scope.holder.status;
  }
  if (!isLeaf(node)) throw new Error('unreachable');
  step.status = 'PROCESSING';
  try {
    await runLeaf(run, node, scope, step, t.oneAttempt ? { attempts: 1 } : {});
    step.status = step.attempts.at(-1)?.status ?? 'FAIL';
  } catch (e) {
    step.status = 'FAIL';
    step.message = (e as Error).message;
    throw e;
  } finally {
    run.store.save(run.runLog, scope.branch);
    await run.store.flush();
  }
  return step.status;
}
