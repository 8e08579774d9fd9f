// The body of a task or stub, the same wherever it runs (runnable's _execute_node): for each attempt up to
// max_attempts, catalog get, the task, catalog put (missing files tolerated after a failure), the execution
// log into the catalog, and an attempt record. Outputs reach the scope only from a successful attempt.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CancelledError, StepError } from '../errors.js';
import type { LeafNode, TaskSpec } from '../pipeline/model.js';
import { jsonParameter, timestamp, type DataCatalog, type Parameters, type StepLog } from '../services/run-log/model.js';
import { recordAttempt, type AttemptFacts } from './attempt.js';
import { SecretNotFoundError } from '../services/secrets/secrets.js';
import { codeIdentities } from './code-identity.js';
import { ExecutionLog, executionLogName } from './execution-log.js';
import { cloneParameters } from './parameters.js';
import type { RunContext, Scope } from './run-context.js';
import { runObjects } from './run-objects.js';
import { maskReturnedSecrets, parametersForTask } from './secret-parameters.js';
import { taskRunners, type TaskInvocation, type TaskResult } from './task-runner.js';
import { runWithinLimit } from './time-limit.js';

export interface LeafOptions {
  /** The task to run instead of the node's own (a mocked executor's patch). */
  task?: TaskSpec;
  /** At most this many attempts (default the node's max_attempts). */
  attempts?: number;
}

export function iterVariables(scope: Scope): Record<string, unknown> {
  return Object.fromEntries(Object.entries(scope.iter.map_variable).map(([k, v]) => [k, v.value]));
}

export async function runLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog, opts: LeafOptions = {}): Promise<void> {
  const task = node.type === 'task' ? (opts.task ?? node.task) : undefined;
  const maxAttempts = Math.min(node.maxAttempts, opts.attempts ?? node.maxAttempts);
  for (let i = 0; i < maxAttempts; i++) {
    const attempt = recordAttempt(run, step, await runAttempt(run, node, task, scope, step));
    if (attempt.status === 'SUCCESS') {
      Object.assign(scope.params, attempt.output_parameters);
      return;
    }
    // a cancelled run starts no new attempt: the attempt that was stopped says so, and the run ends here
    if (run.abort.aborted) {
      attempt.message ||= 'cancelled';
      throw new CancelledError(run.abort.reason === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
    }
    if (i + 1 < maxAttempts) {
      run.events.emit({
        type: 'warning',
        message: `step "${step.internal_name}" attempt ${attempt.attempt_number} failed; trying again (max_attempts ${maxAttempts})`,
      });
    }
  }
}

/**
 * A step that does not run (mocked): one SUCCESS attempt with the outputs it is told to pretend. Its catalog
 * patterns are recorded as mocked instead of moving files that were never made (runnable fails the run there).
 */
export async function mockLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog, outputs: Parameters = {}): Promise<void> {
  for (const stage of ['put', 'get'] as const) {
    for (const pattern of node.catalog?.[stage] ?? []) {
      step.data_catalog.push({ name: pattern, data_hash: '', catalog_relative_path: '', catalog_handler_location: 'mocked', stage });
    }
  }
  const inputs: Parameters = cloneParameters(scope.params);
  for (const [k, v] of Object.entries(iterVariables(scope))) inputs[k] = jsonParameter(v);
  step.mock = true;
  recordAttempt(run, step, {
    status: 'SUCCESS',
    input_parameters: inputs,
    output_parameters: outputs,
    code_identities: await codeIdentities(),
  });
  Object.assign(scope.params, outputs);
}

/** The registered runner of the task's command_type (the pipeline checks name only registered ones). */
function runnerOf(task: TaskSpec) {
  const runner = taskRunners.get(task.command_type);
  if (!runner) {
    throw new Error(
      `internal: no task runner is registered for command_type "${task.command_type}" (registered: ${taskRunners.commandTypes().join(', ')})`,
    );
  }
  return runner;
}

async function runAttempt(run: RunContext, node: LeafNode, task: TaskSpec | undefined, scope: Scope, step: StepLog): Promise<AttemptFacts> {
  // output goes to a scratch file as it comes, not to memory
  const log = new ExecutionLog();
  try {
    return await attemptWithLog(run, node, task, scope, step, log);
  } finally {
    log.dispose();
  }
}

