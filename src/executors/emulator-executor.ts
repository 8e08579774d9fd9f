// runnable's `emulator`: every task and stub in a fresh `runnable execute-single-node` subprocess, the same
// path containers and Argo pods take, run locally. A test bed for that path, without Docker or Kubernetes.
import { spawn } from 'node:child_process';
import * as z from '../util/zod.js';
import type { RunContext, Scope } from '../engine/run-context.js';
import { InvalidInputError } from '../errors.js';
import type { LeafNode } from '../pipeline/model.js';
import type { StepLog } from '../services/run-log/model.js';
import { LineSplitter } from '../util/line-splitter.js';
import { cliEntry } from './cli-entry.js';
import type { NodeExecutor } from '../engine/executor.js';
import { parallelism } from './local-executor.js';
import { runLeafOutOfProcess, singleNodeArgs, stepSecrets } from './out-of-process-leaf.js';
import { checkOverrideKeys, overrideSchema, taskTimeout, timeoutSetting } from './task-timeouts.js';

export const emulatorConfigSchema = z.strictObject({
  enable_parallel: z._default(z.boolean(), false),
  max_concurrency: z.optional(z.int().check(z.minimum(1))),
  /** Each task's time limit, applied by the step process (seconds or "90s", "5m", "1h30m"). */
  timeout: timeoutSetting,
  overrides: z._default(z.record(z.string(), overrideSchema), {}),
});

export class EmulatorExecutor implements NodeExecutor {
  readonly type = 'emulator';
  readonly leavesRunElsewhere = true;
  maxConcurrency = 1;
  constructor(private readonly config: z.infer<typeof emulatorConfigSchema>) {}

  async prepare(run: RunContext): Promise<void> {
    if (!run.store.sharedAcrossProcesses) {
      throw new InvalidInputError('invalid configuration', [
        {
          message: `the emulator runs each step in another process, which cannot see the run log of the ${run.store.type} run-log store (it lives in this process only).`,
          fix: 'use `run-log-store: {type: file-system}` or chunked-fs.',
        },
      ]);
    }
    checkOverrideKeys(this.type, this.config, run.pipeline.graph);
    this.maxConcurrency = parallelism(run, this.config.enable_parallel, this.config.max_concurrency);
  }

  /** Asked inside the step process, which reads the same configuration (execute-single-node runs the leaf there). */
  taskTimeout(node: LeafNode): number | undefined {
    return taskTimeout(this.type, this.config, node);
  }

  executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void> {
    return runLeafOutOfProcess(
      run,
      scope,
      step,
      () =>
        new Promise((resolve, reject) => {
          const [node_, script] = cliEntry();
          const child = spawn(node_, [...script, ...singleNodeArgs(run, node, scope)], {
            // the secrets this task declares come along when the store reads them from the environment
            env: { ...run.baseEnv, ...scope.env, ...stepSecrets(run, node) },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          const emit = (stream: 'stdout' | 'stderr') =>
            new LineSplitter((line) =>
              run.events.emit({ type: 'step-output', step: step.internal_name, stream, line: run.masker.mask(line) }),
            );
          const out = emit('stdout');
          const err = emit('stderr');
          child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
          child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));
          const onAbort = () => child.kill('SIGTERM');
          run.abort.addEventListener('abort', onAbort, { once: true });
          child.on('error', reject);
          child.on('close', (code, signal) => {
            run.abort.removeEventListener('abort', onAbort);
            out.end();
            err.end();
            resolve({ exitCode: code ?? 128, failure: signal ? `the step process was killed by ${signal}` : undefined });
          });
        }),
    );
  }
}
