// Generated Workflows run: every conformance case and the examples, transpiled by `runnable transpile` and run by
// the interpreter (test/helpers/argo-interpreter.ts: DAGs, depends, when, withParam, parameters, retries, volumes),
// each container a local process with the PVC mapped to a temp folder, end with the same normalised run log as
// the local executor (the conformance suite's expected.json) and the same outcome. A few run in Docker.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { WorkflowManifest } from '../src/executors/argo/workflow-types.js';
import { manifestProblems } from './helpers/argo.js';
import { interpretWorkflow, type ContainerRunner } from './helpers/argo-interpreter.js';
import { REPO_ROOT, builtCli, cliEnv, runCli } from './helpers/cli.js';
import { withOurDivergences } from './helpers/shared.js';

const CONFORMANCE = path.resolve(REPO_ROOT, '../shared/conformance');
const haveShared = fs.existsSync(path.join(CONFORMANCE, 'cases'));
/** Cases of another executor's semantics. */
const NOT_FOR_ARGO = new Set(['mocked_patches']);

interface CaseSpec {
  run_id: string;
  args?: string[];
  env?: Record<string, string>;
  expect_exit: number;
}

/** An argo configuration from a case's own (its secrets and catalog kept; executor and store replaced). */
function argoConfig(work: string, extra: Record<string, unknown> = {}): string {
  const own = fs.existsSync(path.join(work, 'config.yaml')) ? (parse(fs.readFileSync(path.join(work, 'config.yaml'), 'utf8')) ?? {}) : {};
  delete own['pipeline-executor'];
  const config = {
    ...own,
    'pipeline-executor': {
      type: 'argo',
      config: {
        pvc_for_runnable: 'runnable',
        output_file: 'argo-workflow.yaml',
        defaults: { image: 'runnable-test/node-python:1', image_pull_policy: 'IfNotPresent' },
        argoWorkflow: { metadata: { generateName: 'conformance-' } },
        ...extra,
      },
    },
    'run-log-store': { type: 'chunked-fs' },
  };
  fs.writeFileSync(path.join(work, 'argo-config.yaml'), stringify(config));
  return 'argo-config.yaml';
}

async function transpileAndRun(o: {
  work: string;
  pipeline: string;
  runId: string;
  args: string[];
  env: Record<string, string>;
  runner?: ContainerRunner;
  runnableCommand?: string[];
}) {
  const cfg = argoConfig(o.work);
  const t = await runCli(['transpile', o.pipeline, o.runId, '-c', cfg, ...o.args], { cwd: o.work, env: o.env });
  expect(t.code, t.output).toBe(0);
  const manifest = parse(fs.readFileSync(path.join(o.work, 'argo-workflow.yaml'), 'utf8')) as WorkflowManifest;
  expect(manifestProblems(manifest)).toEqual([]);
  const volume = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-pvc-'));
  const result = await interpretWorkflow({
    manifest,
    cwd: o.work,
    sharedVolume: volume,
    arguments: { run_id: o.runId },
    env: cliEnv(o.work, o.env) as Record<string, string>,
    runnableCommand: o.runnableCommand ?? [process.execPath, builtCli()],
    runner: o.runner,
  });
  return { manifest, result, volume };
}

const stripCaseArgs = (args: string[]) => {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '--config') i++;
    else out.push(args[i]);
  }
  return out;
};

