import type { TaskResult } from './task-runner.js';
/**
 * Runs `task` with a signal that aborts on `cancel` or after `seconds`. A task that does not stop when its signal
 * aborts (an in-process TypeScript function) is not waited for past the limit.
 */
export declare function runWithinLimit(cancel: AbortSignal, seconds: number | undefined, task: (signal: AbortSignal) => Promise<TaskResult>, say: (line: string) => void): Promise<TaskResult>;
