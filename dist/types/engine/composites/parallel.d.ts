import type { ParallelNode } from '../../pipeline/model.js';
import type { StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
export declare function runParallel(run: RunContext, node: ParallelNode, scope: Scope, step: StepLog): Promise<void>;
