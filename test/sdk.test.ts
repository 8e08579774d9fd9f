// The SDK: pipelines built in TypeScript run with real shell, python and in-process TypeScript tasks, leave the
// same run log as the equivalent YAML run through the CLI, and are checked like YAML (located by step name).
// Runs change into a workspace (process.chdir: vitest's forks pool), as a user's script runs in its project.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  Conditional,
  Fail,
  InvalidInputError,
  Loop,
  Map,
  Parallel,
  Pipeline,
  PythonTask,
  ShellTask,
  Stub,
  Success,
  TypeScriptTask,
  loadPipelineFile,
  metric,
  type EngineEvent,
  type ExecuteOptions,
  type ExecuteResult,
  type RunLog,
  type StepLog,
} from '../src/index.js';
import { cliEnv, expectExit, runCli } from './helpers/cli.js';
import { HAS_SHARED, NORMALISE_FILE, skippedWithoutShared } from './helpers/shared.js';
import { dedent, workspace, type Workspace } from './helpers/workspace.js';

// the conformance suite's run-log normaliser (a plain ESM script beside the repository)
const normalise = HAS_SHARED
  ? ((await import(NORMALISE_FILE)) as { normalise: (dir: string, runId: string) => any }).normalise
  : () => undefined;

/** Runs the pipeline from inside the workspace, with the clean environment the CLI tests use. */
async function execute(ws: Workspace, p: Pipeline, o: ExecuteOptions = {}, env: Record<string, string> = {}): Promise<ExecuteResult> {
  const saved = process.cwd();
  process.chdir(ws.dir);
  try {
    return await p.execute({ env: cliEnv(ws.dir, env), ...o });
  } finally {
    process.chdir(saved);
  }
}

/** The InvalidInputError a call throws (fails the test when it throws nothing or something else). */
function invalid(f: () => unknown): InvalidInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error('expected an InvalidInputError, nothing was thrown');
}

async function invalidAsync(f: () => Promise<unknown>): Promise<InvalidInputError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error('expected an InvalidInputError, nothing was thrown');
}

function allSteps(log: RunLog): Record<string, StepLog> {
  const out: Record<string, StepLog> = {};
  const walk = (steps: Record<string, StepLog>) => {
    for (const [k, s] of Object.entries(steps)) {
      out[k] = s;
      for (const b of Object.values(s.branches)) walk(b.steps);
    }
  };
  walk(log.steps);
  return out;
}
const statuses = (log: RunLog) => Object.fromEntries(Object.entries(allSteps(log)).map(([k, s]) => [k, s.status]));
const values = (log: RunLog) => Object.fromEntries(Object.entries(log.parameters).map(([k, p]) => [k, p.value]));