async function attemptWithLog(
  run: RunContext,
  node: LeafNode,
  task: TaskSpec | undefined,
  scope: Scope,
  step: StepLog,
  log: ExecutionLog,
): Promise<AttemptFacts> {
  const attemptNumber = step.attempts.length + 1;
  const startTime = timestamp();
  const iter = iterVariables(scope);
  const inputs: Parameters = cloneParameters(scope.params);
  for (const [k, v] of Object.entries(iter)) inputs[k] = jsonParameter(v);
  const output = (stream: 'stdout' | 'stderr', line: string) => {
    const masked = run.masker.mask(line);
    log.line(masked);
    run.events.emit({ type: 'step-output', step: step.internal_name, stream, line: masked });
  };
  const catalogEntries: { put: DataCatalog[]; get: DataCatalog[] } = { put: [], get: [] };
  /** Files this attempt stored in the catalog that are not in `catalogEntries.put` (pickled objects). */
  const stored: string[] = [];
  let result: TaskResult = { status: 'SUCCESS', outputs: {}, message: '' };
  let objectDir: string | undefined;
  try {
    const env: Record<string, string> = { ...scope.env, RUNNABLE_STEP_ATTEMPT: String(attemptNumber) };
    for (const name of task?.secrets ?? []) {
      const value = run.secrets.get(name);
      run.masker.add(value, name);
      env[name] = value;
    }
    const readsObjects = Object.values(scope.params).some((p) => p.kind === 'object');
    if (run.catalog.pull && (node.catalog?.get?.length || readsObjects)) await run.catalog.pull(run.runId);
    for (const pattern of node.catalog?.get ?? []) catalogEntries.get.push(...(await run.catalog.get(run.runId, pattern)));
    if (task) {
      if (task.returns.some((r) => r.kind === 'object')) objectDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'runnable-obj-'));
      const objectPaths: Record<string, string> = {};
      const kept = run.executor.objectSerialisation === false ? runObjects(run.resources) : undefined;
      for (const [name, p] of Object.entries(scope.params)) {
        if (p.kind !== 'object') continue;
        const file = `${String(p.value)}.dill`;
        const stored = kept?.pathOf(file) ?? run.catalog.storedPath(run.runId, file);
        if (stored) objectPaths[name] = stored;
      }
      const inv: TaskInvocation = {
        task,
        stepName: node.name,
        params: parametersForTask(run.resources, scope.params, task),
        iterVariables: iter,
        baseEnv: run.baseEnv,
        env,
        cwd: run.catalog.computeDataFolder,
        output,
        signal: run.abort,
        objects: { paths: objectPaths, outDir: objectDir ?? path.join(os.tmpdir(), 'runnable-no-objects') },
        // an SDK task's own function, unless a patch (mocked executor) gave another command
        inlineFunction: node.type === 'task' && task.command === node.task.command ? node.fn : undefined,
        resources: run.resources,
      };
      const limit = run.executor.taskTimeout?.(node);
      result = await runWithinLimit(
        run.abort,
        limit,
        (signal) => runnerOf(task).run({ ...inv, signal }),
        (l) => output('stderr', l),
      );
      if (task.command_type === 'shell' && result.status === 'SUCCESS') warnUnsetReturns(run, step.internal_name, task, result);
      result = maskReturnedSecrets(run.masker, run.resources, result, (m) =>
        run.events.emit({ type: 'warning', message: `step "${step.internal_name}": ${m}` }),
      );
      if (objectDir && result.status === 'SUCCESS') {
        for (const [name, p] of Object.entries(result.outputs)) {
          if (p.kind !== 'object') continue;
          if (kept) {
            await kept.keep(`${name}.dill`, path.join(objectDir, `${name}.dill`));
            continue;
          }
          await run.catalog.putFile(run.runId, `${name}.dill`, { file: path.join(objectDir, `${name}.dill`) });
          stored.push(`${name}.dill`);
        }
      }
      // runnable puts these (an executed notebook) without listing them in the step's data_catalog
      for (const f of result.status === 'SUCCESS' ? (result.catalogFiles ?? []) : []) {
        await run.catalog.putFile(run.runId, f.name, { file: f.file });
        stored.push(f.name);
      }
    }
  } catch (e) {
    if (!(e instanceof StepError || e instanceof SecretNotFoundError)) throw e;
    result = { status: 'FAIL', outputs: {}, message: e.message };
    output('stderr', `[runnable] ${e.message}`);
  } finally {
    if (objectDir) await fs.promises.rm(objectDir, { recursive: true, force: true });
  }
  try {
    for (const pattern of node.catalog?.put ?? []) {
      catalogEntries.put.push(
        ...(await run.catalog.put(run.runId, pattern, {
          allowMissing: result.status === 'FAIL',
          storeCopy: node.catalog?.store_copy ?? true,
        })),
      );
    }
  } catch (e) {
    if (!(e instanceof StepError)) throw e;
    result = { status: 'FAIL', outputs: result.outputs, message: e.message };
    output('stderr', `[runnable] ${e.message}`);
  }
  if (task) {
    const logName = executionLogName(run.catalog, run.runId, step.internal_name);
    const entry = await run.catalog.putFile(run.runId, logName, { file: log.finish() });
    if (entry) catalogEntries.put.push(entry);
  }
  if (run.catalog.push) {
    const rels = [...stored, ...catalogEntries.put.map((e) => e.name)];
    try {
      await run.catalog.push(run.runId, step.internal_name, attemptNumber, rels);
    } catch (e) {
      if (!(e instanceof StepError)) throw e;
      result = { status: 'FAIL', outputs: result.outputs, message: e.message };
      output('stderr', `[runnable] ${e.message}`);
    }
  }
  step.data_catalog.push(...catalogEntries.put, ...catalogEntries.get);
  // runnable records no output parameters on a failed attempt (a shell task that exported, then failed)
  return {
    start: startTime,
    status: result.status,
    message: run.masker.mask(result.message),
    input_parameters: inputs,
    output_parameters: result.status === 'SUCCESS' ? result.outputs : {},
    code_identities: await codeIdentities(),
  };
}

/** A declared return a shell task never set (no `export name=…`): later steps will not see it; runnable says nothing. */
function warnUnsetReturns(run: RunContext, stepName: string, task: TaskSpec, result: TaskResult): void {
  const unset = task.returns.filter((r) => r.kind !== 'object' && !(r.name in result.outputs)).map((r) => r.name);
  if (!unset.length) return;
  run.events.emit({
    type: 'warning',
    message: `step "${stepName}" declares the return${unset.length > 1 ? 's' : ''} ${unset.map((n) => `"${n}"`).join(', ')} but its command never set ${unset.length > 1 ? 'them' : 'it'}: write \`export ${unset[0]}=…\` in the command, or drop it from \`returns\`.`,
  });
}
