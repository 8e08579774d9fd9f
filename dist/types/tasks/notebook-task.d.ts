import type { TaskInvocation, TaskResult, TaskRunner } from '../engine/task-runner.js';
import type { ReturnSpec } from '../pipeline/model.js';
import type { PythonWorkerPool } from './python/worker-pool.js';
/** `<stem>-<tag>_out.ipynb` beside the notebook, relative as the command gives it (the catalog name). */
export declare function notebookOutputName(command: string, stepName: string, iterVariables: Record<string, unknown>): string;
/**
 * Return names with `${var}` replaced by the map variables' values (runnable's `Template.safe_substitute`);
 * `template` keeps the unfilled name, under which runnable reads the value from a notebook's namespace.
 */
export declare function filledReturns(returns: ReturnSpec[], iterVariables: Record<string, unknown>): (ReturnSpec & {
    template: string;
})[];
/** The runner of `command_type: notebook`: the run's python workers (shared with python tasks) run it. */
export declare const notebookRunner: TaskRunner;
export declare function runNotebookTask(inv: TaskInvocation, pool: PythonWorkerPool): Promise<TaskResult>;
