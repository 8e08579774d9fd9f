import type { ReturnSpec } from '../../pipeline/model.js';
import { type Parameters } from '../../services/run-log/model.js';
import { type OutputSink } from './worker.js';
export { PythonNotFoundError, SHIM_FILE_NAME, type OutputSink } from './worker.js';
export interface PythonCall {
    /** Dotted path "pkg.module.func"; the pool's cwd is on sys.path. */
    command: string;
    /** The scope's parameters ({kind:'json'|'metric', value} or {kind:'object', value:<name>}). */
    parameters: Parameters;
    /** Map iterate_as values: offered as extra json parameters. */
    iterVariables: Record<string, unknown>;
    returns: ReturnSpec[];
    /** Set in os.environ for the call only (secrets, index_as, RUNNABLE_STEP_ATTEMPT...), then restored. */
    env: Record<string, string>;
    /** Object parameter name -> absolute path of its pickle; loaded only if an argument needs it. */
    objectPaths: Record<string, string>;
    /** Returned objects are dumped here as `<name>.dill`. */
    objectOutDir: string;
}
/** A notebook run by the worker (runnable's notebook task): its code cells in order, parameters injected. */
export interface NotebookCall extends Omit<PythonCall, 'command'> {
    /** Absolute path of the notebook to run. */
    notebook: string;
    /** How messages name it (the task's command). */
    label: string;
    /** Where the executed notebook is written (absolute). */
    outPath: string;
}
export interface PythonResult {
    ok: boolean;
    /** The declared returns: json/metric with their value, object with its name (file in objectOutDir). */
    outputs: Parameters;
    /** '' on success; otherwise what went wrong, with the Python traceback when there is one. */
    message: string;
}
export interface PythonWorkerPoolOptions {
    /** The interpreter; defaults to pythonExecutable(env). */
    python?: string;
    /** Working directory of the workers; task modules are imported from it. */
    cwd: string;
    /** 'worker' (default): long-lived workers reused across calls. 'process': a fresh interpreter per call. */
    isolation?: 'worker' | 'process';
    env?: NodeJS.ProcessEnv;
}
/** The interpreter to run Python tasks with: RUNNABLE_PYTHON, else python3 (seen through a pyenv shim). */
export declare function pythonExecutable(env?: NodeJS.ProcessEnv, cwd?: string): string;
/** One lane of work: a worker serves one call at a time. */
export declare class PythonWorkerPool {
    private readonly opts;
    private readonly python;
    private readonly isolation;
    private readonly idle;
    private readonly all;
    private readonly starting;
    private closed;
    constructor(opts: PythonWorkerPoolOptions);
    /** Calls the function; an abort of `signal` (time limit, cancellation) stops the worker and the call fails. */
    call(call: PythonCall, sink: OutputSink, signal?: AbortSignal): Promise<PythonResult>;
    /** Runs a notebook's cells; the returns are read from its final namespace by name. */
    notebook(call: NotebookCall, sink: OutputSink, signal?: AbortSignal): Promise<PythonResult>;
    /**
     * Applies a map reducer: `reducer(*values)`, where reducer is a "lambda ..." string or a dotted path.
     * Anything the reducer prints goes to `sink` (by default this process's own stdout and stderr).
     */
    reduce(reducer: string, values: unknown[], sink?: OutputSink): Promise<unknown>;
    /** Ends every worker (a running call is given EXIT_GRACE_MS to finish). Idempotent. */
    close(): Promise<void>;
    private withWorker;
    private acquire;
    private release;
}
