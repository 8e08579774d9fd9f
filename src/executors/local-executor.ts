// runnable's `local` executor: every task in this process's lanes (shell and python as child processes).
// Branches run concurrently with enable_parallel on a store that takes parallel writes; otherwise runnable's
// contract holds: one warning that names the store to use, then sequential.
import os from 'node:os';
import * as z from '../util/zod.js';
import { runLeaf } from '../engine/leaf.js';
import type { RunContext, Scope } from '../engine/run-context.js';
import type { LeafNode } from '../pipeline/model.js';
import type { StepLog } from '../services/run-log/model.js';
import type { NodeExecutor } from '../engine/executor.js';
import { checkOverrideKeys, overrideSchema, taskTimeout, timeoutSetting } from './task-timeouts.js';

export const localConfigSchema = z.strictObject({
  enable_parallel: z._default(z.boolean(), false),
  /** Our addition: how many branches at once (default: the number of CPUs). */
  max_concurrency: z.optional(z.int().check(z.minimum(1))),
  object_serialisation: z._default(z.boolean(), true),
  /** Our addition: each task's time limit (seconds or "90s", "5m", "1h30m"); per step through `overrides`. */
  timeout: timeoutSetting,
  overrides: z._default(z.record(z.string(), overrideSchema), {}),
});

export type LocalConfig = z.infer<typeof localConfigSchema>;

export class LocalExecutor implements NodeExecutor {
  readonly type: string = 'local';
  maxConcurrency = 1;

  constructor(protected readonly config: LocalConfig) {}

  get objectSerialisation(): boolean {
    return this.config.object_serialisation;
  }

  async prepare(run: RunContext): Promise<void> {
    checkOverrideKeys(this.type, this.config, run.pipeline.graph);
    this.maxConcurrency = parallelism(run, this.config.enable_parallel, this.config.max_concurrency);
  }

  taskTimeout(node: LeafNode): number | undefined {
    return taskTimeout(this.type, this.config, node);
  }

  executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void> {
    return runLeaf(run, node, scope, step);
  }
}

/** The number of branches to run at once, with runnable's warning when the store cannot take it. */
export function parallelism(run: RunContext, enabled: boolean, max: number | undefined): number {
  if (!enabled) return 1;
  if (!run.store.supportsParallelWrites) {
    run.events.emit({
      type: 'warning',
      message: `enable_parallel is set, but the ${run.store.type} run-log store cannot take parallel writes: branches run one after another. Use \`run-log-store: {type: chunked-fs}\` to run them in parallel.`,
    });
    return 1;
  }
  return max ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}
