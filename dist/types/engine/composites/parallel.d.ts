import type { ParallelNode } from '../../pipeline/model.js';
import type { StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
import { type BranchResult } from './branches.js';
export declare function runParallel(run: RunContext, node: ParallelNode, scope: Scope, step: StepLog): Promise<void>;
/** Each successful branch's changes merge back in declaration order; the step succeeds only if all branches did. */
export declare function parallelFanIn(scope: Scope, step: StepLog, results: BranchResult[]): void;