describe('a linear pipeline', () => {
  it('runs TypeScript, shell and python tasks in order, parameters flowing between them', async () => {
    const ws = workspace({ 'functions.py': 'def triple(doubled, shown):\n    print("python saw", shown)\n    return doubled * 3\n' });
    const seen: unknown[] = [];
    const pipeline = new Pipeline({
      description: 'linear',
      steps: [
        new TypeScriptTask({ name: 'compute', fn: ({ x }: { x: number }) => x * 2, returns: ['doubled'] }),
        new ShellTask({
          name: 'show it',
          command: 'echo "doubled is $doubled" > out.txt\nexport shown="seen $doubled"',
          returns: ['shown'],
          catalog: { put: ['out.txt'] },
        }),
        new PythonTask({ name: 'triple', function: 'functions.triple', returns: [metric('tripled')] }),
        new TypeScriptTask({
          name: 'check',
          fn: async (params: Record<string, unknown>) => {
            seen.push(params);
            return [`${params.shown as string}/${params.tripled as number}`, params.tripled === 126];
          },
          returns: ['summary', 'ok'],
        }),
      ],
    });
    const r = await execute(ws, pipeline, { runId: 'linear', parameters: { x: 21 } });
    expect(r.status).toBe('SUCCESS');
    expect(r.runId).toBe('linear');

    const log = ws.runLog('linear'); // from disk
    expect(log.status).toBe('SUCCESS');
    expect(Object.keys(log.steps)).toEqual(['compute', 'show it', 'triple', 'check', 'success']);
    expect(values(log)).toEqual({ x: 21, doubled: 42, shown: 'seen 42', tripled: 126, summary: 'seen 42/126', ok: true });
    expect(log.parameters.tripled.kind).toBe('metric');
    expect(log.steps.triple.attempts[0].user_defined_metrics).toEqual({ tripled: { kind: 'metric', value: 126, description: 126 } });
    expect(seen).toEqual([{ x: 21, doubled: 42, shown: 'seen 42', tripled: 126 }]);
    expect(ws.read('.catalog/linear/out.txt')).toBe('doubled is 42\n');
    expect(log.steps['show it'].data_catalog.some((c) => c.name === 'out.txt' && c.stage === 'put')).toBe(true);
    // the run log is the one the engine always writes, plus an honest origin
    expect(log.dag_hash).toBe(pipeline.dagHash);
    expect(log.run_config.pipeline_definition_file).toMatch(/^sdk:.*test[\\/]sdk\.test\.ts$/);
    expect(log.run_config.dag).toMatchObject({ description: 'linear', start_at: 'compute' });
    expect((log.run_config.dag as any).nodes.compute).toMatchObject({
      command_type: 'typescript',
      command: 'inline:fn',
      next_node: 'show it',
    });
    expect(r.runLog).toEqual(log);
    const python = ws.walk('.catalog/linear').find((f) => f.startsWith('triple'))!;
    expect(ws.read(`.catalog/linear/${python}`)).toContain('python saw seen 42');
  });

  it('takes parameters from a file, then code, then RUNNABLE_PRM_ variables; a named pipeline says so in the run log', async () => {
    const ws = workspace({ 'params.yaml': 'a: 1\nb: 1\nc: 1\n' });
    const pipeline = new Pipeline({
      name: 'params demo',
      steps: [new ShellTask({ name: 'sum', command: 'export total=$((a + b + c))', returns: ['total'] })],
    });
    const r = await execute(
      ws,
      pipeline,
      { runId: 'p', parametersFile: 'params.yaml', parameters: { b: 10, c: 10 } },
      { RUNNABLE_PRM_c: '100' },
    );
    expect(r.status).toBe('SUCCESS');
    expect(values(ws.runLog('p'))).toEqual({ a: 1, b: 10, c: 100, total: 111 });
    expect(ws.runLog('p').run_config).toMatchObject({ pipeline_definition_file: 'sdk:params demo', parameters_file: 'params.yaml' });
  });

  it('prints nothing by default, reports events to onEvent, generates a run id', async () => {
    const ws = workspace();
    const events: EngineEvent[] = [];
    const write = vi.spyOn(process.stdout, 'write');
    const writeErr = vi.spyOn(process.stderr, 'write');
    try {
      const r = await execute(ws, new Pipeline({ steps: [new ShellTask({ name: 'hello', command: 'echo hello world' })] }), {
        onEvent: (e) => events.push(e),
      });
      expect(r.status).toBe('SUCCESS');
      expect(r.runId).toMatch(/^[a-z]+-[a-z]+-\d{4}-[0-9a-f]{4}$/);
      expect(ws.exists(`.run_log_store/${r.runId}.json`)).toBe(true);
      expect(write).not.toHaveBeenCalled();
      expect(writeErr).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      writeErr.mockRestore();
    }
    expect(events.map((e) => e.type)).toEqual([
      'run-started',
      'step-started',
      'step-output',
      'step-finished',
      'step-started',
      'step-finished',
      'run-finished',
    ]);
    expect(events.find((e) => e.type === 'step-output')).toMatchObject({ step: 'hello', line: 'hello world' });
  });

  it('uses the configuration file given, and RUNNABLE_CONFIGURATION_FILE over it', async () => {
    const ws = workspace({
      'chunked.yaml': 'run-log-store:\n  type: chunked-fs\n',
      'elsewhere.yaml': 'run-log-store:\n  type: file-system\n  config:\n    log_folder: elsewhere\n',
    });
    const p = new Pipeline({ steps: [new Stub({ name: 'nothing' })] });
    await execute(ws, p, { runId: 'one', configurationFile: 'chunked.yaml' });
    expect(ws.exists('.run_log_store/one/RunLog.json')).toBe(true);
    await execute(ws, p, { runId: 'two', configurationFile: 'chunked.yaml' }, { RUNNABLE_CONFIGURATION_FILE: 'elsewhere.yaml' });
    expect(ws.exists('elsewhere/two.json')).toBe(true);
    expect(ws.readJson('elsewhere/two.json').run_config.configuration_file).toBe('elsewhere.yaml');
  });
});

