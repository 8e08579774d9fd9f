// The proof of the github executor: every conformance case (../shared/conformance/cases) is transpiled to a
// workflow, the workflow is run by the workflow interpreter (test/harness/workflow: jobs, needs, if:, outputs,
// fromJSON matrices) with the fake artifact service carrying the run log and the catalog between jobs, and the
// run log the finish job assembled must normalise to the case's expected.json — what the local executor is held
// to (test/conformance.test.ts). Catalog files are the union of what every job's workspace holds.
// Cases whose configuration names another executor (mocked) are skipped, saying so.
//
// Each job is a process start, a checkout copy and artifact round trips, so the whole suite takes minutes (about
// 2.5 on an idle 2-core machine): every case runs by default, as in CI; RUNNABLE_TEST_GITHUB_CONFORMANCE=subset
// runs only a subset that covers every node kind, on_failure both ways, the catalog, secrets, python returns and
// parameters, for a quicker loop while developing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArtifactService, type ArtifactService } from './harness/artifact-service.js';
import { runWorkflow, type WorkflowRunResult } from './harness/workflow/index.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { withOurDivergences } from './helpers/shared.js';

const CASES = path.resolve(REPO_ROOT, '../shared/conformance/cases');
const NORMALISE = path.resolve(REPO_ROOT, '../shared/conformance/normalise.mjs');
const present = fs.existsSync(CASES) && fs.existsSync(NORMALISE);
const SUBSET = new Set([
  'catalog_globs',
  'conditional_by_param',
  'dotenv_secrets',
  'loop_break_and_max',
  'map_custom_reducer',
  'map_item_fails',
  'nested_parallel',
  'on_failure_to_success',
  'params_file_and_env',
  'python_returns',
]);
const ONLY_SUBSET = process.env.RUNNABLE_TEST_GITHUB_CONFORMANCE === 'subset';
const cases = present
  ? fs
      .readdirSync(CASES)
      .filter((c) => fs.existsSync(path.join(CASES, c, 'case.json')))
      .sort()
  : [];

let service: ArtifactService;
beforeAll(async () => {
  if (present) service = await startArtifactService();
});
afterAll(async () => service?.close());

interface CaseSpec {
  run_id: string;
  args: string[];
  env: Record<string, string>;
  expect_exit: number;
}

/** The case's own configuration with the github executor in place of the local one; undefined when it names another executor. */
function githubConfig(dir: string, args: string[]): Record<string, unknown> | undefined {
  const i = args.indexOf('-c');
  const own = i >= 0 ? (YAML.parse(fs.readFileSync(path.join(dir, args[i + 1]), 'utf8')) ?? {}) : {};
  const executor = own['pipeline-executor']?.type;
  if (executor && executor !== 'local') return undefined;
  return { ...own, 'pipeline-executor': { type: 'github', config: { output_file: '.github/workflows/case.yml' } } };
}

/** The case as a repository: its files, the github configuration, and this repository's action (runnable/action@v1). */
function caseRepo(name: string, config: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gh-case-${name}-`));
  fs.cpSync(path.join(CASES, name), dir, {
    recursive: true,
    filter: (f) => !['case.json', 'expected.json', '__pycache__'].includes(path.basename(f)),
  });
  fs.writeFileSync(path.join(dir, 'github-config.yaml'), YAML.stringify(config));
  fs.copyFileSync(path.join(REPO_ROOT, 'action.yml'), path.join(dir, 'action.yml'));
  fs.cpSync(path.join(REPO_ROOT, 'dist/action'), path.join(dir, 'dist/action'), { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

function catalogUnion(result: WorkflowRunResult, runId: string): string[] {
  const files = new Set<string>();
  for (const job of Object.values(result.jobs)) {
    for (const instance of job.instances) {
      const root = path.join(instance.workspace, '.catalog', runId);
      if (!fs.existsSync(root)) continue;
      for (const f of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (f.isFile() && !f.name.endsWith('.execution.log'))
          files.add(path.relative(root, path.join(f.parentPath, f.name)).split(path.sep).join('/'));
      }
    }
  }
  return [...files].sort();
}

describe.skipIf(!present)('conformance cases as GitHub workflows (github executor + workflow interpreter)', () => {
  for (const name of cases) {
    const spec: CaseSpec = JSON.parse(fs.readFileSync(path.join(CASES, name, 'case.json'), 'utf8'));
    const config = githubConfig(path.join(CASES, name), spec.args);
    const reason = !config
      ? ' (skipped: its configuration names another executor)'
      : ONLY_SUBSET && !SUBSET.has(name)
        ? ' (skipped: not in the subset RUNNABLE_TEST_GITHUB_CONFORMANCE=subset asks for)'
        : '';
    it.skipIf(!!reason)(`${name}${reason}`, { timeout: 600_000 }, async () => {
      const repo = caseRepo(name, config!);
      const args = spec.args.filter((a, i) => a !== '-c' && spec.args[i - 1] !== '-c');
      const t = await runCli(['transpile', 'pipeline.yaml', spec.run_id, '-c', 'github-config.yaml', ...args], {
        cwd: repo,
        env: spec.env,
      });
      expect(t.code, t.output).toBe(0);
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `gh-run-${name}-`));
      const result = await runWorkflow({
        file: '.github/workflows/case.yml',
        repoDir: repo,
        event: 'workflow_dispatch',
        inputs: { run_id: spec.run_id },
        env: { ...spec.env },
        artifactService: service,
        workDir,
      });
      const finish = result.jobs['runnable-finish'];
      const trace = Object.entries(result.jobs)
        .map(([id, j]) => `${id}: ${j.conclusion}${j.conclusion === 'failure' ? `\n${j.log.slice(-3000)}` : ''}`)
        .join('\n');
      expect(finish?.conclusion, trace).toBe(spec.expect_exit === 0 ? 'success' : 'failure');
      const { normaliseRunLog, loadRunLog } = await import(NORMALISE);
      const runLog = loadRunLog(finish.instances[0].workspace, spec.run_id);
      const actual = normaliseRunLog(runLog, catalogUnion(result, spec.run_id));
      const expected = withOurDivergences(name, JSON.parse(fs.readFileSync(path.join(CASES, name, 'expected.json'), 'utf8')));
      delete expected.exit_code;
      expect(actual, trace).toEqual(expected);
      fs.rmSync(workDir, { recursive: true, force: true });
      fs.rmSync(repo, { recursive: true, force: true });
    });
  }
});

it.skipIf(present)('conformance cases as GitHub workflows: skipped, ../shared/conformance is absent', () => {
  console.warn(`skipped: ${CASES} is absent`);
});
