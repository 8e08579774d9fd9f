// The repository's own workflows (.github/workflows/) and the example workflows users copy (examples/github/)
// run through the workflow harness (test/harness/workflow) for every event that starts them, as a GitHub
// runner would run them, and must end green; deliberately broken copies must end red at the expected step.
// Each workflow that uses the action names one pipeline (a pull request validates what a push runs). Files
// are discovered: a new example workflow is run here without being listed, unless NOT_RUN says why it cannot
// be. Needs the built action (dist/action, `npm run build`); steps that use Docker need the engine. The secret
// KUBECONFIG points at the scripted fake API server (test/helpers/fake-kube.ts), which plays a controller running
// each submitted workflow to Succeeded (no controller runs pods on the real kube-apiserver, and a deploy waits).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';
import { startArtifactService, type ArtifactService } from './harness/artifact-service.js';
import { controllerEnding, startFakeKube, type FakeKube } from './helpers/fake-kube.js';
import type { WorkflowRunResult } from './harness/workflow/index.js';
import { firstFailedStep, loadWorkflow, runWorkflow } from './harness/workflow/index.js';

/**
 * Workflow files the harness cannot run whole: the jobs left out (or all, with `jobs: '*'`), why, and what it
 * would take. `until` lifts an entry by itself once what it waits for has landed.
 */
const NOT_RUN: Record<string, { jobs: string[] | '*'; reason: string; until?: () => boolean }> = {
  '.github/workflows/ci.yml': { jobs: ['checks'], reason: 'runs `sudo bash .ci/run`, which is this test suite itself' },
};

/** Events a test runs a workflow for, when its `on:` has them. */
const EVENTS = ['push', 'pull_request', 'workflow_dispatch'] as const;

/** Secrets the workflows may read (masked in their logs); KUBECONFIG is added once the fake API server answers. */
const SECRETS: Record<string, string> = { API_TOKEN: 'harness-api-token-0123456789' };
/** The token of the KUBECONFIG secret: it must appear in no log either. */
const KUBE_TOKEN = 'harness-kube-token-9876543210';

function workflowFiles(): string[] {
  const found: string[] = [];
  for (const dir of ['.github/workflows', 'examples/github']) {
    const abs = path.join(REPO_ROOT, dir);
    if (!fs.existsSync(abs)) continue;
    for (const name of fs.readdirSync(abs).sort()) if (/\.ya?ml$/.test(name)) found.push(`${dir}/${name}`);
  }
  return found;
}

/**
 * The events to run a workflow for: each of EVENTS it has, except that a workflow with no `if:` that looks at the
 * event (github.event_name, github.event.*, github.ref, github.head_ref / base_ref) runs once, for the first:
 * every event would run the same jobs the same way.
 */
function eventsOf(file: string): string[] {
  const on = loadWorkflow(path.join(REPO_ROOT, file)).on;
  const events: string[] = EVENTS.filter((e) => e in on);
  if (!events.length) return 'workflow_call' in on ? ['workflow_call'] : [];
  const readsEvent = /^\s*(- )?if:.*github\.(event_name|event\.|ref\b|head_ref|base_ref)/m.test(
    fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'),
  );
  return readsEvent ? events : events.slice(0, 1);
}

function describeRun(r: WorkflowRunResult): string {
  return Object.entries(r.jobs)
    .map(([id, j]) => {
      const steps = j.steps.map((s) => `    ${s.phase === 'post' ? 'post ' : ''}${s.name}: ${s.conclusion}`).join('\n');
      const failed = j.conclusion === 'failure' ? `\n  log (end):\n${j.log.slice(-4000)}` : '';
      return `  ${id}: ${j.conclusion}${j.annotations.length ? ` (${j.annotations.map((a) => a.message).join('; ')})` : ''}\n${steps}${failed}`;
    })
    .join('\n');
}

const files = workflowFiles();

// the results service actions reach through @actions/artifact (the action's github-artifacts catalog)
let service: ArtifactService;
// the cluster of the KUBECONFIG secret (examples/github/deploy-to-argo.yml)
let kube: FakeKube;
let runs = 100;
beforeAll(async () => {
  service = await startArtifactService();
  kube = await startFakeKube({ watch: controllerEnding('Succeeded') });
  SECRETS.KUBECONFIG = kube.kubeconfig(KUBE_TOKEN);
});
afterAll(async () => {
  await service?.close();
  await kube?.close();
});

