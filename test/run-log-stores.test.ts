// The three run-log stores write runnable's run log (reference §3.1, §3.4) field for field: the same pipeline
// (a task, a parallel, a map, a stub) is run with each, and the log is read back through the store's read() and,
// for the stores on disk, by parsing the files. Plus: no temp files left by the atomic writes, and the chunked-fs
// store under 200 concurrent branches loses no branch file and no update.

import { describe, expect, it } from 'vitest';
import { runPipeline } from '../src/engine/run-pipeline.js';
import { assembleRun } from '../src/run/assemble.js';
import { BufferedRunLogStore } from '../src/services/run-log/buffered-store.js';
import { ChunkedFsRunLogStore } from '../src/services/run-log/chunked-fs-store.js';
import { FileSystemRunLogStore } from '../src/services/run-log/file-system-store.js';
import type { Attempt, BranchLog, RunLog, StepLog } from '../src/services/run-log/model.js';
import type { RunLogStore } from '../src/services/run-log/store.js';
import { cliEnv, runCli } from './helpers/cli.js';
import { dedent, workspace } from './helpers/workspace.js';

const PIPELINE = dedent(`
  dag:
    description: a task, a parallel and a map
    start_at: first
    steps:
      first:
        type: task
        command_type: shell
        command: |
          export greeting=hello
          echo data > data.txt
        returns:
          - name: greeting
        catalog:
          put: [data.txt]
        next: fan
      fan:
        type: parallel
        next: each
        branches:
          left:
            start_at: work
            steps:
              work:
                type: task
                command_type: shell
                command: export left_out=$((3 * 2))
                returns:
                  - name: left_out
                    kind: metric
                next: success
          right:
            start_at: idle
            steps:
              idle:
                type: stub
                next: success
      each:
        type: map
        iterate_on: items
        iterate_as: item
        next: last
        branch:
          start_at: square
          steps:
            square:
              type: task
              command_type: shell
              command: export squared=$((item * item))
              returns:
                - name: squared
              next: success
      last:
        type: stub
        next: success
`);

const PARAMS = 'items: [1, 2, 3]\n';

const RUN_LOG_KEYS = ['dag_hash', 'job', 'parameters', 'run_config', 'run_id', 'status', 'steps', 'tag'];
const STEP_KEYS = ['attempts', 'branches', 'data_catalog', 'internal_name', 'message', 'mock', 'name', 'status', 'step_type'];
const ATTEMPT_KEYS = [
  'attempt_number',
  'code_identities',
  'end_time',
  'input_parameters',
  'message',
  'output_parameters',
  'retry_indicator',
  'start_time',
  'status',
  'user_defined_metrics',
];
const BRANCH_KEYS = ['internal_name', 'parameters', 'status', 'steps'];
const CATALOG_KEYS = ['catalog_handler_location', 'catalog_relative_path', 'data_hash', 'name', 'stage'];
const CODE_IDENTITY_KEYS = [
  'code_identifier',
  'code_identifier_dependable',
  'code_identifier_message',
  'code_identifier_type',
  'code_identifier_url',
];
const TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/;
const keys = (o: object) => Object.keys(o).sort();

function checkParameters(params: unknown, where: string): void {
  expect(params, where).toBeTypeOf('object');
  for (const [name, p] of Object.entries(params as Record<string, Record<string, unknown>>)) {
    expect(['json', 'metric', 'object'], `${where}.${name}.kind`).toContain(p.kind);
    expect(p, `${where}.${name}`).toHaveProperty('value');
    for (const k of Object.keys(p)) expect(['kind', 'value', 'description'], `${where}.${name}`).toContain(k);
  }
}

