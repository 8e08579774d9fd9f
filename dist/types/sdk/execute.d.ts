import { type EventListener } from '../engine/events.js';
import type { GraphOutcome } from '../engine/executor.js';
import { type RunLog, type Status } from '../services/run-log/model.js';
import type { Pipeline } from './pipeline.js';
export interface ExecuteOptions {
    /** The configuration file; RUNNABLE_CONFIGURATION_FILE wins over it, as in runnable. */
    configurationFile?: string;
    /** A YAML mapping of initial parameters; RUNNABLE_PARAMETERS_FILE wins over it, as for the CLI. */
    parametersFile?: string;
    /** Initial parameters (JSON values): over the parameters file, under RUNNABLE_PRM_<name> variables. */
    parameters?: Record<string, unknown>;
    /** Default: RUNNABLE_RUN_ID, else a generated one. */
    runId?: string;
    /** Default: RUNNABLE_RUN_TAG, else ''. */
    tag?: string;
    /** Resume this failed run instead of starting one (successful steps are skipped; its parameters are kept). */
    retry?: {
        runId: string;
        indicator?: string;
    };
    /** WARNING (default), INFO or DEBUG (step start lines), ERROR. */
    logLevel?: string;
    /** Receives every engine event (run/step/branch started and finished, task output, warnings). */
    onEvent?: EventListener;
    /** Print progress and task output to this process's stdout/stderr, as the CLI does. */
    console?: boolean;
    /** The environment the configuration, RUNNABLE_* variables and tasks are read from (default: process.env). */
    env?: NodeJS.ProcessEnv;
    /** Aborting cancels the run: running tasks are stopped and the run log ends FAIL. */
    signal?: AbortSignal;
}
export interface ExecuteResult {
    runId: string;
    status: Status;
    /** The run log as the store holds it at the end of the run. */
    /** The run log; absent when a whole-graph executor (argo, github) only rendered or submitted the run. */
    runLog?: RunLog;
    /** What a whole-graph executor did (a manifest written, a workflow submitted). */
    handoff?: GraphOutcome;
}
/** The user's file that called execute(): the first stack frame outside this SDK (src/sdk or the bundle). */
export declare function callerFile(): string | undefined;
export declare function executePipeline(pipeline: Pipeline, o: ExecuteOptions, caller: string | undefined): Promise<ExecuteResult>;
