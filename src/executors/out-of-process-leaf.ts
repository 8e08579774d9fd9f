// Running a leaf in another process (a subprocess, a container): hand it over through the single-node command,
// then take the step log and the scope's parameters it wrote back into this run's in-memory log.
import { commandFriendly } from '../pipeline/names.js';
import type { LeafNode } from '../pipeline/model.js';
import type { RunContext, Scope } from '../engine/run-context.js';
import { recordAttempt } from '../engine/attempt.js';
import { findStep, scopeOf, timestamp, type StepLog } from '../services/run-log/model.js';

/** The arguments of `runnable execute-single-node` for this leaf in this scope. */
export function singleNodeArgs(
  run: RunContext,
  node: LeafNode,
  scope: Scope,
  paths: { pipeline?: string; config?: string } = {},
): string[] {
  const args = ['execute-single-node', run.runId, paths.pipeline ?? run.files.pipeline, commandFriendly(node.internalName)];
  args.push('--iter-variable', JSON.stringify(scope.iter));
  const config = paths.config ?? run.files.config;
  if (config) args.push('--config', config);
  if (run.tag) args.push('--tag', run.tag);
  args.push('--log-level', run.logLevel);
  return args;
}

/**
 * The secrets a task declares, for the environment of the process or container that runs it, when the secrets
 * store reads the environment (env-secrets): the run's own tasks get them from this process, another process
 * would not see them (the environment tasks start from has every declared secret removed). A missing secret is
 * left out: the step fails inside with the same message as locally.
 */
export function stepSecrets(run: RunContext, node: LeafNode): Record<string, string> {
  const env: Record<string, string> = {};
  if (node.type !== 'task' || !run.secrets.fromEnvironment) return env;
  for (const name of node.task.secrets) {
    try {
      env[name] = run.secrets.get(name);
    } catch {
      // reported by the step
    }
  }
  return env;
}

export interface OutOfProcessResult {
  exitCode: number;
  /** Why the process could not record the step itself (killed, image without node...). */
  failure?: string;
}

export async function runLeafOutOfProcess(
  run: RunContext,
  scope: Scope,
  step: StepLog,
  launch: () => Promise<OutOfProcessResult>,
): Promise<void> {
  // the other process reads the run log from the store: everything this process knows must be there first
  run.store.save(run.runLog, scope.branch);
  await run.store.flush();
  const attemptsBefore = step.attempts.length;
  const started = timestamp();
  const res = await launch();
  const fresh = await run.store.read(run.runId);
  const written = findStep(fresh, step.internal_name);
  if (written && written.attempts.length > attemptsBefore) {
    Object.assign(step, written, { branches: step.branches });
    const params = scopeOf(fresh, scope.branch)?.parameters ?? {};
    for (const [k, v] of Object.entries(params)) scope.params[k] = v;
    if (res.exitCode !== 0 && step.attempts.at(-1)?.status === 'SUCCESS') {
      step.attempts.at(-1)!.status = 'FAIL';
      step.attempts.at(-1)!.message =
        `the step process exited with ${res.exitCode} after recording success${res.failure ? `: ${res.failure}` : ''}`;
    }
    return;
  }
  // The process died before it could record anything: record the failure here, so the log stays whole.
  recordAttempt(run, step, {
    start: started,
    status: 'FAIL',
    message: res.failure ?? `the step process exited with code ${res.exitCode} before recording the step`,
  });
}
