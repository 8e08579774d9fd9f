// The action's `mode: step`, job by job, through the built bundle (dist/action/index.js) with the fake artifact
// service: each job in a fresh copy of the repository (runners share no disk), the run log handed on only as
// artifacts. The jobs are started in the order GitHub would start them for these pipelines, by hand; the
// workflow interpreter (github-conformance.test.ts) decides that order from the generated file itself.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slices } from '../src/executors/github/stages.js';
import { orderLogArtifacts, logArtifactName } from '../src/executors/github/run-log-handoff.js';
import { startArtifactService, type ArtifactService } from './harness/artifact-service.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';

const NORMALISE_FILE = path.resolve(REPO_ROOT, '../shared/conformance/normalise.mjs');
const NORMALISE = fs.existsSync(NORMALISE_FILE) ? NORMALISE_FILE : undefined;
const writeParams = (dir: string) => {
  fs.writeFileSync(path.join(dir, 'params.yaml'), 'seed: 1\n');
  return 'params.yaml';
};

const ACTION = path.join(REPO_ROOT, 'dist/action/index.js');
let service: ArtifactService;
beforeAll(async () => {
  service = await startArtifactService();
});
afterAll(async () => service?.close());

interface Job {
  /** The job's copy of the repository (its run-log folder is what the job saw and wrote). */
  work: string;
  code: number;
  outputs: Record<string, string>;
  log: string;
  summary: string;
}