describe('workflows run as a GitHub runner runs them', () => {
  it('finds the workflow files, and NOT_RUN lists only files that exist', () => {
    expect(files).toContain('.github/workflows/ci.yml');
    expect(files).toContain('examples/github/workflow.yml');
    for (const f of Object.keys(NOT_RUN)) expect(files).toContain(f);
  });

  for (const file of files) {
    const skip = NOT_RUN[file]?.until?.() ? undefined : NOT_RUN[file];
    if (skip?.jobs === '*') {
      it.skip(`${file}: not run: ${skip.reason}`, () => {});
      continue;
    }
    const skipJobs = skip?.jobs ?? [];
    for (const event of eventsOf(file)) {
      it(`${file} on ${event} ends green`, async () => {
        const r = await runWorkflow({
          file,
          repoDir: REPO_ROOT,
          event,
          secrets: SECRETS,
          skipJobs,
          artifactService: service,
          runId: ++runs,
        });
        expect(r.conclusion, `${file} on ${event}:\n${describeRun(r)}`).toBe('success');
        expect(
          Object.values(r.jobs).some((j) => j.conclusion === 'success'),
          `no job ran for ${event}`,
        ).toBe(true);
        for (const j of Object.values(r.jobs)) {
          expect(j.log).not.toContain(SECRETS.API_TOKEN);
          expect(j.log).not.toContain(KUBE_TOKEN);
        }
      }, 240_000);
    }
  }

  it('each workflow that uses the action names one pipeline (what a pull request validates is what a push runs)', () => {
    for (const file of files) {
      const doc = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));
      const pipelines = new Set<string>();
      for (const job of Object.values<any>(doc.jobs ?? {})) {
        for (const step of job.steps ?? []) {
          const uses = String(step.uses ?? '');
          if (!(uses === './' || uses.startsWith('runnable/action@')) || !step.with?.pipeline) continue;
          const env = { ...doc.env, ...job.env, ...step.env };
          pipelines.add(
            String(step.with.pipeline).replace(/\$\{\{\s*env\.(\w+)\s*\}\}/g, (_m: string, k: string) => env[k] ?? `<env.${k}>`),
          );
        }
      }
      expect([...pipelines].length, `${file} names the pipelines ${[...pipelines].join(', ')}`).toBeLessThanOrEqual(1);
    }
  });
});

