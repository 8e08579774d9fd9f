import type { TaskInvocation, TaskResult, TaskRunner } from '../engine/task-runner.js';
import type { PythonWorkerPool } from './python/worker-pool.js';
/** `<stem>-<tag>_out.ipynb` beside the notebook, relative as the command gives it (the catalog name). */
export declare function notebookOutputName(command: string, stepName: string, iterVariables: Record<string, unknown>): string;
/** The runner of `command_type: notebook`: the run's python workers (shared with python tasks) run it. */
export declare const notebookRunner: TaskRunner;
export declare function runNotebookTask(inv: TaskInvocation, pool: PythonWorkerPool): Promise<TaskResult>;
