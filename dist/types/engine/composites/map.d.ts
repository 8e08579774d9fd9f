import { type MapNode } from '../../pipeline/model.js';
import { type StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
/** Above this many items, map branches do not get a copy of the item list itself (see below). */
export declare const LONG_MAP = 256;
export declare function runMap(run: RunContext, node: MapNode, scope: Scope, step: StepLog): Promise<void>;
