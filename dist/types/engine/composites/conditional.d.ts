import type { ConditionalNode } from '../../pipeline/model.js';
import type { StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
import { type BranchResult } from './branches.js';
export declare function runConditional(run: RunContext, node: ConditionalNode, scope: Scope, step: StepLog): Promise<void>;
/** The key of the branch to run, or why none can (also the fan-out of a conditional job in a GitHub workflow). */
export declare function chooseConditionalBranch(node: ConditionalNode, scope: Scope): {
    key: string;
} | {
    error: string;
};
/** The chosen branch's changes merge back when it succeeded; the step's status is the branch's. */
export declare function conditionalFanIn(scope: Scope, step: StepLog, r: BranchResult): void;
