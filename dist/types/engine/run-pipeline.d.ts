import type { Pipeline } from '../pipeline/model.js';
import type { Catalog } from '../services/catalog/catalog.js';
import type { Parameters, RunLog, Status } from '../services/run-log/model.js';
import type { RunLogStore } from '../services/run-log/store.js';
import type { SecretsStore } from '../services/secrets/secrets.js';
import { EventBus } from './events.js';
import { type Executor, type GraphOutcome, type NodeExecutor } from './executor.js';
import type { RunContext } from './run-context.js';
export interface RunRequest {
    pipeline: Pipeline;
    runId: string;
    tag: string;
    parameters: Parameters;
    store: RunLogStore;
    catalog: Catalog;
    secrets: SecretsStore;
    executor: Executor;
    /** run_config entries describing the services, as runnable records them. */
    serviceSummary: Record<string, unknown>;
    /** Each service's `{type, config}` as configured: what a whole-graph executor passes on to the steps it starts. */
    serviceConfigs?: Record<string, {
        type: string;
        config: Record<string, unknown>;
    }>;
    /** For a whole-graph executor: run the pipeline (default), or only render its files (`runnable transpile`). */
    intent?: 'execute' | 'render';
    /** Where a whole-graph executor's lines for the user go (default: nowhere). */
    say?: (line: string) => void;
    files: {
        pipeline: string;
        config?: string;
        parameters?: string;
    };
    logLevel?: string;
    retry?: {
        indicator: string;
    };
    events?: EventBus;
    signal?: AbortSignal;
    /** The environment tasks inherit (default: this process's). */
    env?: NodeJS.ProcessEnv;
}
export interface RunOutcome {
    /** The run log; absent when a whole-graph executor rendered or submitted the run and could not read it back. */
    runLog?: RunLog;
    /** SUCCESS also when a whole-graph executor only rendered or submitted the run: the command did what it said. */
    status: Status;
    /** What a whole-graph executor did. */
    handoff?: GraphOutcome;
}
/** The context a run (or a single step of it) executes in. `close` ends what its tasks started (python workers). */
export declare function buildRunContext(req: RunRequest & {
    executor: NodeExecutor;
}, runLog: RunLog, events: EventBus): {
    run: RunContext;
    close(): Promise<void>;
};
export declare function runPipeline(req: RunRequest): Promise<RunOutcome>;
/** A new run log for `req` (refused when the run id exists): also what the first job of a GitHub workflow creates. */
export declare function createRunLog(req: RunRequest): Promise<RunLog>;
