import type { CompositeNode } from '../../pipeline/model.js';
import type { StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
export declare function runComposite(run: RunContext, node: CompositeNode, scope: Scope, step: StepLog): Promise<void>;
/** A composite that cannot start (bad iterate_on, no matching branch): the step fails with a message, the run goes on. */
export declare function failComposite(step: StepLog, message: string): void;
