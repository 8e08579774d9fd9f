// The workflow harness (test/harness/workflow) runs workflows as GitHub's runner does: the fixtures in
// test/fixtures/workflows/ each check their part in their own steps (a green run means those checks passed)
// and these tests check what the harness reports: conclusions of jobs and steps, outputs, annotations, masks,
// summaries, artifacts, skipped and cancelled jobs, post steps and the environment given to actions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';
import { startArtifactService } from './harness/artifact-service.js';
import type { WorkflowRunResult } from './harness/workflow/index.js';
import { NotTriggeredError, WorkflowError, runWorkflow } from './harness/workflow/index.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/workflows');
const REPO = path.join(FIXTURES, 'repo');

const explain = (r: WorkflowRunResult) =>
  Object.entries(r.jobs)
    .map(([id, j]) => `${id}: ${j.conclusion}\n${j.log}`)
    .join('\n---\n');

describe('workflow harness', () => {
  it('runs a workflow of outputs, env, path, shells, commands, matrix from fromJSON and artifacts green', async () => {
    const r = await runWorkflow({ file: path.join(FIXTURES, 'features.yml'), repoDir: REPO, secrets: { TOKEN: 's3cr3t-value' } });
    expect(r.conclusion, explain(r)).toBe('success');
    const { setup, 'fan-out': fanOut, 'fan-in': fanIn, never, 'after-never': afterNever, 'on-failure': onFailure } = r.jobs;
    expect([setup, fanOut, fanIn].map((j) => j.conclusion)).toEqual(['success', 'success', 'success']);
    expect([never, afterNever, onFailure].map((j) => j.conclusion)).toEqual(['skipped', 'skipped', 'skipped']);
    // outputs: heredoc values, a secret dropped with a warning
    expect(setup.outputs.multi).toBe('line one\nline two');
    expect(setup.outputs.secret).toBeUndefined();
    expect(setup.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', message: "Skip output 'secret' since it may contain secret." }),
    );
    // the matrix: two items from the default input plus one include, named with their values
    expect(fanOut.instances.map((i) => i.name)).toEqual(['fan-out (1)', 'fan-out (2)', 'fan-out (3, yes)']);
    expect(r.artifacts).toEqual({ 'part-1': ['1/item.txt'], 'part-2': ['2/item.txt'], 'part-3': ['3/item.txt'] });
    // workflow commands: masks, annotations with properties, stop-commands, summary
    const commands = setup.steps.find((s) => s.name === 'workflow commands')!;
    expect(commands.log).toContain('the value is ***');
    expect(setup.log).not.toContain('hide-me-please');
    expect(commands.annotations).toEqual([
      { level: 'error', message: 'an error\nwith two lines', file: 'sub/data.txt', line: 1, title: 'A title' },
      { level: 'warning', message: 'a command again' },
    ]);
    expect(commands.log).toContain('::warning::not a command while stopped');
    expect(commands.summary).toBe('### summary\n');
    // step ids GitHub generates, and the continue-on-error step
    expect(setup.steps[0].id).toBe('__actions_checkout');
    expect(setup.steps.find((s) => s.id === 'pipefail')).toMatchObject({ outcome: 'failure', conclusion: 'success', exitCode: 1 });
  }, 120_000);

  it('keeps the artifacts of upload/download-artifact in the results service when the run has one', async () => {
    const service = await startArtifactService();
    try {
      const r = await runWorkflow({ file: path.join(FIXTURES, 'features.yml'), repoDir: REPO, artifactService: service, runId: 4242 });
      expect(r.conclusion, explain(r)).toBe('success');
      const stored = service.artifacts().filter((a) => a.runBackendId === '4242' && a.finalized);
      expect(stored.map((a) => a.name).sort()).toEqual(['part-1', 'part-2', 'part-3']);
      // each job instance has its own job id in its token
      expect(new Set(stored.map((a) => a.jobBackendId)).size).toBe(3);
      expect(r.artifacts).toEqual({});
    } finally {
      await service.close();
    }
  }, 120_000);

  it('passes workflow_dispatch inputs with their types, and refuses undeclared ones', async () => {
    const r = await runWorkflow({
      file: path.join(FIXTURES, 'features.yml'),
      repoDir: REPO,
      event: 'workflow_dispatch',
      inputs: { items: '[1, 5]' },
    });
    expect(r.conclusion, explain(r)).toBe('success');
    expect(r.jobs['fan-out'].instances.map((i) => i.matrix)).toEqual([{ n: 1 }, { n: 5 }, { n: 3, extra: 'yes' }]);
    await expect(
      runWorkflow({ file: path.join(FIXTURES, 'features.yml'), repoDir: REPO, event: 'workflow_dispatch', inputs: { nope: 1 } }),
    ).rejects.toThrow(/unexpected input 'nope'/);
  }, 120_000);

  it('reports failures where they happen and runs only what failure() and always() allow', async () => {
    const r = await runWorkflow({ file: path.join(FIXTURES, 'failing.yml'), repoDir: REPO, maxParallelJobs: 3 });
    expect(r.conclusion).toBe('failure');
    const breaks = r.jobs.breaks;
    expect(breaks.conclusion).toBe('failure');
    expect(breaks.steps.map((s) => [s.name, s.conclusion])).toEqual([
      ['Run echo "value=set before the failure" >> "$GITHUB_OUTPUT"', 'success'],
      ['the failing step', 'failure'],
      ['skipped after a failure', 'skipped'],
      ['runs on failure', 'success'],
      ['runs always', 'success'],
    ]);
    expect(breaks.steps[1]).toMatchObject({ exitCode: 7, log: 'about to fail\n##[error]Process completed with exit code 7.' });
    expect(breaks.outputs.before).toBe('set before the failure');
    expect(r.jobs['needs-breaks'].conclusion).toBe('skipped');
    expect(r.jobs.cleanup.conclusion).toBe('success');
    expect(r.jobs.report.conclusion, explain(r)).toBe('success');
    // timeout-minutes: the step is stopped and fails; always() steps still run
    expect(r.jobs.slow.steps.map((s) => s.conclusion)).toEqual(['failure', 'success']);
    expect(r.jobs.slow.steps[0].annotations[0].message).toMatch(/timed out after 0.02 minutes/);
    expect(r.jobs.slow.steps[0].durationMs).toBeLessThan(20_000);
    // fail-fast: the first instance fails, the two waiting behind max-parallel 1 are cancelled before they start
    expect(r.jobs['fast-fail'].instances.map((i) => i.conclusion)).toEqual(['failure', 'cancelled', 'cancelled']);
    expect(r.jobs['fast-fail'].instances[1].steps).toEqual([]);
    // continue-on-error on a job: its failed instance does not fail the job; fail-fast false runs every one
    expect(r.jobs.tolerant.instances.map((i) => [i.outcome, i.conclusion])).toEqual([
      ['failure', 'success'],
      ['success', 'success'],
    ]);
    expect(r.jobs.tolerant.conclusion).toBe('success');
  }, 120_000);

  it('runs a JavaScript action from the workspace with INPUT_* variables, then its post steps last, in reverse order', async () => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-action-'));
    try {
      const r = await runWorkflow({
        file: path.join(FIXTURES, 'local-action.yml'),
        repoDir: REPO,
        workDir,
        env: { ACTIONS_RUNTIME_TOKEN: 'tok', ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' },
      });
      expect(r.conclusion, explain(r)).toBe('success');
      const steps = r.jobs['use-it'].steps;
      expect(steps.map((s) => `${s.phase} ${s.id}`)).toEqual([
        'main __actions_checkout',
        'main hello',
        'main again',
        'main __run',
        'main __run_2',
        'post again',
        'post hello',
      ]);
      expect(steps[1].annotations).toEqual([{ level: 'notice', title: 'action', message: 'greeted world' }]);
      // the results service's variables reach actions, not run: steps
      expect(steps[1].log).toContain('runtime tok http://127.0.0.1:1/');
      expect(steps[4].log).toBe('runtime none none');
      expect(steps[6].log).toBe('post for world');
      const ws = r.jobs['use-it'].instances[0].workspace;
      expect(fs.readFileSync(path.join(ws, 'post-world.txt'), 'utf8')).toBe('after last');
      expect(fs.readFileSync(path.join(ws, 'post-again.txt'), 'utf8')).toBe('after last');
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses workflows the event does not start, and broken ones before running anything', async () => {
    await expect(runWorkflow({ file: path.join(FIXTURES, 'failing.yml'), repoDir: REPO, event: 'pull_request' })).rejects.toThrow(
      NotTriggeredError,
    );
    await expect(
      runWorkflow({ file: path.join(FIXTURES, 'features.yml'), repoDir: REPO, event: { name: 'push', ref: 'refs/heads/other' } }),
    ).rejects.toThrow(NotTriggeredError);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-bad-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'cycle.yml'),
        'on: push\njobs:\n  a: {needs: b, runs-on: x, steps: []}\n  b: {needs: a, runs-on: x, steps: []}\n',
      );
      await expect(runWorkflow({ file: 'cycle.yml', repoDir: dir })).rejects.toThrow(WorkflowError);
      await expect(runWorkflow({ file: 'cycle.yml', repoDir: dir })).rejects.toThrow(/cycle: a -> b -> a/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
