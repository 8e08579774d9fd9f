// Notebook tasks (runnable §2.5): a .ipynb whose code cells the python worker runs in order (tasks/python/
// notebook.py), with the scope's json/metric parameters and the map variables injected after the cell tagged
// `parameters`. Returns are read from the final namespace by name; a `${var}` in a return name is filled from
// the map variables. The executed notebook is written beside the input as `<stem>-<tag>_out.ipynb`, tag =
// alnum(`<key>_<value>_`... + the step's name), runnable's naming, and handed back for the catalog. A `${var}`
// return is read from the namespace under its filled name (`processed_1`), else under the unfilled one (runnable's).
// Differs from runnable: no ploomber-engine or Jupyter kernel (IPython is used when installed), and a failing
// cell's traceback is the attempt's message (runnable leaves it empty).
import path from 'node:path';
import type { TaskInvocation, TaskResult, TaskRunner } from '../engine/task-runner.js';
import { pythonWorkers } from './python-task.js';
import { scopeOfCall, taskResultOf, workerCall } from './python/worker-call.js';
import type { PythonWorkerPool } from './python/worker-pool.js';

const alnum = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');

/** `<stem>-<tag>_out.ipynb` beside the notebook, relative as the command gives it (the catalog name). */
export function notebookOutputName(command: string, stepName: string, iterVariables: Record<string, unknown>): string {
  let tag = '';
  for (const [key, value] of Object.entries(iterVariables)) tag += `${key}_${String(value)}_`;
  const parsed = path.posix.parse(command.split(path.sep).join('/'));
  const file = `${parsed.name}-${alnum(tag + stepName)}_out.ipynb`;
  return parsed.dir ? `${parsed.dir}/${file}` : file;
}

/** The runner of `command_type: notebook`: the run's python workers (shared with python tasks) run it. */
export const notebookRunner: TaskRunner = {
  run: (inv) => runNotebookTask(inv, pythonWorkers(inv.resources)),
};

export async function runNotebookTask(inv: TaskInvocation, pool: PythonWorkerPool): Promise<TaskResult> {
  const outName = notebookOutputName(inv.task.command, inv.stepName, inv.iterVariables);
  const call = {
    notebook: path.resolve(inv.cwd, inv.task.command),
    label: inv.task.command,
    outPath: path.resolve(inv.cwd, outName),
    ...scopeOfCall(inv),
  };
  const r = await workerCall(inv.output, (sink) => pool.notebook(call, sink, inv.signal));
  return taskResultOf(r, { catalogFiles: [{ name: outName, file: call.outPath }] });
}
