// Per-task time limits (issue 12): `timeout` in the executor config and its overrides, for local, emulator and
// local-container; at the limit the task's process group (or python worker) is stopped, the attempt FAILs with
// "timed out after N s" and max_attempts applies. Every sleeper sleeps 1000 s: a run that waited for one would
// hit the CLI helper's 60 s bound, so "finished at all" is the assertion, never a measured time.
import fs from 'node:fs';
import path from 'node:path';
import { workflowSpecOf } from '../../src/executors/argo/workflow-types.js';
import { describe, expect, it } from 'vitest';
import { goDuration, parseDuration } from '../../src/util/duration.js';
import { baseArgoConfig, manifestProblems, transpile } from '../helpers/argo.js';
import { expectExit, REPO_ROOT, runCli } from '../helpers/cli.js';
import { gone } from '../helpers/processes.js';
import { dedent, workspace } from '../helpers/workspace.js';

const skipDocker = process.env.RUNNABLE_TEST_NO_DOCKER === '1';

const attemptsOf = (log: { steps: Record<string, { attempts: { status: string; message: string }[] }> }, step: string) =>
  log.steps[step].attempts.map((a) => [a.status, a.message]);

describe('durations', () => {
  it('reads seconds and Argo-style durations, and refuses the rest with a reason', () => {
    expect([90, '90', '90s', '5m', '1h', '1h30m', '1.5h', '2m30s', 0.5].map(parseDuration)).toEqual([
      90, 90, 90, 300, 3600, 5400, 5400, 150, 0.5,
    ]);
    for (const bad of ['', '5 minutes', '1d', '-3', 0, -1, '10x', 'm', '1h 30m', true]) expect(typeof parseDuration(bad)).toBe('string');
    expect([3600, 5400, 90, 45, 0.5].map(goDuration)).toEqual(['1h', '1h30m', '1m30s', '45s', '0.5s']);
  });

  it('a bad timeout is a configuration error at its line, with the fix (exit 2); so is an unknown override key', async () => {
    const ws = workspace({
      'config.yaml': 'pipeline-executor:\n  type: local\n  config:\n    timeout: 5 minutes\n',
      'over.yaml': 'pipeline-executor:\n  type: emulator\n  config:\n    overrides:\n      quick: {timeout: 1d}\n',
      'known.yaml': 'pipeline-executor:\n  type: local\n  config:\n    overrides:\n      quick: {timeout: 1}\n',
      'p.yaml':
        'dag:\n  start_at: a\n  steps:\n    a: {type: task, command_type: shell, command: "true", overrides: {local: slow}, next: success}\n',
    });
    const r = await runCli(['execute', 'p.yaml', 'bad', '-c', 'config.yaml'], { cwd: ws.dir });
    expectExit(r, 2);
    expect(r.output).toMatch(/config\.yaml:4/);
    expect(r.output).toContain('"5 minutes" is not a duration');
    expect(r.output).toContain('"90s", "5m", "1h", "1h30m"');
    expect(r.output).not.toMatch(/\n\s+at /);
    const o = await runCli(['execute', 'p.yaml', 'bad2', '-c', 'over.yaml'], { cwd: ws.dir });
    expectExit(o, 2);
    expect(o.output).toMatch(/over\.yaml:5/);
    const k = await runCli(['execute', 'p.yaml', 'bad3', '-c', 'known.yaml'], { cwd: ws.dir });
    expectExit(k, 2);
    expect(k.output).toMatch(/p\.yaml:4/);
    expect(k.output).toContain('no override "slow" in the overrides of the local executor (known: quick)');
    for (const id of ['bad', 'bad2', 'bad3']) expect(ws.exists(`.run_log_store/${id}.json`)).toBe(false);
  });
});

describe('time limits: argo', () => {
  it("the template's timeout goes through the same parser: a number of seconds becomes a Go duration; a bad one is refused", async () => {
    const ws = workspace({
      'p.yaml':
        'dag:\n  start_at: a\n  steps:\n    a: {type: task, command_type: shell, command: "true", overrides: {argo: quick}, next: b}\n    b: {type: task, command_type: shell, command: "true", next: success}\n',
      'argo.yaml':
        'pipeline-executor:\n  type: argo\n  config:\n    defaults: {image: "img:1", timeout: 1h30m}\n    overrides: {quick: {timeout: 90}}\n    argoWorkflow: {metadata: {generateName: "x-"}}\n',
      'bad.yaml':
        'pipeline-executor:\n  type: argo\n  config:\n    defaults: {image: "img:1", timeout: 1 day}\n    argoWorkflow: {metadata: {generateName: "x-"}}\n',
    });
    const { manifest } = transpile({
      pipeline: path.relative(REPO_ROOT, path.join(ws.dir, 'p.yaml')),
      config: baseArgoConfig({ defaults: { image: 'img:1', timeout: '1h30m' }, overrides: { quick: { timeout: 90 } } }),
    });
    expect(manifestProblems(manifest)).toEqual([]);
    const timeouts = workflowSpecOf(manifest)
      .templates.filter((t) => t.container)
      .map((t) => t.timeout);
    expect(timeouts).toContain('1m30s');
    expect(timeouts).toContain('1h30m');
    const r = await runCli(['execute', 'p.yaml', '-c', 'bad.yaml'], { cwd: ws.dir });
    expectExit(r, 2);
    expect(r.output).toMatch(/bad\.yaml:4/);
    expect(r.output).toContain('"1 day" is not a duration');
  });
});

