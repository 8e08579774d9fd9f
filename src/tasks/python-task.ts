// Python tasks: a dotted path called by a long-lived python worker (tasks/python/), one per concurrent lane.
import { LineSplitter } from './line-splitter.js';
import type { PythonWorkerPool } from './python/worker-pool.js';
import type { TaskInvocation, TaskResult } from './task.js';

export async function runPythonTask(inv: TaskInvocation, pool: PythonWorkerPool): Promise<TaskResult> {
  const lines = {
    stdout: new LineSplitter((l) => inv.output('stdout', l)),
    stderr: new LineSplitter((l) => inv.output('stderr', l)),
  };
  // The worker already has the base environment: only this task's additions are sent, and removed after the call.
  const r = await pool.call(
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
