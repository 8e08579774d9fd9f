// The action with the argo executor against a REAL kube-apiserver (scripts/ci/kube-up.sh: etcd + kube-apiserver on
// loopback, Argo's CRDs, no controller; found through RUNNABLE_TEST_KUBECONFIG or kube-up's default path, else these
// tests skip with the reason in their name). The `kubeconfig` input is the content of kube-up's kubeconfig. Shown:
// the action submits (the Workflow is stored, labelled with the run id and GITHUB_REPOSITORY / GITHUB_RUN_ID /
// GITHUB_SHA); a followed workflow is seen to end when the test, playing the controller, writes its status; and the
// post step of a main step killed while following sets `spec.shutdown: Stop` (read back with a GET) and deletes the
// kubeconfig file. The fake-server counterpart: test/action-argo.test.ts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runActionBundle, runActionIn, runPostIn } from './helpers/action.js';
import { REPO_ROOT } from './helpers/cli.js';
import { kubeApi, realKube, skippedWithoutKube, useKubeExclusively, type RealKube } from './helpers/real-kube.js';

const kube = await realKube();
// another suite removes the Workflow CRD for a moment: one suite at a time on the server
useKubeExclusively(kube);
const PIPELINE = 'examples/01-tasks/stub.yaml';
const GITHUB = { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/deploy', GITHUB_RUN_ID: '90210', GITHUB_SHA: 'f00dfeed' };
const WORKFLOWS = '/apis/argoproj.io/v1alpha1/namespaces/default/workflows';

const cleanups: string[] = [];
const created: string[] = [];
afterAll(async () => {
  for (const d of cleanups) fs.rmSync(d, { recursive: true, force: true });
  if (typeof kube !== 'string') for (const name of created) await kubeApi(kube, 'DELETE', `${WORKFLOWS}/${name}`).catch(() => undefined);
});

/** A project whose argo configuration submits to `default` with a prefix of this test's own. */
function project(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'action-argo-kube-')));
  cleanups.push(dir);
  fs.mkdirSync(path.join(dir, 'examples/01-tasks'), { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, PIPELINE), path.join(dir, PIPELINE));
  fs.writeFileSync(
    path.join(dir, 'argo.yaml'),
    `pipeline-executor:\n  type: argo\n  config:\n    pvc_for_runnable: runnable\n    defaults: {image: "ghcr.io/acme/pipeline:1"}\n    argoWorkflow: {metadata: {generateName: ${prefix}, namespace: elsewhere}}\nrun-log-store: {type: chunked-fs}\n`,
  );
  return dir;
}

const unique = (what: string) => `${what}-${crypto.randomBytes(3).toString('hex')}`;

/** The workflows labelled with the run id. */
async function workflowsOfRun(k: RealKube, runId: string): Promise<any[]> {
  const r = await kubeApi(k, 'GET', `${WORKFLOWS}?labelSelector=${encodeURIComponent(`runnable/run-id=${runId}`)}`);
  expect(r.status).toBe(200);
  return r.body.items;
}

