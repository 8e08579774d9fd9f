// A plugin executor written against the public API only (src/index.ts): it registers itself under a
// configuration type name, records the steps it is handed and runs them with runLeaf. An SDK pipeline then runs
// on it through a configuration file naming it, and its config schema is checked like a built-in's.

import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  Map,
  Parallel,
  Pipeline,
  ShellTask,
  Stub,
  TypeScriptTask,
  registry,
  runLeaf,
  type NodeExecutor,
  type LeafNode,
  type RunContext,
  type Scope,
  type StepLog,
} from '../src/index.js';
import { cliEnv } from './helpers/cli.js';
import { workspace } from './helpers/workspace.js';

const recordingSchema = z.strictObject({ label: z.string().default('recorder') });

class RecordingExecutor implements NodeExecutor {
  readonly type = 'recording';
  readonly maxConcurrency = 1;
  readonly seen: string[] = [];
  prepared = false;
  closed = false;
  constructor(readonly config: z.infer<typeof recordingSchema>) {
    instances.push(this);
  }
  async prepare(run: RunContext): Promise<void> {
    this.prepared = run.executor === this;
  }
  async executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void> {
    this.seen.push(`${this.config.label}:${step.internal_name}`);
    await runLeaf(run, node, scope, step);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

const instances: RecordingExecutor[] = [];
registry.register({ kind: 'pipeline-executor', type: 'recording', schema: recordingSchema, create: (c) => new RecordingExecutor(c) });

describe('a plugin executor', () => {
  it('runs an SDK pipeline chosen by the configuration file, seeing every task and stub', async () => {
    const ws = workspace({ 'plugin.yaml': 'pipeline-executor:\n  type: recording\n  config:\n    label: rec\n' });
    const pipeline = new Pipeline({
      steps: [
        new TypeScriptTask({ name: 'start', fn: () => ['x', 'y'], returns: ['letters'] }),
        new Parallel({
          name: 'par',
          branches: {
            one: new Pipeline({ steps: [new ShellTask({ name: 'a', command: 'echo a' })] }),
            two: new Pipeline({ steps: [new Stub({ name: 'b' })] }),
          },
        }),
        new Map({
          name: 'each',
          iterateOn: 'letters',
          iterateAs: 'letter',
          branch: new Pipeline({
            steps: [new TypeScriptTask({ name: 'upper', fn: ({ letter }: { letter: string }) => letter.toUpperCase(), returns: ['big'] })],
          }),
        }),
      ],
    });
    const saved = process.cwd();
    process.chdir(ws.dir);
    const r = await pipeline
      .execute({ configurationFile: 'plugin.yaml', runId: 'plugged', env: cliEnv(ws.dir) })
      .finally(() => process.chdir(saved));

    expect(r.status).toBe('SUCCESS');
    const executor = instances.at(-1)!;
    expect(executor.seen).toEqual(['rec:start', 'rec:par.one.a', 'rec:par.two.b', 'rec:each.x.upper', 'rec:each.y.upper']);
    expect(executor.prepared).toBe(true);
    expect(executor.closed).toBe(true);
    const log = ws.runLog('plugged');
    expect(log.parameters.big.value).toEqual(['X', 'Y']);
    expect(log.run_config.pipeline_executor).toMatchObject({ service_name: 'recording' });
  });

  it('has its settings checked like a built-in executor', async () => {
    const ws = workspace({ 'plugin.yaml': 'pipeline-executor:\n  type: recording\n  config:\n    lable: rec\n' });
    const saved = process.cwd();
    process.chdir(ws.dir);
    const error = await new Pipeline({ steps: [new Stub({ name: 's' })] })
      .execute({ configurationFile: 'plugin.yaml', env: cliEnv(ws.dir) })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
      .finally(() => process.chdir(saved));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toMatch(
      /plugin\.yaml:4:5: "lable" is not a setting of the recording pipeline-executor\. Did you mean "label"\?/,
    );
  });
});