/** One job: a fresh copy of `repo`, the action run with `with` as INPUT_*, its outputs read from GITHUB_OUTPUT. */
async function job(repo: string, withInputs: Record<string, string>, jobId: string): Promise<Job> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-job-'));
  fs.cpSync(repo, work, { recursive: true });
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-tmp-'));
  const files = {
    GITHUB_OUTPUT: path.join(temp, 'output'),
    GITHUB_STATE: path.join(temp, 'state'),
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
  };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PYTHONPATH: work,
    GITHUB_WORKSPACE: work,
    RUNNER_TEMP: temp,
    GITHUB_JOB: jobId,
    GITHUB_RUN_ATTEMPT: '1',
    ...files,
    ...service.env('1', jobId),
  };
  for (const [k, v] of Object.entries(withInputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const { code, log } = await new Promise<{ code: number; log: string }>((resolve) => {
    const child = spawn(process.execPath, [ACTION], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (c) => (log += c));
    child.stderr.on('data', (c) => (log += c));
    child.on('close', (c) => resolve({ code: c ?? 1, log }));
  });
  return {
    work,
    code,
    log,
    outputs: readOutputs(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
  };
}

function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}

function repoWith(pipeline: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-repo-'));
  fs.writeFileSync(path.join(dir, 'pipeline.yaml'), YAML.stringify(pipeline));
  fs.writeFileSync(path.join(dir, 'config.yaml'), 'pipeline-executor:\n  type: github\n');
  return dir;
}

const common = (runId: string, sequence: number) => ({
  mode: 'step',
  pipeline: 'pipeline.yaml',
  config: 'config.yaml',
  'run-id': runId,
  sequence: String(sequence),
});

function finalRunLog(runId: string): any {
  const a = service.artifacts().find((x) => x.name.startsWith(`runnable+${runId}+run-log+`));
  expect(a, 'the finish job uploads the whole run log').toBeDefined();
  return a;
}

describe('action mode step', () => {
  it('slices cover every item once, within the budget', () => {
    expect(slices(10_000, 256)).toHaveLength(256);
    const covered = slices(10_000, 256).flatMap((s) => {
      const [a, b] = s.split('-').map(Number);
      return Array.from({ length: b - a }, (_, i) => a + i);
    });
    expect(covered).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(slices(3, 256)).toEqual(['0-1', '1-2', '2-3']);
    expect(slices(0, 256)).toEqual(['0-0']);
  });

  it('run-log artifacts are laid over each other by sequence, then attempt', () => {
    const names = [
      logArtifactName('r', 10, 'fan-in-m', '1'),
      logArtifactName('r', 2, 'node-a', '2'),
      logArtifactName('r', 2, 'node-a', '1'),
      'other',
      logArtifactName('q', 1, 'x', '1'),
    ];
    expect(orderLogArtifacts('r', names)).toEqual([names[2], names[1], names[0]]);
  });

  it(
    'a task, a map over 3 items in 2 slices, a failing parallel branch with on_failure: jobs hand the run log on as artifacts',
    { timeout: 240_000 },
    async () => {
      const stub = { start_at: 's', steps: { s: { type: 'stub', next: 'success' } } };
      const repo = repoWith({
        dag: {
          start_at: 'make',
          steps: {
            make: { type: 'task', command_type: 'shell', command: "export xs='[1,2,3]'", returns: ['xs'], next: 'each' },
            each: {
              type: 'map',
              iterate_on: 'xs',
              iterate_as: 'x',
              branch: {
                start_at: 'sq',
                steps: { sq: { type: 'task', command_type: 'shell', command: 'export y=$((x*x))', returns: ['y'], next: 'success' } },
              },
              next: 'both',
            },
            both: {
              type: 'parallel',
              branches: {
                ok: stub,
                bad: { start_at: 'f', steps: { f: { type: 'task', command_type: 'shell', command: 'exit 3', next: 'success' } } },
              },
              next: 'success',
              on_failure: 'rescue',
            },
            rescue: { type: 'task', command_type: 'shell', command: 'echo "sum of $y"', next: 'success' },
          },
        },
      });
      const runId = 'step-mode-1';
      const make = await job(
        repo,
        { ...common(runId, 1), stage: 'node', step: 'make', 'create-run': 'true', parameters: '{"seed": 1}' },
        'make',
      );
      expect(make.code, make.log).toBe(0);
      const fanOut = await job(repo, { ...common(runId, 2), stage: 'fan-out', step: 'each', 'matrix-jobs': '2' }, 'each-fan-out');
      expect(fanOut.code, fanOut.log).toBe(0);
      expect(JSON.parse(fanOut.outputs.slices)).toEqual(['0-1', '1-3']);
      for (const s of JSON.parse(fanOut.outputs.slices)) {
        const r = await job(repo, { ...common(runId, 3), stage: 'branch', step: 'each', items: s }, 'each-items');
        expect(r.code, r.log).toBe(0);
      }
      const fanIn = await job(repo, { ...common(runId, 4), stage: 'fan-in', step: 'each' }, 'each-fan-in');
      expect(fanIn.code, fanIn.log).toBe(0);
      expect((await job(repo, { ...common(runId, 5), stage: 'fan-out', step: 'both' }, 'both-fan-out')).code).toBe(0);
      expect((await job(repo, { ...common(runId, 6), stage: 'branch', step: 'both.ok' }, 'both-ok')).code).toBe(0);
      expect((await job(repo, { ...common(runId, 6), stage: 'branch', step: 'both.bad' }, 'both-bad')).code).toBe(1);
      const bothIn = await job(repo, { ...common(runId, 7), stage: 'fan-in', step: 'both' }, 'both-fan-in');
      expect(bothIn.code, 'the parallel failed: its fan-in job fails, so on_failure runs').toBe(1);
      const rescue = await job(repo, { ...common(runId, 8), stage: 'node', step: 'rescue' }, 'rescue');
      expect(rescue.code, rescue.log).toBe(0);
      expect(rescue.log).toContain('sum of [1, 4, 9]');
      const finish = await job(repo, { ...common(runId, 9), stage: 'finish' }, 'runnable-finish');
      expect(finish.code, finish.log).toBe(0);
      expect(finish.outputs.status).toBe('SUCCESS');
      expect(finish.summary).toContain('```mermaid');
      finalRunLog(runId);
      if (!NORMALISE) {
        console.warn(`skipped the comparison with the local executor: ${NORMALISE_FILE} is absent (../shared is not mounted)`);
      } else {
        const { normalise } = await import(NORMALISE);
        const local = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-local-'));
        fs.copyFileSync(path.join(repo, 'pipeline.yaml'), path.join(local, 'pipeline.yaml'));
        const r = await runCli(['execute', 'pipeline.yaml', runId, '-p', writeParams(local)], { cwd: local });
        expect(r.code, r.output).toBe(0);
        const gh = normalise(finish.work, runId);
        delete gh.catalog_files;
        const lo = normalise(local, runId);
        delete lo.catalog_files;
        expect(gh).toEqual(lo);
      }
      // each job uploaded only what it wrote: a branch job never the root run log
      const branchArtifacts = service.artifacts().filter((a) => a.name.startsWith(`runnable+${runId}+job-log+00006-`));
      expect(branchArtifacts).toHaveLength(2);
    },
  );
});

// 2,000 items (256 slices of 7-8, past LONG_MAP) by default, to keep CI short; RUNNABLE_TEST_MAP_ITEMS=10000 runs
// the 10,000-item map (about 3 minutes on a busy 2-core machine). The slicing itself is checked at 10,000 above.
const BIG_MAP = Number(process.env.RUNNABLE_TEST_MAP_ITEMS || 2_000);

describe(`github stages: a ${BIG_MAP}-item map`, () => {
  it('fans out into 256 slices, every slice runs its items, the fan-in reduces them all', { timeout: 240_000 }, async () => {
    const { assembleRun } = await import('../src/run/assemble.js');
    const { buildRunContext, createRunLog } = await import('../src/engine/run-pipeline.js');
    const { EventBus } = await import('../src/engine/events.js');
    const { LocalExecutor } = await import('../src/executors/local-executor.js');
    const { ChunkedFsRunLogStore } = await import('../src/services/run-log/chunked-fs-store.js');
    const { runStage } = await import('../src/executors/github/stages.js');
    const dir = repoWith({
      dag: {
        start_at: 'each',
        steps: {
          each: {
            type: 'map',
            iterate_on: 'xs',
            iterate_as: 'x',
            reducer: 'sum',
            branch: {
              start_at: 's',
              steps: { s: { type: 'task', command_type: 'typescript', command: 'DOUBLE:double', returns: ['y'], next: 'success' } },
            },
            next: 'success',
          },
        },
      },
    });
    // a TypeScript task resolves its module from the working directory: this test runs in the repository's
    fs.writeFileSync(
      path.join(dir, 'pipeline.yaml'),
      fs.readFileSync(path.join(dir, 'pipeline.yaml'), 'utf8').replace('DOUBLE', path.join(dir, 'double.mjs')),
    );
    fs.writeFileSync(path.join(dir, 'double.mjs'), 'export const double = ({ x }) => 2 * x;\n');
    fs.writeFileSync(path.join(dir, 'params.yaml'), YAML.stringify({ xs: Array.from({ length: BIG_MAP }, (_, i) => i) }));
    const { request } = assembleRun(
      {
        pipeline: { kind: 'file', file: path.join(dir, 'pipeline.yaml') },
        configFile: path.join(dir, 'config.yaml'),
        parametersFile: path.join(dir, 'params.yaml'),
        runId: 'big-map',
      },
      { PATH: process.env.PATH },
      dir,
    );
    const store = new ChunkedFsRunLogStore({ log_folder: path.join(dir, '.run_log_store') });
    const executor = new LocalExecutor({ enable_parallel: true, object_serialisation: true, overrides: {} });
    const runLog = await createRunLog({ ...request, store });
    const { run, close } = buildRunContext({ ...request, store, executor }, runLog, new EventBus());
    await executor.prepare(run);
    try {
      const out = await runStage(run, { stage: 'fan-out', step: 'each', matrixJobs: 256 });
      const parts: string[] = JSON.parse(out.outputs.slices);
      expect(parts).toHaveLength(256);
      for (const items of parts) expect((await runStage(run, { stage: 'branch', step: 'each', items })).status).toBe('SUCCESS');
      const fanIn = await runStage(run, { stage: 'fan-in', step: 'each' });
      expect(fanIn.status).toBe('SUCCESS');
      expect(Object.keys(runLog.steps.each.branches)).toHaveLength(BIG_MAP);
      expect(runLog.parameters.y.value).toBe((BIG_MAP - 1) * BIG_MAP);
      expect((await runStage(run, { stage: 'finish', step: '' })).outputs.status).toBe('SUCCESS');
    } finally {
      await store.flush();
      await close();
    }
  });
});
