import { type MapNode } from '../../pipeline/model.js';
import { type StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
import { type BranchResult, type BranchRun } from './branches.js';
/** Above this many items, map branches do not get a copy of the item list itself (see below). */
export declare const LONG_MAP = 256;
export declare function runMap(run: RunContext, node: MapNode, scope: Scope, step: StepLog): Promise<void>;
/** One branch per item, in item order, or why the map cannot start (also the fan-out of a GitHub map job). */
export declare function mapBranches(node: MapNode, scope: Scope, stepName: string): {
    runs: BranchRun[];
} | {
    error: string;
};
/** Fails the step if any item failed; otherwise reduces every return of the branch's tasks into the scope. */
export declare function mapFanIn(run: RunContext, node: MapNode, scope: Scope, step: StepLog, results: BranchResult[]): Promise<void>;
