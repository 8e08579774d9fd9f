import type { LoopNode } from '../../pipeline/model.js';
import type { StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
export declare function runLoop(run: RunContext, node: LoopNode, scope: Scope, step: StepLog): Promise<void>;
