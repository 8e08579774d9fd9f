// Python tasks: a dotted path called by a long-lived python worker (tasks/python/), one per concurrent lane.
import type { RunResources } from '../engine/run-resources.js';
import type { ReducerCall, TaskInvocation, TaskResult, TaskRunner } from '../engine/task-runner.js';
import { InvalidInputError } from '../errors.js';
import { scopeOfCall, taskResultOf, workerCall } from './python/worker-call.js';
import { PythonWorkerPool } from './python/worker-pool.js';

/**
 * The run's python workers, started by the first task (python, notebook, or a reducer) that needs one; the
 * interpreter is RUNNABLE_PYTHON (else python3), the isolation RUNNABLE_PYTHON_ISOLATION, both from the run's env.
 */
export function pythonWorkers(resources: RunResources): PythonWorkerPool {
  return resources.get('python-workers', (s) => new PythonWorkerPool({ cwd: s.cwd, env: s.env, isolation: pythonIsolation(s.env) }));
}

/** RUNNABLE_PYTHON_ISOLATION=process: a fresh interpreter for every python task instead of a long-lived worker. */
export function pythonIsolation(env: NodeJS.ProcessEnv): 'worker' | 'process' {
  const v = env.RUNNABLE_PYTHON_ISOLATION;
  if (v === undefined || v === '' || v === 'worker') return 'worker';
  if (v === 'process') return 'process';
  throw new InvalidInputError('invalid arguments', [
    {
      message: `RUNNABLE_PYTHON_ISOLATION=${v} is not known.`,
      fix: 'use "worker" (the default: one long-lived interpreter per lane) or "process" (a fresh interpreter per task).',
    },
  ]);
}

/** The runner of `command_type: python`; it also evaluates map reducers written in python (runnable's). */
export const pythonRunner: TaskRunner = {
  run: (inv) => runPythonTask(inv, pythonWorkers(inv.resources)),
  checkEnvironment: (env) => void pythonIsolation(env),
  reduce: reducePython,
};

function reducePython(call: ReducerCall): Promise<unknown> {
  return workerCall(call.output, (sink) => pythonWorkers(call.resources).reduce(call.reducer, call.values, sink));
}

export async function runPythonTask(inv: TaskInvocation, pool: PythonWorkerPool): Promise<TaskResult> {
  // The worker already has the base environment: only this task's additions are sent, and removed after the call.
  const call = {
    command: inv.task.command,
    ...scopeOfCall(inv),
  };
  return taskResultOf(await workerCall(inv.output, (sink) => pool.call(call, sink, inv.signal)));
}