function checkAttempt(a: Attempt, where: string): void {
  expect(keys(a), where).toEqual(ATTEMPT_KEYS);
  expect(a.attempt_number, where).toBeTypeOf('number');
  expect(a.start_time, where).toMatch(TIME);
  expect(a.end_time, where).toMatch(TIME);
  expect(a.end_time >= a.start_time, `${where}: ends before it starts`).toBe(true);
  expect(['SUCCESS', 'FAIL'], where).toContain(a.status);
  expect(a.message, where).toBeTypeOf('string');
  expect(a.retry_indicator, where).toBeTypeOf('string');
  checkParameters(a.input_parameters, `${where}.input_parameters`);
  checkParameters(a.output_parameters, `${where}.output_parameters`);
  checkParameters(a.user_defined_metrics, `${where}.user_defined_metrics`);
  for (const c of a.code_identities) expect(keys(c), `${where}.code_identities`).toEqual(CODE_IDENTITY_KEYS);
}

function checkStep(name: string, s: StepLog, where: string): void {
  expect(keys(s), where).toEqual(STEP_KEYS);
  expect(s.internal_name, where).toBe(name);
  expect(s.name, where).toBe(name.split('.').at(-1));
  expect(s.mock, where).toBe(false);
  s.attempts.forEach((a, i) => checkAttempt(a, `${where}.attempts[${i}]`));
  for (const d of s.data_catalog) expect(keys(d), `${where}.data_catalog`).toEqual(CATALOG_KEYS);
  for (const [bn, b] of Object.entries(s.branches)) checkBranch(bn, b, `${where}.branches[${bn}]`);
}

function checkBranch(name: string, b: BranchLog, where: string): void {
  expect(keys(b), where).toEqual(BRANCH_KEYS);
  expect(b.internal_name, where).toBe(name);
  checkParameters(b.parameters, `${where}.parameters`);
  for (const [sn, s] of Object.entries(b.steps)) {
    expect(sn.startsWith(`${name}.`), `${where}: step ${sn} is not under its branch`).toBe(true);
    checkStep(sn, s, `${where}.steps[${sn}]`);
  }
}

/** Every field of runnable's run log, at every depth, and nothing else. */
function checkShape(log: RunLog): void {
  expect(keys(log)).toEqual(RUN_LOG_KEYS);
  expect(log.dag_hash).toMatch(/^[0-9a-f]{40}$/);
  expect(log.job).toBeNull();
  checkParameters(log.parameters, 'parameters');
  for (const [sn, s] of Object.entries(log.steps)) checkStep(sn, s, `steps[${sn}]`);
  expect(log.run_config).toMatchObject({
    execution_mode: 'yaml',
    run_id: log.run_id,
    tag: log.tag,
    pipeline_executor: { service_name: 'local', service_type: 'pipeline_executor' },
    catalog: { service_name: 'file-system', service_type: 'catalog' },
    secrets: { service_name: 'env-secrets', service_type: 'secrets' },
    pipeline_definition_file: 'pipeline.yaml',
    is_retry: false,
    retry_indicator: '',
    dag_hash: log.dag_hash,
    dag: { start_at: 'first', description: 'a task, a parallel and a map' },
  });
}

const statuses = (steps: Record<string, StepLog>) =>
  Object.fromEntries(Object.entries(steps).map(([k, s]) => [k, [s.step_type, s.status, s.attempts.length]]));

