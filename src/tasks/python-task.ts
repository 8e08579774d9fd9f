// Python tasks: a dotted path called by a long-lived python worker (tasks/python/), one per concurrent lane.
import type { RunResources } from '../engine/run-resources.js';
import type { ReducerCall, TaskInvocation, TaskResult, TaskRunner } from '../engine/task-runner.js';
import { InfrastructureError, InvalidInputError } from '../errors.js';
import { LineSplitter } from '../util/line-splitter.js';
import { filledReturns } from './notebook-task.js';
import { PythonNotFoundError, PythonWorkerPool } from './python/worker-pool.js';

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

async function reducePython(call: ReducerCall): Promise<unknown> {
  const lines = {
    stdout: new LineSplitter((l) => call.output('stdout', l)),
    stderr: new LineSplitter((l) => call.output('stderr', l)),
  };
  try {
    return await pythonWorkers(call.resources).reduce(call.reducer, call.values, (stream, text) => lines[stream].push(text));
  } finally {
    lines.stdout.end();
    lines.stderr.end();
  }
}

export async function runPythonTask(inv: TaskInvocation, pool: PythonWorkerPool): Promise<TaskResult> {
  const lines = {
    stdout: new LineSplitter((l) => inv.output('stdout', l)),
    stderr: new LineSplitter((l) => inv.output('stderr', l)),
  };
  // The worker already has the base environment: only this task's additions are sent, and removed after the call.
  const r = await callPool(
    pool,
    {
      command: inv.task.command,
      parameters: inv.params,
      iterVariables: inv.iterVariables,
      // runnable fills `${var}` in a return's name from the map variables, for python tasks too
      returns: filledReturns(inv.task.returns, inv.iterVariables),
      env: inv.env,
      objectPaths: inv.objects.paths,
      objectOutDir: inv.objects.outDir,
    },
    (stream, text) => lines[stream].push(text),
    inv.signal,
  );
  lines.stdout.end();
  lines.stderr.end();
  return { status: r.ok ? 'SUCCESS' : 'FAIL', outputs: r.outputs, message: r.message };
}

// A missing interpreter is not the task's failure but the machine's: it ends the run with exit 3.
async function callPool(pool: PythonWorkerPool, ...args: Parameters<PythonWorkerPool['call']>) {
  try {
    return await pool.call(...args);
  } catch (e) {
    if (e instanceof PythonNotFoundError) throw new InfrastructureError('python', e.message, { cause: e });
    throw e;
  }
}
