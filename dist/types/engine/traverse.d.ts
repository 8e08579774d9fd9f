import { type Graph, type PipelineNode } from '../pipeline/model.js';
import { type Attempt, type Status } from '../services/run-log/model.js';
import type { RunContext, Scope } from './run-context.js';
export declare function executeGraph(run: RunContext, graph: Graph, scope: Scope): Promise<Status>;
export declare function executeNode(run: RunContext, node: PipelineNode, scope: Scope): Promise<Status>;
/** The one attempt a success or fail node records. */
export declare function terminalAttempt(n: number, now: string, retryIndicator: string): Attempt;