describe('composite steps', () => {
  const composites = () =>
    new Pipeline({
      description: 'every composite',
      steps: [
        new ShellTask({ name: 'setup', command: "export items='[1, 2, 3]'\nexport toss=heads", returns: ['items', 'toss'] }),
        new Parallel({
          name: 'par',
          branches: {
            left: new Pipeline({ steps: [new ShellTask({ name: 'a', command: 'export side=left', returns: ['side'] })] }),
            right: new Pipeline({ steps: [new Stub({ name: 'b' })] }),
          },
        }),
        new Map({
          name: 'each',
          iterateOn: 'items',
          iterateAs: 'item',
          reducer: 'sum',
          branch: new Pipeline({ steps: [new ShellTask({ name: 'square', command: 'export sq=$((item * item))', returns: ['sq'] })] }),
        }),
        new Conditional({
          name: 'cond',
          parameter: 'toss',
          branches: {
            heads: new Pipeline({ steps: [new ShellTask({ name: 'h', command: 'export landed=heads', returns: ['landed'] })] }),
            tails: new Pipeline({ steps: [new Stub({ name: 't' })] }),
          },
        }),
        new Loop({
          name: 'lp',
          maxIterations: 5,
          breakOn: 'done',
          indexAs: 'idx',
          branch: new Pipeline({
            steps: [
              new ShellTask({
                name: 'body',
                command: 'if [ "$idx" -ge 2 ]; then export done=true; else export done=false; fi',
                returns: ['done'],
              }),
            ],
          }),
        }),
      ],
    });

  const yaml = `
    dag:
      description: every composite
      start_at: setup
      steps:
        setup:
          type: task
          command_type: shell
          command: |-
            export items='[1, 2, 3]'
            export toss=heads
          returns: [items, toss]
          next: par
        par:
          type: parallel
          next: each
          branches:
            left:
              start_at: a
              steps:
                a: {type: task, command_type: shell, command: export side=left, returns: [side], next: success}
            right:
              start_at: b
              steps:
                b: {type: stub, next: success}
        each:
          type: map
          iterate_on: items
          iterate_as: item
          reducer: sum
          next: cond
          branch:
            start_at: square
            steps:
              square: {type: task, command_type: shell, command: export sq=$((item * item)), returns: [sq], next: success}
        cond:
          type: conditional
          parameter: toss
          next: lp
          branches:
            heads:
              start_at: h
              steps:
                h: {type: task, command_type: shell, command: export landed=heads, returns: [landed], next: success}
            tails:
              start_at: t
              steps:
                t: {type: stub, next: success}
        lp:
          type: loop
          max_iterations: 5
          break_on: done
          index_as: idx
          next: success
          branch:
            start_at: body
            steps:
              body:
                type: task
                command_type: shell
                command: 'if [ "$idx" -ge 2 ]; then export done=true; else export done=false; fi'
                returns: [done]
                next: success
  `;

  skippedWithoutShared('Parallel, Map, Conditional and Loop against the CLI (the normaliser)');
  it.skipIf(!HAS_SHARED)('Parallel, Map, Conditional and Loop leave the same run log as the equivalent YAML run by the CLI', async () => {
    const sdk = workspace();
    const pipeline = composites();
    const r = await execute(sdk, pipeline, { runId: 'same' });
    expect(r.status).toBe('SUCCESS');

    const cli = workspace({ 'pipeline.yaml': dedent(yaml) });
    expectExit(await runCli(['execute', 'pipeline.yaml', 'same'], { cwd: cli.dir }), 0);

    const fromSdk = normalise(sdk.dir, 'same');
    expect(fromSdk).toEqual(normalise(cli.dir, 'same'));
    expect(sdk.runLog('same').dag_hash).toBe(cli.runLog('same').dag_hash);
    expect(Object.keys(fromSdk.branches).sort()).toEqual([
      'cond.heads',
      'each.1',
      'each.2',
      'each.3',
      'lp.0',
      'lp.1',
      'lp.2',
      'par.left',
      'par.right',
    ]);
    expect(Object.keys(fromSdk.steps)).toContain('each.2.square');
    expect(values(sdk.runLog('same'))).toMatchObject({ side: 'left', sq: 14, landed: 'heads', done: true });
  });

  it('the graph is the validated model with runnable internal names', () => {
    const g = composites().graph;
    expect(Object.keys(g.nodes)).toEqual(['setup', 'par', 'each', 'cond', 'lp', 'success', 'fail']);
    const each = g.nodes.each;
    expect(each.type === 'map' && each.branch.nodes.square.internalName).toBe('each.map_variable_placeholder.square');
    const lp = g.nodes.lp;
    expect(lp.type === 'loop' && lp.branch.internalBranchName).toBe('lp.loop_variable_placeholder');
    expect(g.nodes.setup.next).toBe('par');
    expect(g.nodes.lp.next).toBe('success');
  });

  it('TypeScript and python tasks in a map branch get the item; reduced by default to the list of values', async () => {
    const ws = workspace({ 'functions.py': 'def plus_one(doubled):\n    return doubled + 1\n' });
    const pipeline = new Pipeline({
      steps: [
        new Map({
          name: 'each',
          iterateOn: 'items',
          iterateAs: 'item',
          branch: new Pipeline({
            steps: [
              new TypeScriptTask({ name: 'double', fn: ({ item }: { item: number }) => item * 2, returns: ['doubled'] }),
              new PythonTask({ name: 'plus one', function: 'functions.plus_one', returns: ['plus'] }),
            ],
          }),
        }),
      ],
    });
    const r = await execute(ws, pipeline, { runId: 'm', parameters: { items: [1, 2, 3] } });
    expect(r.status).toBe('SUCCESS');
    const log = ws.runLog('m');
    expect(values(log)).toMatchObject({ doubled: [2, 4, 6], plus: [3, 5, 7] });
    expect(statuses(log)['each.3.plus one']).toBe('SUCCESS');
  });
});