/** Polls until the run's workflow is stored (the action submits it from another task of this process). */
async function waitForWorkflow(k: RealKube, runId: string): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const items = await workflowsOfRun(k, runId);
    if (items.length) return items[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no workflow of run ${runId} appeared`);
}

describe('the action submits to a real kube-apiserver', () => {
  skippedWithoutKube('the action against a real kube-apiserver', kube);
  if (typeof kube === 'string') return;
  const kubeconfig = fs.readFileSync(kube.kubeconfig, 'utf8');

  it('wait: false: the Workflow is stored in the input namespace, labelled; the post step removes the kubeconfig and stops nothing', async () => {
    const runId = unique('action-submit');
    const dir = project('action-submit-');
    const r = await runActionIn(
      dir,
      { pipeline: PIPELINE, config: 'argo.yaml', 'run-id': runId, kubeconfig, namespace: 'default', wait: 'false' },
      GITHUB,
      { keepRunnerTemp: true },
    );
    cleanups.push(r.runnerTemp);
    expect(r.code, r.stdout).toBe(0);
    const name = r.outputs['argo-workflow'];
    expect(name).toMatch(/^action-submit-[a-z0-9]{5}$/);
    created.push(name);
    const got = await kubeApi(kube, 'GET', `${WORKFLOWS}/${name}`);
    expect(got.status).toBe(200);
    expect(got.body.metadata.labels).toEqual({
      'runnable/run-id': runId,
      'runnable/github-repository': 'acme.deploy',
      'runnable/github-run-id': '90210',
      'runnable/github-sha': 'f00dfeed',
    });
    expect(got.body.spec.arguments.parameters).toContainEqual({ name: 'run_id', value: runId });
    expect(JSON.stringify(got.body)).not.toContain(kube.token);
    expect(r.summary).toContain(`\`default/${name}\``);
    expect(
      r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain(kube.token);

    const file = path.join(r.state.argoKubeconfigDir, 'kubeconfig');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await runPostIn(dir, r.state);
    expect(fs.existsSync(file)).toBe(false);
    expect((await kubeApi(kube, 'GET', `${WORKFLOWS}/${name}`)).body.spec.shutdown).toBeUndefined();
  }, 60_000);

  it('wait: true follows the real watch to the end the test writes as the controller would; the summary shows the nodes', async () => {
    const runId = unique('action-follow');
    const dir = project('action-follow-');
    const running = runActionIn(
      dir,
      { pipeline: PIPELINE, config: 'argo.yaml', 'run-id': runId, kubeconfig, namespace: 'default', wait: 'true' },
      GITHUB,
    );
    const wf = await waitForWorkflow(kube, runId);
    created.push(wf.metadata.name);
    const node = (id: string, step: string) => ({
      id,
      type: 'Pod',
      phase: 'Succeeded',
      displayName: step,
      inputs: { parameters: [{ name: 'step', value: step }] },
    });
    const status = {
      phase: 'Succeeded',
      finishedAt: new Date().toISOString(),
      nodes: { a: node('a', 'extract'), b: node('b', 'transform'), c: node('c', 'load') },
    };
    const patched = await kubeApi(kube, 'PATCH', `${WORKFLOWS}/${wf.metadata.name}`, { status }, 'application/merge-patch+json');
    expect(patched.status).toBe(200);
    const r = await running;
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs['argo-workflow']).toBe(wf.metadata.name);
    expect(r.stdout).toMatch(/argo: load: Succeeded/);
    expect(r.summary).toMatch(/^\| transform \| ✅ Succeeded \|/m);
    expect(r.state.argoEnded).toBe('true');
  }, 60_000);

  it('a main step killed while following: the post step sets spec.shutdown: Stop and deletes the kubeconfig file', async () => {
    const runId = unique('action-kill');
    const dir = project('action-kill-');
    const main = await runActionBundle(
      dir,
      { pipeline: PIPELINE, config: 'argo.yaml', 'run-id': runId, kubeconfig, namespace: 'default', wait: 'true' },
      GITHUB,
      (child, out) => /submitted Workflow default\//.test(out) && child.kill('SIGKILL'),
    );
    cleanups.push(main.runnerTemp);
    expect(main.signal).toBe('SIGKILL');
    const [wf] = await workflowsOfRun(kube, runId);
    created.push(wf.metadata.name);
    expect(wf.spec.shutdown).toBeUndefined();
    expect(JSON.parse(main.state.argoWorkflow)).toMatchObject({ namespace: 'default', name: wf.metadata.name });
    const file = path.join(main.state.argoKubeconfigDir, 'kubeconfig');
    expect(fs.existsSync(file)).toBe(true);

    const post = await runActionBundle(dir, {}, Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v])));
    cleanups.push(post.runnerTemp);
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toMatch(new RegExp(`workflow default/${wf.metadata.name} was running: stopped it`));
    const after = await kubeApi(kube, 'GET', `${WORKFLOWS}/${wf.metadata.name}`);
    expect(after.body.spec.shutdown).toBe('Stop');
    expect(after.body.spec.templates.length).toBeGreaterThan(0); // a merge patch: the rest of the spec is kept
    expect(fs.existsSync(file)).toBe(false);
    expect(
      `${main.stdout}${post.stdout}`
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain(kube.token);
  }, 90_000);
});
