import type { Graph } from '../../pipeline/model.js';
import type { IterVariable } from '../../pipeline/names.js';
import { type BranchLog, type Parameters, type StepLog, type Status } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
export interface BranchRun {
    name: string;
    graph: Graph;
    iter: IterVariable;
    env?: Record<string, string>;
    /** Parameters the branch starts from (default: a copy of the parent scope's). */
    startFrom?: Parameters;
}
export interface BranchResult {
    name: string;
    log: BranchLog;
    status: Status;
    /** The parameters the branch started from, to compute what it changed. */
    snapshot: Parameters;
}
export declare function runBranch(run: RunContext, step: StepLog, parent: Scope, b: BranchRun): Promise<BranchResult>;
/**
 * Runs branches, at most `executor.maxConcurrency` of this composite at a time (the run-wide lane semaphore
 * bounds the actual work across nesting). Every branch runs to its end even when one fails; results keep
 * the declaration order.
 */
export declare function runBranches(run: RunContext, step: StepLog, parent: Scope, branches: BranchRun[]): Promise<BranchResult[]>;
export declare function mergeChanges(parent: Scope, result: BranchResult): void;
export declare const allSucceeded: (results: BranchResult[]) => boolean;
