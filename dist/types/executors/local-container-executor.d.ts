import type { RunContext, Scope } from '../engine/run-context.js';
import { type LeafNode } from '../pipeline/model.js';
import { type StepLog } from '../services/run-log/model.js';
import { localContainerConfigSchema, type LocalContainerConfig } from './container/container-settings.js';
import type { NodeExecutor } from '../engine/executor.js';
export { localContainerConfigSchema };
/** Labels on every container: find a run's containers with `docker ps -a --filter label=runnable.run-id=ID`. */
export declare const LABELS: {
    readonly runId: "runnable.run-id";
    readonly step: "runnable.step";
    readonly executor: "runnable.executor";
    readonly autoRemove: "runnable.auto-remove";
};
export declare class LocalContainerExecutor implements NodeExecutor {
    private readonly config;
    readonly type = "local-container";
    readonly leavesRunElsewhere = true;
    maxConcurrency: number;
    private docker?;
    private client?;
    private layouts?;
    private readonly layoutCache;
    /** Effective settings by definition-time internal name of the leaf. */
    private readonly settings;
    private readonly digests;
    /** Containers started and not yet finished: id -> step. */
    private readonly running;
    private readonly instance;
    constructor(config: LocalContainerConfig);
    prepare(run: RunContext): Promise<void>;
    /** Every node's override key exists (all reported at once); each leaf's settings, computed once. */
    private resolveNodeSettings;
    executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void>;
    /** The container's environment: runnable's (environment + RUNNABLE_VAR_ without the prefix + digest), and ours. */
    private environment;
    private runStep;
    /** Why a container ended badly, for the attempt the host records when the step could not record one. */
    private failure;
    /** The client's errors, as the one-paragraph infrastructure error (exit 3) a user sees. */
    private asInfrastructure;
    close(): Promise<void>;
}