describe.skipIf(!haveShared)('generated Workflows run every conformance case like the local executor', async () => {
  const normalise = haveShared ? await import(pathToFileURL(path.join(CONFORMANCE, 'normalise.mjs')).href) : undefined;
  const cases = haveShared
    ? fs
        .readdirSync(path.join(CONFORMANCE, 'cases'))
        .filter((c) => fs.existsSync(path.join(CONFORMANCE, 'cases', c, 'case.json')) && !NOT_FOR_ARGO.has(c))
    : [];
  for (const name of cases) {
    it(
      name,
      async () => {
        const dir = path.join(CONFORMANCE, 'cases', name);
        const spec = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as CaseSpec;
        const work = fs.mkdtempSync(path.join(os.tmpdir(), `argo-case-${name}-`));
        fs.cpSync(dir, work, { recursive: true, filter: (f) => !['case.json', 'expected.json', '__pycache__'].includes(path.basename(f)) });
        const { result, volume } = await transpileAndRun({
          work,
          pipeline: 'pipeline.yaml',
          runId: spec.run_id,
          args: stripCaseArgs(spec.args ?? []),
          env: spec.env ?? {},
        });
        const actual = normalise.normaliseRunLog(
          normalise.loadRunLog(volume, spec.run_id, 'run_logs'),
          normalise.listCatalog(volume, spec.run_id, 'catalog'),
        );
        // our declared divergences from runnable (test/helpers/shared.ts): a returned secret is recorded masked
        const expected = withOurDivergences(name, JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')));
        expect(actual, result.output.slice(-30).join('\n')).toEqual(expected);
        expect(result.phase).toBe(spec.expect_exit === 0 ? 'Succeeded' : 'Failed');
      },
      180_000,
    );
  }
});

/** The examples whose shapes the conformance cases do not already cover, run both ways. */
const EXAMPLES = [
  {
    pipeline: 'examples/03-parameters/parameters.yaml',
    args: ['-p', 'examples/03-parameters/params.yaml'],
    env: { RUNNABLE_PRM_name: 'runnable' },
  },
  { pipeline: 'examples/04-catalog/catalog.yaml', args: [] },
  { pipeline: 'examples/06-map/map.yaml', args: ['-p', 'examples/06-map/params.yaml'] },
  { pipeline: 'examples/07-conditional/conditional.yaml', args: [] },
  { pipeline: 'examples/08-loop/loop.yaml', args: ['-p', 'examples/08-loop/params.yaml'] },
];

describe.skipIf(!haveShared)('generated Workflows run the examples like the local executor', async () => {
  const normalise = haveShared ? await import(pathToFileURL(path.join(CONFORMANCE, 'normalise.mjs')).href) : undefined;
  for (const ex of EXAMPLES) {
    it(
      ex.pipeline,
      async () => {
        const local = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-example-local-'));
        const work = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-example-'));
        for (const d of [local, work]) fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(d, 'examples'), { recursive: true });
        const env = ex.env ?? {};
        const l = await runCli(['execute', ex.pipeline, 'ex-run', ...ex.args], { cwd: local, env });
        expect(l.code, l.output).toBe(0);
        const { result, volume } = await transpileAndRun({ work, pipeline: ex.pipeline, runId: 'ex-run', args: ex.args, env });
        expect(result.phase, result.output.slice(-20).join('\n')).toBe('Succeeded');
        const argo = normalise.normaliseRunLog(
          normalise.loadRunLog(volume, 'ex-run', 'run_logs'),
          normalise.listCatalog(volume, 'ex-run', 'catalog'),
        );
        expect(argo).toEqual(normalise.normalise(local, 'ex-run'));
      },
      180_000,
    );
  }
});

/** Runs a pod in a container of the test image: the CLI bundle mounted at /opt/runnable, the volumes at their mount paths. */
const dockerRunner: ContainerRunner = (pod) =>
  new Promise((resolve, reject) => {
    const args = ['run', '--rm', '--network', 'none', '-w', pod.cwd, '-v', `${pod.cwd}:${pod.cwd}`];
    args.push('-v', `${path.dirname(builtCli())}:/opt/runnable:ro`, '--user', `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`);
    for (const [mp, dir] of Object.entries(pod.mounts)) args.push('-v', `${dir}:${mp}`);
    for (const [k, v] of Object.entries(pod.env)) if (!['PATH', 'HOME', 'TMPDIR'].includes(k)) args.push('-e', `${k}=${v}`);
    args.push('-e', 'HOME=/tmp', pod.image, ...pod.argv);
    const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 120_000 });
    if (r.error) return reject(r.error);
    `${r.stdout}${r.stderr}`.split('\n').filter(Boolean).forEach(pod.log);
    resolve(r.status ?? 1);
  });

const dockerReady = spawnSync('docker', ['image', 'inspect', 'runnable-test/node-python:1'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!haveShared || !dockerReady)('generated Workflows run in Docker containers', async () => {
  const normalise = haveShared ? await import(pathToFileURL(path.join(CONFORMANCE, 'normalise.mjs')).href) : undefined;
  for (const name of ['parallel_merge']) {
    it(
      name,
      async () => {
        const dir = path.join(CONFORMANCE, 'cases', name);
        const spec = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as CaseSpec;
        const work = fs.mkdtempSync(path.join(os.tmpdir(), `argo-docker-${name}-`));
        fs.chmodSync(work, 0o755);
        fs.cpSync(dir, work, { recursive: true, filter: (f) => !['case.json', 'expected.json', '__pycache__'].includes(path.basename(f)) });
        const { result, volume } = await transpileAndRun({
          work,
          pipeline: 'pipeline.yaml',
          runId: spec.run_id,
          args: stripCaseArgs(spec.args ?? []),
          env: spec.env ?? {},
          runner: dockerRunner,
          runnableCommand: ['node', '/opt/runnable/index.js'],
        });
        const actual = normalise.normaliseRunLog(
          normalise.loadRunLog(volume, spec.run_id, 'run_logs'),
          normalise.listCatalog(volume, spec.run_id, 'catalog'),
        );
        expect(actual, result.output.slice(-30).join('\n')).toEqual(JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')));
        expect(result.phase).toBe(spec.expect_exit === 0 ? 'Succeeded' : 'Failed');
      },
      300_000,
    );
  }
});

it.skipIf(haveShared && dockerReady)(
  'generated Workflows in Docker: skipped, ../shared or the test image (scripts/ci/build-test-images.sh) is absent',
  () => {},
);

it.skipIf(haveShared)('conformance under generated Workflows: skipped, ../shared/conformance is absent', () => {});
