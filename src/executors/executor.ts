// The executor interface: small enough that a plugin fits in one file. Traversal, composite nodes and the run
// log stay in the engine; an executor only decides where and how one task or stub runs.
import type { LeafNode } from '../pipeline/model.js';
import type { RunContext, Scope } from '../engine/run-context.js';
import type { StepLog } from '../services/run-log/model.js';

export interface Executor {
  readonly type: string;
  /** How many branches of parallel/map nodes may run at once (1 = sequential). */
  readonly maxConcurrency: number;
  /** Checks before the run log is created (an engine that answers, an image that exists...). Throw to refuse. */
  prepare?(run: RunContext): Promise<void>;
  /**
   * Runs one task or stub and records its attempts on `step` (in memory; the engine saves it). Must not throw for
   * a failing task: a failure is an attempt with status FAIL. Throw only for infrastructure errors.
   */
  executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void>;
  /** Ends what the executor started (workers, containers). Called once, also after failures. */
  close?(): Promise<void>;
}