describe('failures', () => {
  it('a TypeScriptTask that throws fails its step with the error message', async () => {
    const ws = workspace();
    const pipeline = new Pipeline({
      steps: [
        new TypeScriptTask({
          name: 'explode',
          fn: () => {
            throw new RangeError('the value is out of range');
          },
        }),
        new Stub({ name: 'never' }),
      ],
    });
    const r = await execute(ws, pipeline, { runId: 'boom' });
    expect(r.status).toBe('FAIL');
    const log = ws.runLog('boom');
    expect(log.status).toBe('FAIL');
    expect(log.steps.explode.status).toBe('FAIL');
    expect(log.steps.explode.attempts[0].message).toBe('RangeError: the value is out of range');
    expect(Object.keys(log.steps)).toEqual(['explode', 'fail']);
  });

  it('onFailure: the failure pipeline joins the graph, its first step runs when the step fails', async () => {
    const ws = workspace();
    const recover = new Pipeline({
      steps: [new ShellTask({ name: 'clean up', command: 'echo cleaning' }), new Stub({ name: 'after cleanup' })],
    });
    const pipeline = new Pipeline({
      steps: [new ShellTask({ name: 'break', command: 'exit 3', onFailure: recover }), new Stub({ name: 'never' })],
    });
    expect(pipeline.graph.nodes.break.onFailure).toBe('clean up');
    expect(pipeline.graph.nodes['clean up'].next).toBe('after cleanup');
    expect(pipeline.graph.nodes['after cleanup'].next).toBe('success');
    const r = await execute(ws, pipeline, { runId: 'f' });
    expect(r.status).toBe('SUCCESS'); // runnable: the run ends where the failure path ends
    expect(statuses(ws.runLog('f'))).toEqual({ break: 'FAIL', 'clean up': 'SUCCESS', 'after cleanup': 'SUCCESS', success: 'SUCCESS' });

    // the same as runnable YAML with on_failure
    const same = dedent(`
      dag:
        start_at: break
        steps:
          break: {type: task, command_type: shell, command: exit 3, next: never, on_failure: clean up}
          never: {type: stub, next: success}
          clean up: {type: task, command_type: shell, command: echo cleaning, next: after cleanup}
          after cleanup: {type: stub, next: success}
    `);
    ws.write('same.yaml', same);
    expect(loadPipelineFile(ws.path('same.yaml')).dagHash).toBe(pipeline.dagHash);
  });

  it('a failure pipeline ending in Fail fails the run; one shared by two steps joins the graph once', async () => {
    const ws = workspace();
    const report = new Pipeline({ steps: [new ShellTask({ name: 'report', command: 'echo "reporting $RUNNABLE_RUN_ID"' }), new Fail()] });
    const pipeline = new Pipeline({
      steps: [
        new ShellTask({ name: 'first', command: 'true', onFailure: report }),
        new ShellTask({ name: 'second', command: 'false', onFailure: report }),
        new Stub({ name: 'third' }),
      ],
    });
    expect(Object.keys(pipeline.graph.nodes)).toEqual(['first', 'second', 'third', 'report', 'success', 'fail']);
    expect(pipeline.graph.nodes.report.next).toBe('fail');
    const events: EngineEvent[] = [];
    const r = await execute(ws, pipeline, { runId: 'ff', onEvent: (e) => events.push(e) });
    expect(r.status).toBe('FAIL');
    expect(statuses(ws.runLog('ff'))).toEqual({ first: 'SUCCESS', second: 'FAIL', report: 'SUCCESS', fail: 'SUCCESS' });
    expect(events).toContainEqual(expect.objectContaining({ type: 'step-output', step: 'report', line: 'reporting ff' }));
  });

  it('terminateWithFailure ends the pipeline failed after the step', async () => {
    const ws = workspace();
    const pipeline = new Pipeline({ steps: [new Stub({ name: 'a' }), new Stub({ name: 'b', terminateWithFailure: true })] });
    expect(pipeline.graph.nodes.b.next).toBe('fail');
    expect((await execute(ws, pipeline, { runId: 't' })).status).toBe('FAIL');
    expect(new Pipeline({ steps: [new Stub({ name: 'a' }), new Success()] }).graph.nodes.a.next).toBe('success');
  });

  it('retry resumes a failed run: successful steps are skipped, the failed one runs again', async () => {
    const ws = workspace();
    let calls = 0;
    const pipeline = new Pipeline({
      steps: [
        new ShellTask({ name: 'once', command: 'echo once >> once.txt' }),
        new TypeScriptTask({
          name: 'flaky',
          fn: () => {
            if (++calls === 1) throw new Error('not yet');
            return 'fine';
          },
          returns: ['result'],
        }),
      ],
    });
    expect((await execute(ws, pipeline, { runId: 'r' })).status).toBe('FAIL');
    const r = await execute(ws, pipeline, { retry: { runId: 'r', indicator: 'second go' } });
    expect(r).toMatchObject({ runId: 'r', status: 'SUCCESS' });
    const log = ws.runLog('r');
    expect(log.steps.flaky.attempts.map((a) => [a.status, a.retry_indicator])).toEqual([
      ['FAIL', ''],
      ['SUCCESS', 'second go'],
    ]);
    expect(log.steps.once.attempts).toHaveLength(1);
    expect(ws.read('once.txt')).toBe('once\n');
  });
});

