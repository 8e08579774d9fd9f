import type { TaskResult } from '../../engine/task-runner.js';
import { type OutputSink, type PythonResult } from './worker-pool.js';
/** Calls the workers with a sink that hands `output` whole lines (the last one too, whatever happens). */
export declare function workerCall<R>(output: (stream: 'stdout' | 'stderr', line: string) => void, call: (sink: OutputSink) => Promise<R>): Promise<R>;
/** The task result of a worker's reply; `onSuccess` adds what only a success brings (an executed notebook). */
export declare function taskResultOf(r: PythonResult, onSuccess?: Pick<TaskResult, 'catalogFiles'>): TaskResult;