describe('broken copies end red where they break', () => {
  function brokenCopy(file: string, edit: (text: string) => string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broken-workflow-'));
    const copy = path.join(dir, path.basename(file));
    const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const edited = edit(text);
    expect(edited).not.toBe(text);
    fs.writeFileSync(copy, edited);
    return copy;
  }

  it("ci.yml with the old grep of the run log's formatting fails at its check, after a successful action step", async () => {
    const copy = brokenCopy('.github/workflows/ci.yml', (t) =>
      t.replace(/# the run log is JSON[\s\S]*?\n {10}'\n/, `grep -q '"status": "SUCCESS"' "$RUN_LOG"\n`),
    );
    try {
      const r = await runWorkflow({ file: copy, repoDir: REPO_ROOT, skipJobs: ['checks'] });
      expect(r.conclusion).toBe('failure');
      const failed = firstFailedStep(r);
      expect(failed?.job).toBe('test-action');
      expect(failed?.step.name).toBe('Check the outputs and the run log');
      const steps = r.jobs['test-action'].steps;
      expect(steps.find((s) => s.id === 'pipeline')?.conclusion).toBe('success');
      expect(steps.find((s) => s.id === 'pipeline')?.outputs.status).toBe('SUCCESS');
      // the always() step still ran and kept the run log
      expect(r.artifacts['run-log-test-action']).toHaveLength(1);
    } finally {
      fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    }
  }, 240_000);

  it('the example workflow on a pipeline whose first task fails goes red at the pipeline step and reports the failed step', async () => {
    const copy = brokenCopy('examples/github/workflow.yml', (t) =>
      t.replace(/PIPELINE: .*/, 'PIPELINE: examples/09-mocking/mocked.yaml').replace(/PARAMETERS: .*\n/, ''),
    );
    try {
      const r = await runWorkflow({ file: copy, repoDir: REPO_ROOT, event: 'push', secrets: SECRETS });
      expect(r.conclusion).toBe('failure');
      const failed = firstFailedStep(r);
      expect(failed?.job).toBe('run');
      expect(failed?.step.id).toBe('pipeline');
      expect(failed?.step.outputs.status).toBe('FAIL');
      expect(JSON.parse(failed!.step.outputs['failed-steps'])).toEqual(['extract']);
      const say = r.jobs.run.steps.find((s) => s.name === 'Say which steps failed');
      expect(say?.conclusion).toBe('success');
      expect(say?.annotations).toContainEqual(expect.objectContaining({ level: 'notice', title: 'failed steps', message: '["extract"]' }));
      expect(Object.keys(r.artifacts)).toEqual([`runnable-${failed!.step.outputs['run-id']}`]);
    } finally {
      fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    }
  }, 240_000);
});

describe('examples/github/deploy-to-argo.yml against the cluster of its KUBECONFIG secret (fake API server)', () => {
  const FILE = 'examples/github/deploy-to-argo.yml';

  it('submits the labelled Workflow, follows it to Succeeded, says which one ran, keeps the manifest; the post step removes the kubeconfig', async () => {
    const before = kube.requests.length;
    const r = await runWorkflow({ file: FILE, repoDir: REPO_ROOT, event: 'push', secrets: SECRETS, runId: 4242 });
    expect(r.conclusion, describeRun(r)).toBe('success');
    const create = kube.requests.slice(before).find((q) => q.method === 'POST')!;
    expect(create.path).toBe('/apis/argoproj.io/v1alpha1/namespaces/pipelines/workflows');
    expect(create.auth).toBe(`Bearer ${KUBE_TOKEN}`);
    const labels = (create.body as { metadata: { labels: Record<string, string> } }).metadata.labels;
    expect(labels).toMatchObject({
      'runnable/run-id': 'deploy-4242-1',
      'runnable/github-repository': 'runnable.runnable',
      'runnable/github-run-id': '4242',
    });
    expect(labels['runnable/github-sha']).toMatch(/^[0-9a-f]{40}$/);
    const steps = r.jobs.deploy.steps;
    const argo = steps.find((s) => s.id === 'argo' && s.phase === 'main')!;
    expect(argo.outputs).toMatchObject({ 'argo-workflow': 'pipelines-abcde', status: 'SUCCESS', 'run-id': 'deploy-4242-1' });
    expect(argo.summary).toContain('### Argo Workflow `pipelines/pipelines-abcde` · ✅ Succeeded');
    expect(argo.summary).toMatch(/^\| \S.* \| ✅ Succeeded \|/m);
    expect(steps.find((s) => s.name === 'Say which workflow ran')?.annotations).toContainEqual(
      expect.objectContaining({ level: 'notice', message: 'pipelines-abcde (SUCCESS)' }),
    );
    expect(r.artifacts['argo-workflow-deploy-4242-1']).toEqual(['argo-pipeline.yaml']);
    const post = steps.find((s) => s.id === 'argo' && s.phase === 'post')!;
    expect(post.log).toMatch(/removed the kubeconfig/);
    expect(kube.requests.slice(before).filter((q) => q.method === 'PATCH')).toEqual([]);
    expect(r.jobs.deploy.log).not.toContain(KUBE_TOKEN);
  }, 240_000);

  it('a workflow that fails turns the job red at the argo step, and still says which one ran', async () => {
    const failing = await startFakeKube({ watch: controllerEnding('Failed') });
    try {
      const r = await runWorkflow({
        file: FILE,
        repoDir: REPO_ROOT,
        event: 'push',
        secrets: { ...SECRETS, KUBECONFIG: failing.kubeconfig(KUBE_TOKEN) },
      });
      expect(r.conclusion).toBe('failure');
      const failed = firstFailedStep(r);
      expect(failed?.step.id).toBe('argo');
      expect(failed?.step.outputs.status).toBe('FAIL');
      expect(failed?.step.summary).toMatch(/❌ Failed/);
      const say = r.jobs.deploy.steps.find((s) => s.name === 'Say which workflow ran');
      expect(say?.conclusion).toBe('success');
      expect(r.jobs.deploy.log).not.toContain(KUBE_TOKEN);
    } finally {
      await failing.close();
    }
  }, 240_000);
});
