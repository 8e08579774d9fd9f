import type { LeafNode, TaskSpec } from '../pipeline/model.js';
import { type Parameters, type StepLog } from '../services/run-log/model.js';
import type { RunContext, Scope } from './run-context.js';
export interface LeafOptions {
    /** The task to run instead of the node's own (a mocked executor's patch). */
    task?: TaskSpec;
    /** At most this many attempts (default the node's max_attempts). */
    attempts?: number;
}
export declare function iterVariables(scope: Scope): Record<string, unknown>;
export declare function runLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog, opts?: LeafOptions): Promise<void>;
/**
 * A step that does not run (mocked): one SUCCESS attempt with the outputs it is told to pretend. Its catalog
 * patterns are recorded as mocked instead of moving files that were never made (runnable fails the run there).
 */
export declare function mockLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog, outputs?: Parameters): Promise<void>;
