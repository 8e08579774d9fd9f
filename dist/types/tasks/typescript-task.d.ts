import type { TaskInvocation, TaskResult, TaskRunner } from '../engine/task-runner.js';
type TaskFunction = (params: Record<string, unknown>) => unknown;
export declare function runTypescriptTask(inv: TaskInvocation, fn?: TaskFunction): Promise<TaskResult>;
/** The runner of `command_type: typescript`: the SDK task's own function, else the module's export. */
export declare const typescriptRunner: TaskRunner;
export {};
