import type { LeafNode, Pipeline } from '../pipeline/model.js';
import type { Catalog } from '../services/catalog/catalog.js';
import type { Parameters, RunLog, Status, StepLog } from '../services/run-log/model.js';
import type { RunLogStore } from '../services/run-log/store.js';
import type { SecretsStore } from '../services/secrets/secrets.js';
import type { EventBus } from './events.js';
import type { RunContext, Scope } from './run-context.js';
/** The engine traverses; the executor decides where and how one task or stub runs. */
export interface NodeExecutor {
    readonly model?: 'node-by-node';
    readonly type: string;
    /** How many branches of parallel/map nodes may run at once (1 = sequential). */
    readonly maxConcurrency: number;
    /**
     * True when each leaf runs in another process (`runnable execute-single-node`: a container, the emulator): that
     * process reads the pipeline from a file and the run log from the store, and cannot call a function of this one.
     */
    readonly leavesRunElsewhere?: boolean;
    /** false: objects tasks return stay with the run instead of going to the catalog (local's `object_serialisation`). */
    readonly objectSerialisation?: boolean;
    /** Checks before the run log is created (an engine that answers, an image that exists...). Throw to refuse. */
    prepare?(run: RunContext): Promise<void>;
    /**
     * The time limit of one attempt of this task, in seconds (the config's `timeout`, or its override's), or undefined
     * for none. Asked by the engine wherever the leaf runs (in a step process too: it reads the same configuration).
     */
    taskTimeout?(node: LeafNode): number | undefined;
    /**
     * Runs one task or stub and records its attempts on `step` (in memory; the engine saves it). Must not throw for
     * a failing task: a failure is an attempt with status FAIL. Throw only for infrastructure errors.
     */
    executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void>;
    /** Ends what the executor started (workers, containers). Called once, also after failures. */
    close?(): Promise<void>;
}
/** Everything a whole-graph executor receives: the built pipeline, the run's identity and its services. */
export interface GraphRun {
    /** `execute`: run the pipeline there (submit, and follow when configured); `render`: only write the files (`runnable transpile`). */
    intent: 'execute' | 'render';
    runId: string;
    tag: string;
    pipeline: Pipeline;
    /** The initial parameters (parameters file and RUNNABLE_PRM_ variables), already decoded. */
    parameters: Parameters;
    store: RunLogStore;
    catalog: Catalog;
    secrets: SecretsStore;
    /** The configuration of every service as the configuration file gave it (`{type, config}` by kind). */
    services: Record<string, {
        type: string;
        config: Record<string, unknown>;
    }>;
    /** Files the run was started with; the steps the other engine runs are started with the same files. */
    files: {
        pipeline: string;
        config?: string;
        parameters?: string;
    };
    events: EventBus;
    logLevel: string;
    env: NodeJS.ProcessEnv;
    /** Aborted on SIGINT/SIGTERM: stop following (or stop the remote run, as the executor's config says). */
    abort: AbortSignal;
    /** Lines for the user (where a file was written, a workflow's name): the console, or the action's log. */
    say(line: string): void;
}
/** What a whole-graph executor did with the pipeline. */
export type GraphOutcome = 
/** Wrote files (a manifest, a workflow) and ran nothing here. */
{
    kind: 'rendered';
    files: string[];
}
/** Handed the run to another engine without following it. */
 | {
    kind: 'submitted';
    reference: string;
}
/** Followed the run to its end; the run log when the executor could read it back. */
 | {
    kind: 'finished';
    status: Status;
    reference?: string;
    runLog?: RunLog;
};
/** The executor renders or submits the whole graph; the engine does not traverse. */
export interface GraphExecutor {
    readonly model: 'whole-graph';
    readonly type: string;
    /** Checks before anything is written or submitted. Throw InvalidInputError / InfrastructureError to refuse. */
    prepare?(run: GraphRun): Promise<void>;
    executeGraph(run: GraphRun): Promise<GraphOutcome>;
    close?(): Promise<void>;
}
export type Executor = NodeExecutor | GraphExecutor;
/** True when the engine must traverse and call `executeLeaf` (the model defaults to node by node). */
export declare function isNodeExecutor(e: Executor): e is NodeExecutor;
/**
 * True when the steps run in other processes (every whole-graph executor, and node-by-node executors that say
 * so): they need the pipeline as a file, a store they can read, and no in-process functions.
 */
export declare function stepsRunElsewhere(e: Executor): boolean;