describe('checks, as for YAML', () => {
  const stub = (name: string, extra: Record<string, unknown> = {}) => new Stub({ name, ...extra });

  it('rejects items that cannot be steps, reserved names and a step that terminates both ways, each once and in order', () => {
    const e = invalid(
      () =>
        new Pipeline({
          steps: [
            stub('a', { terminateWithSuccess: true, terminateWithFailure: true }),
            'not a step' as never,
            new Stub({} as never),
            stub('success'),
            new Fail(),
            stub('b'),
          ],
        }),
    );
    expect(e.issues.map((i) => [i.step, i.message])).toEqual([
      [undefined, 'item 2 of the steps is not a step (string).'],
      [undefined, 'item 3 of the steps has no name.'],
      ['success', '"success" is the name of the terminal node every pipeline has.'],
      [undefined, 'Fail can only be the last of the steps.'],
      ['a', 'a step cannot terminate with both success and failure.'],
      ['a', 'the step terminates the pipeline, so what follows it ("b") would never run.'],
    ]);
    expect(e.issues[2].fix).toBe('rename the step; to end the pipeline, use terminateWithSuccess or Success.');
    // the links of the valid steps: a terminates, b closes the list
    const ok = new Pipeline({ steps: [stub('x', { onFailure: new Pipeline({ steps: [stub('y'), new Fail()] }) }), stub('z'), new Fail()] });
    expect(ok.toDefinition().dag.steps).toEqual({
      x: { type: 'stub', next: 'z', on_failure: 'y' },
      z: { type: 'stub', next: 'fail' },
      y: { type: 'stub', next: 'fail' },
    });
  });

  it('rejects duplicate names, with the step, also across a failure pipeline', () => {
    let e = invalid(() => new Pipeline({ steps: [stub('a'), stub('b'), stub('a')] }));
    expect(e.issues).toEqual([expect.objectContaining({ step: 'a', message: expect.stringContaining('"a" is used twice') })]);
    expect(e.issues[0].location).toBeUndefined();
    e = invalid(() => new Pipeline({ steps: [stub('a', { onFailure: new Pipeline({ steps: [stub('b')] }) }), stub('b')] }));
    expect(e.issues).toEqual([expect.objectContaining({ step: 'b', message: expect.stringContaining('used twice') })]);
    // in a branch, reported when the branch pipeline is made
    e = invalid(() => new Parallel({ name: 'par', branches: { x: new Pipeline({ steps: [stub('c'), stub('c')] }) } }));
    expect(e.issues[0].step).toBe('c');
  });

  it('reports each problem with the step name: reserved and dotted names, terminations, Success not last, types', () => {
    expect(invalid(() => new Pipeline({ steps: [stub('success')] })).issues[0]).toMatchObject({ step: 'success' });
    expect(invalid(() => new Pipeline({ steps: [stub('a.b')] })).message).toContain('step "a.b": the step name "a.b" contains "."');
    expect(invalid(() => new Pipeline({ steps: [stub('a', { terminateWithSuccess: true }), stub('b')] })).message).toContain(
      'step "a": the step terminates the pipeline, so what follows it ("b") would never run',
    );
    expect(invalid(() => new Pipeline({ steps: [stub('a'), new Fail(), stub('b')] })).message).toContain(
      'Fail can only be the last of the steps',
    );
    expect(invalid(() => new Pipeline({ steps: [] })).message).toContain('a pipeline needs at least one step');
    const nested = invalid(
      () =>
        new Pipeline({
          steps: [new Map({ name: 'each', iterateOn: 'xs', iterateAs: 'bad name', branch: new Pipeline({ steps: [stub('inner')] }) })],
        }),
    );
    expect(nested.message).toContain('step "each": "bad name" is not a valid parameter name');
    const notPipeline = invalid(
      () => new Pipeline({ steps: [new Parallel({ name: 'par', branches: { x: [stub('a')] as unknown as Pipeline } })] }),
    );
    expect(notPipeline.message).toContain('the branch "x" of step "par" is not a Pipeline');
    expect(
      invalid(() => new Pipeline({ steps: [new TypeScriptTask({ name: 'both', fn: () => 1, command: 'a.mjs:f' })] })).message,
    ).toContain('step "both": a TypeScriptTask takes only one of the two');
    expect(
      invalid(() => new Pipeline({ steps: [new ShellTask({ name: 'obj', command: 'true', returns: [{ name: 'o', kind: 'object' }] })] }))
        .message,
    ).toContain('a shell task cannot return an object');
    // every problem at once
    expect(invalid(() => new Pipeline({ steps: [stub('x.y'), stub('fail'), stub('z', { maxAttempts: 0 })] })).issues).toHaveLength(3);
  });

  it('refuses bad input to execute before writing anything', async () => {
    const ws = workspace({ 'bad.yaml': 'pipeline-executor:\n  type: nope\n' });
    const p = new Pipeline({ steps: [stub('a')] });
    expect((await invalidAsync(() => execute(ws, p, { configurationFile: 'bad.yaml' }))).message).toContain(
      '"nope" is not a pipeline-executor type',
    );
    expect((await invalidAsync(() => execute(ws, p, { runId: '../up' }))).message).toContain(
      'the run id "../up" (the runId option) cannot be used',
    );
    expect((await invalidAsync(() => execute(ws, p, { parameters: { n: 1n } }))).message).toContain(
      'the parameter "n" is not a JSON value',
    );
    expect(ws.exists('.run_log_store')).toBe(false);
    await execute(ws, p, { runId: 'taken' });
    expect((await invalidAsync(() => execute(ws, p, { runId: 'taken' }))).message).toContain('a run with id "taken" already exists');
  });
});

