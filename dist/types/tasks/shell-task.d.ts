import type { TaskInvocation, TaskResult, TaskRunner } from '../engine/task-runner.js';
/**
 * The script run by /bin/sh: the command, preceded (when it declares returns) by a trap that writes
 * `name=value\0` for every declared return that is set. `${x+x=$x}` is empty for an unset variable.
 */
export declare function shellScript(command: string, returns?: string[]): string;
export declare function shellEnv(inv: TaskInvocation): NodeJS.ProcessEnv;
export declare function parseReturnsDump(dump: string): Map<string, string>;
export declare function runShellTask(inv: TaskInvocation): Promise<TaskResult>;
/** The runner of `command_type: shell`. */
export declare const shellRunner: TaskRunner;
