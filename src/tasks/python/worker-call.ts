// What python tasks, notebook tasks and python reducers do alike around a call to the run's python workers: the
// worker's output split into lines for the task's log, a missing interpreter turned into the machine's failure
// (InfrastructureError, exit 3) rather than the task's, and the worker's reply turned into a task result.
// runnable runs these in its own process; it has no counterpart.
import type { TaskInvocation, TaskResult } from '../../engine/task-runner.js';
import type { ReturnSpec } from '../../pipeline/model.js';
import { InfrastructureError } from '../../errors.js';
import { LineSplitter } from '../../util/line-splitter.js';
import { PythonNotFoundError, type OutputSink, type PythonResult } from './worker-pool.js';

/** What a python or notebook call gets of its task's scope: parameters, map variables, returns, env, objects. */
export function scopeOfCall(inv: TaskInvocation) {
  return {
    parameters: inv.params,
    iterVariables: inv.iterVariables,
    // runnable fills `${var}` in a return's name from the map variables, for python tasks too
    returns: filledReturns(inv.task.returns, inv.iterVariables),
    env: inv.env,
    objectPaths: inv.objects.paths,
    objectOutDir: inv.objects.outDir,
  };
}

/**
 * Return names with `${var}` replaced by the map variables' values (runnable's `Template.safe_substitute`);
 * `template` keeps the unfilled name, under which runnable reads the value from a notebook's namespace.
 */
export function filledReturns(returns: ReturnSpec[], iterVariables: Record<string, unknown>): (ReturnSpec & { template: string })[] {
  return returns.map((r) => ({
    ...r,
    name: r.name.replace(/\$\{(\w+)\}/g, (whole, key: string) => (key in iterVariables ? String(iterVariables[key]) : whole)),
    template: r.name,
  }));
}

/** Calls the workers with a sink that hands `output` whole lines (the last one too, whatever happens). */
export async function workerCall<R>(
  output: (stream: 'stdout' | 'stderr', line: string) => void,
  call: (sink: OutputSink) => Promise<R>,
): Promise<R> {
  const lines = {
    stdout: new LineSplitter((l) => output('stdout', l)),
    stderr: new LineSplitter((l) => output('stderr', l)),
  };
  try {
    return await call((stream, text) => lines[stream].push(text));
  } catch (e) {
    if (e instanceof PythonNotFoundError) throw new InfrastructureError('python', e.message, { cause: e });
    throw e;
  } finally {
    lines.stdout.end();
    lines.stderr.end();
  }
}

/** The task result of a worker's reply; `onSuccess` adds what only a success brings (an executed notebook). */
export function taskResultOf(r: PythonResult, onSuccess: Pick<TaskResult, 'catalogFiles'> = {}): TaskResult {
  if (!r.ok) return { status: 'FAIL', outputs: {}, message: r.message };
  return { status: 'SUCCESS', outputs: r.outputs, message: '', ...onSuccess };
}
