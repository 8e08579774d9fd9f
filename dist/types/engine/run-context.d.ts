import type { Pipeline } from '../pipeline/model.js';
import type { IterVariable } from '../pipeline/names.js';
import type { Catalog } from '../services/catalog/catalog.js';
import type { BranchLog, Parameters, RunLog, StepLog } from '../services/run-log/model.js';
import type { RunLogStore } from '../services/run-log/store.js';
import type { SecretMasker } from '../services/secrets/masker.js';
import type { SecretsStore } from '../services/secrets/secrets.js';
import type { EventBus } from './events.js';
import type { NodeExecutor } from './executor.js';
import type { RunResources } from './run-resources.js';
import type { Semaphore } from './semaphore.js';
import type { EventLoopTurns } from './traverse.js';
export interface RunContext {
    runId: string;
    tag: string;
    pipeline: Pipeline;
    store: RunLogStore;
    catalog: Catalog;
    secrets: SecretsStore;
    executor: NodeExecutor;
    events: EventBus;
    masker: SecretMasker;
    runLog: RunLog;
    /** Bounds concurrent branches across the run; limit 1 = sequential. */
    lanes: Semaphore;
    /** The environment tasks start from (the process env, minus secrets of other tasks: see tasks/task-env.ts). */
    baseEnv: NodeJS.ProcessEnv;
    /** Files the run was started with, passed on to single-node commands (containers, emulator, pods). */
    files: {
        pipeline: string;
        config?: string;
        parameters?: string;
    };
    logLevel: string;
    /** Set when this run resumes a failed one: successful steps are skipped, attempts appended. */
    retry?: {
        indicator: string;
    };
    /** What the run starts once and shares between its tasks (python workers), closed when it ends. */
    resources: RunResources;
    /** Aborted on SIGINT/SIGTERM: running tasks are stopped and the run ends as cancelled. */
    abort: AbortSignal;
    /** When the traversal last gave the event loop a turn (this run's own clock). */
    turns: EventLoopTurns;
}
/** Where a graph runs: the root of the run log, or one branch of a composite step. */
export interface Scope {
    /** '' for the root, else the branch's run-time internal name (`map_state.1`). */
    branch: string;
    /** Step logs of this scope, by run-time internal name. */
    steps: Record<string, StepLog>;
    /** The scope's live parameters (the run log's or the branch log's own object). */
    params: Parameters;
    /** The log whose status the terminal node decides. */
    holder: RunLog | BranchLog;
    iter: IterVariable;
    /** Environment variables for tasks of this scope (a loop's index_as). */
    env: Record<string, string>;
}