describe('YAML and other processes', () => {
  const serialisable = () =>
    new Pipeline({
      description: 'written out',
      steps: [
        new TypeScriptTask({ name: 'from module', command: 'tasks.mjs:double', returns: ['doubled'] }),
        new PythonTask({ name: 'py', function: 'functions.add_one', returns: [metric('plus')], secrets: ['TOKEN'], maxAttempts: 2 }),
        new ShellTask({
          name: 'shell: with care',
          command: 'echo "$doubled $plus"\necho done > done.txt',
          catalog: { put: ['done.txt'], storeCopy: false },
          onFailure: new Pipeline({ steps: [stub('cleanup'), new Fail()] }),
        }),
        new Map({ name: 'each', iterateOn: 'items', iterateAs: 'item', reducer: 'max', branch: new Pipeline({ steps: [stub('inner')] }) }),
      ],
    });
  const stub = (name: string) => new Stub({ name });

  it('toYaml() round-trips through loadPipelineFile to the same dag hash', () => {
    const ws = workspace();
    const p = serialisable();
    ws.write('written.yaml', p.toYaml());
    expect(ws.read('written.yaml')).toContain('command: tasks.mjs:double');
    expect(loadPipelineFile(ws.path('written.yaml')).dagHash).toBe(p.dagHash);
    // the composites' run too
    expect(p.toDefinition().dag.start_at).toBe('from module');
  });

  it('toYaml() refuses an inline function, naming the step', () => {
    const p = new Pipeline({ steps: [stub('a'), new TypeScriptTask({ name: 'inline', fn: () => 1 })] });
    const e = invalid(() => p.toYaml());
    expect(e.issues).toEqual([expect.objectContaining({ step: 'inline', message: expect.stringContaining('cannot be written as YAML') })]);
  });

  it('runs a TypeScriptTask given as `command: module.mjs:export`', async () => {
    const ws = workspace({ 'tasks.mjs': 'export const double = ({ x }) => x * 2;\n' });
    const p = new Pipeline({ steps: [new TypeScriptTask({ name: 't', command: 'tasks.mjs:double', returns: ['doubled'] })] });
    const r = await execute(ws, p, { runId: 'mod', parameters: { x: 4 } });
    expect(values(r.runLog!)).toEqual({ x: 4, doubled: 8 });
  });

  it('the mocked executor patches SDK steps by name: an inline function is replaced by the patch', async () => {
    const ws = workspace({
      'tasks.mjs': 'export const instead = () => "from the patch";\n',
      'mocked.yaml': dedent(`
        pipeline-executor:
          type: mocked
          config:
            patches:
              call api: {command: "tasks.mjs:instead"}
              slow: {returns_values: {answer: 42}}
      `),
    });
    let called = false;
    const p = new Pipeline({
      steps: [
        new TypeScriptTask({
          name: 'call api',
          fn: () => {
            called = true;
            return 'from the real function';
          },
          returns: ['reply'],
        }),
        new ShellTask({ name: 'slow', command: 'sleep 100', returns: ['answer'] }),
      ],
    });
    const r = await execute(ws, p, { runId: 'mock', configurationFile: 'mocked.yaml' });
    expect(r.status).toBe('SUCCESS');
    expect(called).toBe(false);
    expect(values(ws.runLog('mock'))).toEqual({ reply: 'from the patch', answer: 42 });
    expect(ws.runLog('mock').steps.slow.mock).toBe(true);
  });

  it('an executor that runs steps in other processes refuses inline functions, and runs a serialisable pipeline from YAML', async () => {
    const ws = workspace({
      'emulator.yaml': 'pipeline-executor:\n  type: emulator\n',
      'functions.py': 'def add_one(x):\n    return x + 1\n',
    });
    const inline = new Pipeline({ steps: [new TypeScriptTask({ name: 'here only', fn: () => 1 })] });
    const e = await invalidAsync(() => execute(ws, inline, { runId: 'no', configurationFile: 'emulator.yaml' }));
    expect(e.issues[0]).toMatchObject({
      step: 'here only',
      message: expect.stringContaining('the emulator executor runs each step in another process'),
    });
    expect(ws.exists('.run_log_store')).toBe(false);

    const p = new Pipeline({
      steps: [
        new PythonTask({ name: 'py', function: 'functions.add_one', returns: ['y'] }),
        new ShellTask({ name: 'sh', command: 'export z=$((y * 10))', returns: ['z'] }),
      ],
    });
    const r = await execute(ws, p, { runId: 'emu', configurationFile: 'emulator.yaml', parameters: { x: 1 } });
    expect(r.status).toBe('SUCCESS');
    const log = ws.runLog('emu');
    expect(values(log)).toEqual({ x: 1, y: 2, z: 20 });
    const file = log.run_config.pipeline_definition_file as string;
    expect(path.basename(file)).toBe('emu.yaml');
    expect(loadPipelineFile(file).dagHash).toBe(p.dagHash);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
