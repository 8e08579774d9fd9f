import { type Graph, type PipelineNode } from '../pipeline/model.js';
import { type Status } from '../services/run-log/model.js';
import type { RunContext, Scope } from './run-context.js';
/**
 * Steps that never wait for I/O (stubs, mocked tasks) would otherwise run a whole pipeline without giving the event
 * loop a turn: no run-log write, no Ctrl-C, until the end. Each run owns one (`run.turns`): runs in one process
 * (SDK) do not share the clock.
 */
export declare class EventLoopTurns {
    private last;
    /** Gives the event loop a turn when the last one was more than 20 ms ago. */
    take(): Promise<void>;
}
export declare function executeGraph(run: RunContext, graph: Graph, scope: Scope): Promise<Status>;
export declare function executeNode(run: RunContext, node: PipelineNode, scope: Scope): Promise<Status>;