/** The content of the run of PIPELINE, whichever store kept it. */
function checkContent(log: RunLog, runId: string, store: string): void {
  expect(log.run_id).toBe(runId);
  expect(log.status).toBe('SUCCESS');
  expect(log.tag).toBe('nightly');
  expect(log.run_config.run_log_store).toMatchObject({
    service_name: store,
    service_type: 'run_log_store',
    supports_parallel_writes: store === 'chunked-fs',
  });
  expect(statuses(log.steps)).toEqual({
    first: ['task', 'SUCCESS', 1],
    fan: ['parallel', 'SUCCESS', 0],
    each: ['map', 'SUCCESS', 0],
    last: ['stub', 'SUCCESS', 1],
    success: ['success', 'SUCCESS', 1],
  });
  expect(log.parameters).toEqual({
    items: { kind: 'json', value: [1, 2, 3], description: [1, 2, 3] },
    greeting: { kind: 'json', value: 'hello', description: 'hello' },
    left_out: { kind: 'metric', value: 6, description: 6 },
    squared: { kind: 'json', value: [1, 4, 9], description: [1, 4, 9] },
  });

  const first = log.steps.first;
  expect(first.attempts[0].output_parameters).toEqual({ greeting: { kind: 'json', value: 'hello', description: 'hello' } });
  expect(first.attempts[0].input_parameters).toEqual({ items: { kind: 'json', value: [1, 2, 3], description: [1, 2, 3] } });
  const put = first.data_catalog.find((d) => d.name === 'data.txt');
  expect(put).toMatchObject({ stage: 'put', catalog_relative_path: `${runId}/data.txt` });
  expect(put?.data_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(first.data_catalog.some((d) => d.name.endsWith('.execution.log') && d.stage === 'put')).toBe(true);

  const fan = log.steps.fan;
  expect(Object.keys(fan.branches)).toEqual(['fan.left', 'fan.right']);
  expect(fan.branches['fan.left'].status).toBe('SUCCESS');
  expect(statuses(fan.branches['fan.left'].steps)).toEqual({
    'fan.left.work': ['task', 'SUCCESS', 1],
    'fan.left.success': ['success', 'SUCCESS', 1],
  });
  expect(statuses(fan.branches['fan.right'].steps)).toEqual({
    'fan.right.idle': ['stub', 'SUCCESS', 1],
    'fan.right.success': ['success', 'SUCCESS', 1],
  });
  const work = fan.branches['fan.left'].steps['fan.left.work'].attempts[0];
  expect(work.output_parameters.left_out).toMatchObject({ kind: 'metric', value: 6 });
  expect(work.user_defined_metrics.left_out).toMatchObject({ kind: 'metric', value: 6 });
  expect(fan.branches['fan.left'].parameters.left_out).toMatchObject({ kind: 'metric', value: 6 });
  expect(fan.branches['fan.right'].parameters.greeting).toMatchObject({ value: 'hello' });

  const each = log.steps.each;
  expect(Object.keys(each.branches)).toEqual(['each.1', 'each.2', 'each.3']);
  for (const n of [1, 2, 3]) {
    const b = each.branches[`each.${n}`];
    expect(b.status).toBe('SUCCESS');
    expect(statuses(b.steps)).toEqual({ [`each.${n}.square`]: ['task', 'SUCCESS', 1], [`each.${n}.success`]: ['success', 'SUCCESS', 1] });
    expect(b.parameters.squared).toMatchObject({ kind: 'json', value: n * n });
    const a = b.steps[`each.${n}.square`].attempts[0];
    expect(a.input_parameters.item).toMatchObject({ kind: 'json', value: n });
    expect(a.output_parameters).toEqual({ squared: { kind: 'json', value: n * n, description: n * n } });
  }
}

/** Files a crash-safe writer may leave behind: temp files are renamed into place, never left. */
const leftovers = (files: string[]) => files.filter((f) => f.endsWith('.tmp') || f.split('/').some((p) => p.startsWith('.')));

describe("run-log stores write runnable's run log", () => {
  it('buffered: kept in the store of the run, read back through it, nothing on disk', async () => {
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'params.yaml': PARAMS, 'config.yaml': 'run-log-store:\n  type: buffered\n' });
    const runId = 'buffered-run';
    const saved = process.cwd();
    process.chdir(ws.dir);
    let store: RunLogStore;
    try {
      const input = {
        pipeline: { kind: 'file' as const, file: 'pipeline.yaml' },
        configFile: 'config.yaml',
        parametersFile: 'params.yaml',
      };
      const { request } = assembleRun({ ...input, runId, tag: 'nightly' }, cliEnv(ws.dir), ws.dir);
      store = request.store;
      expect((await runPipeline(request)).status).toBe('SUCCESS');
      // the memory is the store's own: a store of another run (even in this process) does not see it
      const other = assembleRun({ ...input, runId: 'other' }, cliEnv(ws.dir), ws.dir).request.store;
      expect(await other.exists(runId)).toBe(false);
    } finally {
      process.chdir(saved);
    }
    expect(store).toBeInstanceOf(BufferedRunLogStore);
    const log = await store.read(runId);
    checkShape(log);
    checkContent(log, runId, 'buffered');
    expect(ws.exists('.run_log_store')).toBe(false);
    // the catalog still works
    expect(ws.read(`.catalog/${runId}/data.txt`)).toBe('data\n');
  });

  it('file-system: one file, .run_log_store/<run_id>.json', async () => {
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'params.yaml': PARAMS });
    const r = await runCli(['execute', 'pipeline.yaml', 'fs-run', '-p', 'params.yaml', '--tag', 'nightly'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    expect(ws.walk('.run_log_store')).toEqual(['fs-run.json']);
    const fromFile = ws.runLog('fs-run');
    checkShape(fromFile);
    checkContent(fromFile, 'fs-run', 'file-system');
    const fromStore = await new FileSystemRunLogStore({ log_folder: ws.path('.run_log_store') }).read('fs-run');
    expect(fromStore).toEqual(fromFile);
  });

  it('chunked-fs: RunLog.json plus one BranchLog-<branch>.json per branch, stitched back by read()', async () => {
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'params.yaml': PARAMS, 'config.yaml': 'run-log-store:\n  type: chunked-fs\n' });
    const r = await runCli(['execute', 'pipeline.yaml', 'ch-run', '-p', 'params.yaml', '-c', 'config.yaml', '--tag', 'nightly'], {
      cwd: ws.dir,
    });
    expect(r.code, r.output).toBe(0);
    const files = ws.walk('.run_log_store');
    expect(leftovers(files)).toEqual([]);
    expect(files).toEqual([
      'ch-run/BranchLog-each.1.json',
      'ch-run/BranchLog-each.2.json',
      'ch-run/BranchLog-each.3.json',
      'ch-run/BranchLog-fan.left.json',
      'ch-run/BranchLog-fan.right.json',
      'ch-run/RunLog.json',
    ]);

    // the files themselves: the root holds composite steps without their branches; each branch file its own steps
    const root = ws.readJson<RunLog>('.run_log_store/ch-run/RunLog.json');
    expect(keys(root)).toEqual(RUN_LOG_KEYS);
    expect(root.status).toBe('SUCCESS');
    expect(Object.keys(root.steps)).toEqual(['first', 'fan', 'each', 'last', 'success']);
    expect(root.steps.fan.branches).toEqual({});
    expect(root.steps.each.branches).toEqual({});
    const left = ws.readJson<BranchLog>('.run_log_store/ch-run/BranchLog-fan.left.json');
    checkBranch('fan.left', left, 'BranchLog-fan.left');
    expect(left.status).toBe('SUCCESS');
    expect(Object.keys(left.steps)).toEqual(['fan.left.work', 'fan.left.success']);
    expect(left.parameters.left_out).toMatchObject({ kind: 'metric', value: 6 });
    for (const n of [1, 2, 3]) {
      const b = ws.readJson<BranchLog>(`.run_log_store/ch-run/BranchLog-each.${n}.json`);
      checkBranch(`each.${n}`, b, `BranchLog-each.${n}`);
      expect(b.status).toBe('SUCCESS');
      expect(b.parameters.squared.value).toBe(n * n);
    }

    // read() stitches them into the same log the file-system store writes
    const stitched = await new ChunkedFsRunLogStore({ log_folder: ws.path('.run_log_store') }).read('ch-run');
    checkShape(stitched);
    checkContent(stitched, 'ch-run', 'chunked-fs');
  });

  it('chunked-fs with map items that are paths: one file per branch in the run folder, all read back', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: each
          steps:
            each:
              type: map
              iterate_on: paths
              iterate_as: p
              next: success
              branch:
                start_at: measure
                steps:
                  measure:
                    type: task
                    command_type: shell
                    command: export size=\${#p}
                    returns: [size]
                    next: success
      `),
      'params.yaml': 'paths: ["data/in.csv", "a\\\\b", "plain"]\n',
      'config.yaml': 'run-log-store:\n  type: chunked-fs\n',
    });
    const r = await runCli(['execute', 'pipeline.yaml', 'paths', '-p', 'params.yaml', '-c', 'config.yaml'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    expect(ws.walk('.run_log_store/paths')).toEqual([
      'BranchLog-each.a_b.json',
      'BranchLog-each.data_in_csv.json',
      'BranchLog-each.plain.json',
      'RunLog.json',
    ]);
    const log = await new ChunkedFsRunLogStore({ log_folder: ws.path('.run_log_store') }).read('paths');
    // (the order of stitched branches is the directory's, not the items')
    expect(Object.keys(log.steps.each.branches).sort()).toEqual(['each.a_b', 'each.data_in_csv', 'each.plain']);
    expect(log.steps.each.branches['each.data_in_csv'].steps['each.data_in_csv.measure'].attempts[0].input_parameters.p.value).toBe(
      'data/in.csv',
    );
    expect(log.parameters.size.value).toEqual([11, 3, 5]);
  });

  it('chunked-fs with 200 concurrent branches: every branch file exists and holds its steps and parameters', async () => {
    const items = Array.from({ length: 200 }, (_, i) => i);
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: spread
          steps:
            spread:
              type: map
              iterate_on: items
              iterate_as: item
              next: success
              branch:
                start_at: work
                steps:
                  work:
                    type: task
                    command_type: shell
                    command: export out=$((item + 1000))
                    returns:
                      - name: out
                    next: idle
                  idle:
                    type: stub
                    next: success
      `),
      'params.yaml': `items: ${JSON.stringify(items)}\n`,
      'config.yaml': dedent(`
        pipeline-executor:
          type: local
          config:
            enable_parallel: true
            max_concurrency: 8
        run-log-store:
          type: chunked-fs
      `),
    });
    const r = await runCli(['execute', 'pipeline.yaml', 'wide', '-p', 'params.yaml', '-c', 'config.yaml'], {
      cwd: ws.dir,
      timeoutMs: 90_000,
    });
    expect(r.code, r.output).toBe(0);
    const files = ws.walk('.run_log_store/wide');
    expect(leftovers(files)).toEqual([]);
    expect(files).toHaveLength(201);
    expect(files).toContain('RunLog.json');

    // each branch file, parsed directly: written last with its final state by its own lane
    for (const i of items) {
      const b = ws.readJson<BranchLog>(`.run_log_store/wide/BranchLog-spread.${i}.json`);
      expect(b.internal_name).toBe(`spread.${i}`);
      expect(b.status, `spread.${i}`).toBe('SUCCESS');
      expect(statuses(b.steps), `spread.${i}`).toEqual({
        [`spread.${i}.work`]: ['task', 'SUCCESS', 1],
        [`spread.${i}.idle`]: ['stub', 'SUCCESS', 1],
        [`spread.${i}.success`]: ['success', 'SUCCESS', 1],
      });
      expect(b.parameters.out, `spread.${i}`).toMatchObject({ kind: 'json', value: i + 1000 });
      expect(b.steps[`spread.${i}.work`].attempts[0].input_parameters.item.value).toBe(i);
    }

    const log = await new ChunkedFsRunLogStore({ log_folder: ws.path('.run_log_store') }).read('wide');
    expect(log.status).toBe('SUCCESS');
    expect(log.steps.spread.status).toBe('SUCCESS');
    expect(Object.keys(log.steps.spread.branches)).toHaveLength(200);
    expect(log.parameters.out.value).toEqual(items.map((i) => i + 1000));
  });
});
