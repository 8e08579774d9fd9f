import type { RunResources } from '../engine/run-resources.js';
import type { TaskInvocation, TaskResult, TaskRunner } from '../engine/task-runner.js';
import { PythonWorkerPool } from './python/worker-pool.js';
/**
 * The run's python workers, started by the first task (python, notebook, or a reducer) that needs one; the
 * interpreter is RUNNABLE_PYTHON (else python3), the isolation RUNNABLE_PYTHON_ISOLATION, both from the run's env.
 */
export declare function pythonWorkers(resources: RunResources): PythonWorkerPool;
/** RUNNABLE_PYTHON_ISOLATION=process: a fresh interpreter for every python task instead of a long-lived worker. */
export declare function pythonIsolation(env: NodeJS.ProcessEnv): 'worker' | 'process';
/** The runner of `command_type: python`; it also evaluates map reducers written in python (runnable's). */
export declare const pythonRunner: TaskRunner;
export declare function runPythonTask(inv: TaskInvocation, pool: PythonWorkerPool): Promise<TaskResult>;
