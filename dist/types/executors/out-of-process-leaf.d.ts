import type { LeafNode } from '../pipeline/model.js';
import type { RunContext, Scope } from '../engine/run-context.js';
import { type StepLog } from '../services/run-log/model.js';
/** The arguments of `runnable execute-single-node` for this leaf in this scope. */
export declare function singleNodeArgs(run: RunContext, node: LeafNode, scope: Scope, paths?: {
    pipeline?: string;
    config?: string;
}): string[];
/**
 * The secrets a task declares, for the environment of the process or container that runs it, when the secrets
 * store reads the environment (env-secrets): the run's own tasks get them from this process, another process
 * would not see them (the environment tasks start from has every declared secret removed). A missing secret is
 * left out: the step fails inside with the same message as locally.
 */
export declare function stepSecrets(run: RunContext, node: LeafNode): Record<string, string>;
export interface OutOfProcessResult {
    exitCode: number;
    /** Why the process could not record the step itself (killed, image without node...). */
    failure?: string;
}
export declare function runLeafOutOfProcess(run: RunContext, scope: Scope, step: StepLog, launch: () => Promise<OutOfProcessResult>): Promise<void>;
