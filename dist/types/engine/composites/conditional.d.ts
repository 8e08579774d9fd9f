import type { ConditionalNode } from '../../pipeline/model.js';
import type { StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
export declare function runConditional(run: RunContext, node: ConditionalNode, scope: Scope, step: StepLog): Promise<void>;