describe('time limits: local executor', () => {
  it('shell: the override of one step stops it at the limit, every attempt, and its sleeper is stopped; other steps have none', async () => {
    const ws = workspace({
      'config.yaml': 'pipeline-executor:\n  type: local\n  config:\n    overrides:\n      quick: {timeout: 1s}\n',
      'p.yaml': dedent(`
        dag:
          start_at: fine
          steps:
            fine:
              type: task
              command_type: shell
              command: sleep 2 && echo slept
              next: slow
            slow:
              type: task
              command_type: shell
              command: sleep 1000 & echo $! >> sleepers; wait
              overrides: {local: quick}
              max_attempts: 2
              next: success
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'tl-shell', '-c', 'config.yaml'], { cwd: ws.dir });
    expectExit(r, 1);
    const log = ws.runLog('tl-shell');
    expect(log.steps.fine.status).toBe('SUCCESS');
    expect(attemptsOf(log, 'slow')).toEqual([
      ['FAIL', 'timed out after 1 s'],
      ['FAIL', 'timed out after 1 s'],
    ]);
    const sleepers = ws.read('sleepers').trim().split('\n').map(Number);
    expect(sleepers).toHaveLength(2);
    for (const pid of sleepers) expect(await gone(pid)).toBe(true);
  });

  it('python: the worker running the call is stopped at the limit, and the pool serves the next step with a new one', async () => {
    const ws = workspace({
      'tasks.py': dedent(`
        import os, time
        def slow():
            with open("workers", "a") as f:
                f.write(f"{os.getpid()}\\n")
            time.sleep(1000)
        def after():
            with open("workers", "a") as f:
                f.write(f"{os.getpid()}\\n")
            return 42
      `),
      'config.yaml': 'pipeline-executor:\n  type: local\n  config:\n    timeout: 2\n',
      'p.yaml': dedent(`
        dag:
          start_at: slow
          steps:
            slow: {type: task, command: tasks.slow, max_attempts: 2, on_failure: after, next: success}
            after: {type: task, command: tasks.after, returns: [answer], next: success}
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'tl-py', '-c', 'config.yaml'], { cwd: ws.dir });
    expectExit(r, 0);
    const log = ws.runLog('tl-py');
    expect(attemptsOf(log, 'slow')).toEqual([
      ['FAIL', 'timed out after 2 s'],
      ['FAIL', 'timed out after 2 s'],
    ]);
    expect(log.steps.after.status).toBe('SUCCESS');
    expect(log.parameters.answer.value).toBe(42);
    const workers = ws.read('workers').trim().split('\n').map(Number);
    expect(new Set(workers).size).toBe(3); // each timed-out worker was replaced
    for (const pid of workers.slice(0, 2)) expect(await gone(pid)).toBe(true);
  });

  it('notebook and typescript tasks time out too (a TypeScript function is left behind; the CLI still ends)', async () => {
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: [source] });
    const ws = workspace({
      'nb.ipynb': JSON.stringify({ cells: [cell('import time\ntime.sleep(1000)\n')], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
      'slow.mjs': 'export async function slow() { await new Promise((r) => setTimeout(r, 1_000_000)); }\n',
      'config.yaml': 'pipeline-executor:\n  type: local\n  config:\n    timeout: 1\n',
      'p.yaml': dedent(`
        dag:
          start_at: nb
          steps:
            nb: {type: task, command_type: notebook, command: nb.ipynb, on_failure: ts, next: success}
            ts: {type: task, command_type: typescript, command: "slow.mjs:slow", next: success}
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'tl-nb', '-c', 'config.yaml'], { cwd: ws.dir });
    expectExit(r, 1);
    const log = ws.runLog('tl-nb');
    expect(attemptsOf(log, 'nb')).toEqual([['FAIL', 'timed out after 1 s']]);
    expect(attemptsOf(log, 'ts')).toEqual([['FAIL', 'timed out after 1 s']]);
  });
});

describe('time limits: other executors', () => {
  it('emulator: the step process applies the limit of the step override', async () => {
    const ws = workspace({
      'config.yaml': 'pipeline-executor:\n  type: emulator\n  config:\n    overrides:\n      quick: {timeout: 1}\n',
      'p.yaml': dedent(`
        dag:
          start_at: slow
          steps:
            slow:
              type: task
              command_type: shell
              command: sleep 1000 & echo $! > sleeper; wait
              overrides: {emulator: quick}
              next: success
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'tl-emu', '-c', 'config.yaml'], { cwd: ws.dir });
    expectExit(r, 1);
    expect(attemptsOf(ws.runLog('tl-emu'), 'slow')).toEqual([['FAIL', 'timed out after 1 s']]);
    expect(await gone(Number(ws.read('sleeper')))).toBe(true);
  });

  it.skipIf(skipDocker)('local-container: the limit is applied inside the container, and max_attempts then applies', async () => {
    const ws = workspace({
      'config.yaml': dedent(`
        pipeline-executor:
          type: local-container
          config:
            docker_image: runnable-test/node-python:1
            pull_policy: never
            network: none
            timeout: 5m
            overrides:
              quick: {timeout: 1s}
      `),
      'p.yaml': dedent(`
        dag:
          start_at: slow
          steps:
            slow:
              type: task
              command_type: shell
              command: echo started >> attempts; sleep 1000
              overrides: {local-container: quick}
              max_attempts: 2
              next: success
      `),
    });
    const r = await runCli(['execute', 'p.yaml', `tl-lc-${process.pid}`, '-c', 'config.yaml'], { cwd: ws.dir, timeoutMs: 120_000 });
    expectExit(r, 1);
    expect(attemptsOf(ws.runLog(`tl-lc-${process.pid}`), 'slow')).toEqual([
      ['FAIL', 'timed out after 1 s'],
      ['FAIL', 'timed out after 1 s'],
    ]);
    expect(fs.readFileSync(`${ws.dir}/attempts`, 'utf8')).toBe('started\nstarted\n');
  });
});
