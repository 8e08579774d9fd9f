import type { TaskInvocation, TaskResult } from '../../engine/task-runner.js';
import type { ReturnSpec } from '../../pipeline/model.js';
import { type OutputSink, type PythonResult } from './worker-pool.js';
/** What a python or notebook call gets of its task's scope: parameters, map variables, returns, env, objects. */
export declare function scopeOfCall(inv: TaskInvocation): {
    parameters: import("../../index.js").Parameters;
    iterVariables: Record<string, unknown>;
    returns: (ReturnSpec & {
        template: string;
    })[];
    env: Record<string, string>;
    objectPaths: Record<string, string>;
    objectOutDir: string;
};
/**
 * Return names with `${var}` replaced by the map variables' values (runnable's `Template.safe_substitute`);
 * `template` keeps the unfilled name, under which runnable reads the value from a notebook's namespace.
 */
export declare function filledReturns(returns: ReturnSpec[], iterVariables: Record<string, unknown>): (ReturnSpec & {
    template: string;
})[];
/** Calls the workers with a sink that hands `output` whole lines (the last one too, whatever happens). */
export declare function workerCall<R>(output: (stream: 'stdout' | 'stderr', line: string) => void, call: (sink: OutputSink) => Promise<R>): Promise<R>;
/** The task result of a worker's reply; `onSuccess` adds what only a success brings (an executed notebook). */
export declare function taskResultOf(r: PythonResult, onSuccess?: Pick<TaskResult, 'catalogFiles'>): TaskResult;
