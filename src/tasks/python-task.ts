// Python tasks: a dotted path called by a long-lived python worker (tasks/python/), one per concurrent lane.
import { InfrastructureError } from '../errors.js';
import { LineSplitter } from './line-splitter.js';
import { PythonNotFoundError, type PythonWorkerPool } from './python/worker-pool.js';
import type { TaskInvocation, TaskResult } from './task.js';

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
      returns: inv.task.returns,
      env: inv.env,
      objectPaths: inv.objects.paths,
      objectOutDir: inv.objects.outDir,
    },
    (stream, text) => lines[stream].push(text),
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
