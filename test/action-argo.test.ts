// The action with the argo executor, against the scripted fake API server (test/helpers/fake-kube.ts): the
// `kubeconfig` input (masked, a mode-600 file under RUNNER_TEMP, removed by the post step), `namespace` and `wait`;
// the output `argo-workflow`; the job summary's link and node phases; the post step stopping a workflow that a
// cancelled or killed main step left running. The kubeconfig's token must appear nowhere but in that one file
// (and in the `::add-mask::` commands that hide it). The same against a real kube-apiserver:
// test/action-argo-kube.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { argoServerUrl, kubeconfigSecrets } from '../src/action/argo.js';
import { renderArgoSection } from '../src/action/argo-summary.js';
import { runActionBundle, runActionIn, runPostIn } from './helpers/action.js';
import { REPO_ROOT } from './helpers/cli.js';
import { startFakeKube, statusWith, type FakeKube } from './helpers/fake-kube.js';

const TOKEN = 'fake-kube-token-5f9c1d2e7a';
const GITHUB = { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '4711', GITHUB_SHA: 'cafe1234' };
const PIPELINE = 'examples/01-tasks/stub.yaml';

let fake: FakeKube | undefined;
const cleanups: string[] = [];
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const d of cleanups.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A project with the stub example and an argo configuration that names no kubeconfig and does not submit. */
function project(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'action-argo-')));
  cleanups.push(dir);
  fs.mkdirSync(path.join(dir, 'examples/01-tasks'), { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, PIPELINE), path.join(dir, PIPELINE));
  fs.writeFileSync(
    path.join(dir, 'argo.yaml'),
    [
      'pipeline-executor:',
      '  type: argo',
      '  config:',
      '    pvc_for_runnable: runnable',
      '    defaults: {image: "ghcr.io/acme/pipeline:1"}',
      '    argoWorkflow: {metadata: {generateName: deploy-, namespace: configured}}',
      'run-log-store: {type: chunked-fs}',
      '',
    ].join('\n'),
  );
  return dir;
}

/** The three stub steps, then success: the phases a controller would report. */
const STEPS = ['extract', 'transform', 'load', 'success'];
const finished = (phase: string) => ({
  ...statusWith(
    phase,
    STEPS.map((s, i) => [`n${i}`, s, phase === 'Succeeded' || i < 2 ? 'Succeeded' : 'Failed']),
    true,
  ),
});

/** Every file under the folders, with the token in it. */
function filesWithToken(...dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && fs.readFileSync(p, 'utf8').includes(TOKEN)) found.push(p);
    }
  };
  for (const d of dirs) if (fs.existsSync(d)) walk(d);
  return found;
}

/** stdout without the mask commands (the only place the runner is meant to read the token). */
const withoutMasks = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

describe('action inputs kubeconfig, namespace, wait (fake API server)', () => {
  it('submits to the input namespace, follows to Succeeded, links and tabulates the nodes; the post step only removes the kubeconfig', async () => {
    fake = await startFakeKube({
      watches: [
        ({ wf, send }) => {
          wf.metadata.resourceVersion = '2';
          wf.status = statusWith('Running', [['n0', 'extract', 'Running']]);
          send('MODIFIED', wf);
          wf.metadata.resourceVersion = '3';
          wf.status = finished('Succeeded');
          send('MODIFIED', wf);
        },
      ],
    });
    const dir = project();
    const r = await runActionIn(
      dir,
      {
        pipeline: PIPELINE,
        config: 'argo.yaml',
        mode: 'execute',
        'run-id': 'deploy-1',
        kubeconfig: fake.kubeconfig(TOKEN),
        namespace: 'team-a',
        wait: 'true',
        'argo-server-url': 'https://argo.example.com/',
      },
      GITHUB,
      { keepRunnerTemp: true },
    );
    cleanups.push(r.runnerTemp);
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs['argo-workflow']).toBe('deploy-abcde');
    expect(r.outputs.status).toBe('SUCCESS');
    expect(r.outputs['run-id']).toBe('deploy-1');

    const create = fake.requests.find((q) => q.method === 'POST')!;
    expect(create.path).toBe('/apis/argoproj.io/v1alpha1/namespaces/team-a/workflows');
    expect(create.auth).toBe(`Bearer ${TOKEN}`);
    expect((create.body as { metadata: { namespace: string; labels: object } }).metadata).toMatchObject({
      namespace: 'team-a',
      labels: {
        'runnable/run-id': 'deploy-1',
        'runnable/github-repository': 'acme.app',
        'runnable/github-run-id': '4711',
        'runnable/github-sha': 'cafe1234',
      },
    });
    // the executor's lines reach the step's log
    expect(r.stdout).toMatch(/argo: submitted Workflow team-a\/deploy-abcde \(run id deploy-1\)/);
    expect(r.stdout).toMatch(/argo: extract: Running[\s\S]*argo: load: Succeeded/);

    // the summary: the link, the phase, one row per pod node under its step name
    expect(r.summary).toContain(
      '### Argo Workflow [team-a/deploy-abcde](https://argo.example.com/workflows/team-a/deploy-abcde) · ✅ Succeeded',
    );
    for (const s of STEPS) expect(r.summary).toMatch(new RegExp(`^\\| ${s} \\| ✅ Succeeded \\|`, 'm'));

    // the kubeconfig: a mode-600 file in a mode-700 folder under RUNNER_TEMP, the only file holding the token
    const kubeDir = r.state.argoKubeconfigDir;
    expect(path.dirname(kubeDir)).toBe(r.runnerTemp);
    expect(fs.statSync(kubeDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(kubeDir, 'kubeconfig')).mode & 0o777).toBe(0o600);
    expect(filesWithToken(dir, r.runnerTemp)).toEqual([path.join(kubeDir, 'kubeconfig')]);
    // masked before anything printed it, and nowhere else in what the runner reads
    expect(r.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(withoutMasks(r.stdout)).not.toContain(TOKEN);
    expect(JSON.stringify([r.outputs, r.state, r.summary])).not.toContain(TOKEN);
    expect(fs.readFileSync(path.join(dir, 'argo-pipeline.yaml'), 'utf8')).not.toContain(TOKEN);

    // it ended: the post step stops nothing and removes the kubeconfig
    expect(JSON.parse(r.state.argoWorkflow)).toMatchObject({ namespace: 'team-a', name: 'deploy-abcde' });
    expect(r.state.argoEnded).toBe('true');
    const post = await runPostIn(dir, r.state);
    expect(fake.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
    expect(fs.existsSync(kubeDir)).toBe(false);
    expect(post.stdout).toMatch(/removed the kubeconfig/);
  });

  it('a failed workflow fails the step (exit 1, status FAIL) and shows the failed nodes', async () => {
    fake = await startFakeKube({
      watches: [
        ({ wf, send }) => {
          wf.status = finished('Failed');
          send('MODIFIED', wf);
        },
      ],
    });
    const dir = project();
    const r = await runActionIn(dir, { pipeline: PIPELINE, config: 'argo.yaml', kubeconfig: fake.kubeconfig(TOKEN), wait: 'true' });
    expect(r.code, r.stdout).toBe(1);
    expect(r.outputs.status).toBe('FAIL');
    expect(r.outputs['argo-workflow']).toBe('deploy-abcde');
    // no server URL: the summary names namespace/name (the configuration's namespace)
    expect(r.summary).toContain('### Argo Workflow `configured/deploy-abcde` · ❌ Failed');
    expect(r.summary).toMatch(/^\| load \| ❌ Failed \|/m);
  });

  it('wait: false submits and goes on: output set, nothing for the post step to stop', async () => {
    fake = await startFakeKube({});
    const dir = project();
    const r = await runActionIn(
      dir,
      { pipeline: PIPELINE, config: 'argo.yaml', kubeconfig: fake.kubeconfig(TOKEN), wait: 'false' },
      { ...GITHUB, ARGO_SERVER: 'argo.internal:2746', ARGO_SECURE: 'false' },
      { keepRunnerTemp: true },
    );
    cleanups.push(r.runnerTemp);
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs['argo-workflow']).toBe('deploy-abcde');
    expect(r.outputs.status).toBe('SUCCESS');
    expect(fake.requests.some((q) => q.path.includes('watch=true'))).toBe(false);
    expect(r.summary).toContain('[configured/deploy-abcde](http://argo.internal:2746/workflows/configured/deploy-abcde)');
    expect(r.summary).toContain('Submitted and not followed');
    expect(r.state.argoWorkflow).toBeUndefined();
    await runPostIn(dir, r.state);
    expect(fake.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
    expect(fs.existsSync(r.state.argoKubeconfigDir)).toBe(false);
  });

  it('a cancelled job: the main step stops the workflow and exits 130; the post step stops it again and removes the kubeconfig', async () => {
    const controller = new AbortController();
    fake = await startFakeKube({
      watches: [
        ({ wf, send }) => {
          wf.status = statusWith('Running', [['n0', 'extract', 'Running']]);
          send('MODIFIED', wf);
          // the runner's SIGINT, once the workflow runs
          setImmediate(() => controller.abort('SIGINT'));
        },
      ],
    });
    const dir = project();
    const r = await runActionIn(
      dir,
      { pipeline: PIPELINE, config: 'argo.yaml', kubeconfig: fake.kubeconfig(TOKEN), wait: 'true' },
      GITHUB,
      { keepRunnerTemp: true, signal: controller.signal },
    );
    cleanups.push(r.runnerTemp);
    expect(r.code, r.stdout).toBe(130);
    expect(r.outputs['argo-workflow']).toBe('deploy-abcde');
    expect(r.summary).toMatch(/CANCELLED/);
    expect(r.summary).toMatch(/^\| extract \| ⏳ Running \|/m);
    const patches = () => fake!.requests.filter((q) => q.method === 'PATCH');
    expect(patches().map((q) => q.body)).toEqual([{ spec: { shutdown: 'Stop' } }]);
    expect(r.state.argoEnded).toBeUndefined();
    const post = await runPostIn(dir, r.state);
    expect(patches()).toHaveLength(2);
    expect(patches()[1].path).toBe('/apis/argoproj.io/v1alpha1/namespaces/configured/workflows/deploy-abcde');
    expect(patches()[1].auth).toBe(`Bearer ${TOKEN}`);
    expect(post.stdout).toMatch(/stopped it \(spec.shutdown: Stop\)/);
    expect(fs.existsSync(r.state.argoKubeconfigDir)).toBe(false);
  });

  it('detach: true in the configuration: a cancelled job leaves the workflow running, and so does the post step', async () => {
    const controller = new AbortController();
    fake = await startFakeKube({
      watches: [
        ({ wf, send }) => {
          wf.status = statusWith('Running', [['n0', 'extract', 'Running']]);
          send('MODIFIED', wf);
          setImmediate(() => controller.abort('SIGTERM'));
        },
      ],
    });
    const dir = project();
    const config = fs
      .readFileSync(path.join(dir, 'argo.yaml'), 'utf8')
      .replace('    pvc_for_runnable', '    detach: true\n    pvc_for_runnable');
    fs.writeFileSync(path.join(dir, 'argo.yaml'), config);
    const r = await runActionIn(
      dir,
      { pipeline: PIPELINE, config: 'argo.yaml', kubeconfig: fake.kubeconfig(TOKEN), wait: 'true' },
      GITHUB,
      { keepRunnerTemp: true, signal: controller.signal },
    );
    cleanups.push(r.runnerTemp);
    expect(r.code, r.stdout).toBe(143);
    expect(r.stdout).toMatch(/detached: workflow configured\/deploy-abcde keeps running/);
    expect(r.state.argoWorkflow).toBeUndefined();
    await runPostIn(dir, r.state);
    expect(fake.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
    expect(fs.existsSync(r.state.argoKubeconfigDir)).toBe(false);
  });

  it('a main step killed while following: the post step (the built bundle) stops the workflow with the saved kubeconfig', async () => {
    fake = await startFakeKube({
      watches: [
        ({ wf, send }) => {
          wf.status = statusWith('Running', [['n0', 'extract', 'Running']]);
          send('MODIFIED', wf);
        },
      ],
    });
    const dir = project();
    const main = await runActionBundle(
      dir,
      { pipeline: PIPELINE, config: 'argo.yaml', kubeconfig: fake.kubeconfig(TOKEN), wait: 'true' },
      GITHUB,
      (child, out) => out.includes('extract: Running') && child.kill('SIGKILL'),
    );
    expect(main.signal).toBe('SIGKILL');
    expect(fake.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
    expect(fs.statSync(path.join(main.state.argoKubeconfigDir, 'kubeconfig')).mode & 0o777).toBe(0o600);
    const post = await runActionBundle(dir, {}, Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v])));
    cleanups.push(main.runnerTemp, post.runnerTemp);
    expect(post.code, post.stdout).toBe(0);
    const patch = fake.requests.find((q) => q.method === 'PATCH');
    expect(patch?.body).toEqual({ spec: { shutdown: 'Stop' } });
    expect(post.stdout).toMatch(/stopped it/);
    expect(fs.existsSync(main.state.argoKubeconfigDir)).toBe(false);
    expect(withoutMasks(main.stdout + post.stdout)).not.toContain(TOKEN);
  }, 60_000);
});

describe('the post step when the cluster does not answer', () => {
  it('warns with the command to stop the workflow by hand, still removes the kubeconfig, and does not fail', async () => {
    fake = await startFakeKube({
      watches: [
        ({ wf, send }) => {
          wf.status = statusWith('Running', [['n0', 'extract', 'Running']]);
          send('MODIFIED', wf);
        },
      ],
    });
    const dir = project();
    const main = await runActionBundle(
      dir,
      { pipeline: PIPELINE, config: 'argo.yaml', kubeconfig: fake.kubeconfig(TOKEN), wait: 'true' },
      GITHUB,
      (child, out) => out.includes('extract: Running') && child.kill('SIGKILL'),
    );
    cleanups.push(main.runnerTemp);
    await fake.close();
    fake = undefined;
    const post = await runPostIn(dir, main.state);
    expect(post.stdout).toMatch(
      /::warning::runnable: workflow configured\/deploy-abcde could not be stopped \(.*\); stop it with `argo stop -n configured deploy-abcde`/,
    );
    expect(fs.existsSync(main.state.argoKubeconfigDir)).toBe(false);
  }, 60_000);
});

describe('argo inputs: bad values are located errors, one ::error each, never quoting the kubeconfig', () => {
  it('bad kubeconfig, namespace and wait: three errors, exit 2, nothing submitted', async () => {
    fake = await startFakeKube({});
    const dir = project();
    const broken = `${fake.kubeconfig(TOKEN)}\n  bad: [indent\n`;
    const r = await runActionIn(dir, { pipeline: PIPELINE, config: 'argo.yaml', kubeconfig: broken, namespace: 'Team_A', wait: 'soon' });
    expect(r.code).toBe(2);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(3);
    expect(errors.join('\n')).toMatch(/input "kubeconfig": it is not valid YAML \(line \d+, column \d+\)/);
    expect(errors.join('\n')).toMatch(/input "namespace": "Team_A" is not a namespace name/);
    expect(errors.join('\n')).toMatch(/input "wait": "soon" is not true or false/);
    expect(withoutMasks(r.stdout)).not.toContain(TOKEN);
    expect(r.summary).not.toContain(TOKEN);
    expect(fake.requests).toEqual([]);
  });

  it('a path instead of the content, and a kubeconfig without clusters', async () => {
    const dir = project();
    const r1 = await runActionIn(dir, { pipeline: PIPELINE, config: 'argo.yaml', kubeconfig: '~/.kube/config' });
    expect(r1.code).toBe(2);
    expect(r1.stdout).toMatch(/::error.*input "kubeconfig": it is a path, not the content of a kubeconfig/);
    const r2 = await runActionIn(dir, { pipeline: PIPELINE, config: 'argo.yaml', kubeconfig: 'apiVersion: v1\nkind: Config\nusers: []\n' });
    expect(r2.code).toBe(2);
    expect(r2.stdout).toMatch(/input "kubeconfig": it names no cluster/);
  });

  it('argo inputs with another executor: one error per input; wait: true with nothing submitted', async () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'local.yaml'), 'pipeline-executor: {type: local}\n');
    const r = await runActionIn(dir, { pipeline: PIPELINE, config: 'local.yaml', namespace: 'team', wait: 'true' });
    expect(r.code).toBe(2);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/input "namespace": it applies to the argo executor, but the configuration's executor is local/);
    expect(errors[1]).toMatch(/input "wait": it applies to the argo executor/);
    const r2 = await runActionIn(dir, { pipeline: PIPELINE, config: 'argo.yaml', wait: 'true' });
    expect(r2.code).toBe(2);
    expect(r2.stdout).toMatch(/::error.*input "wait": it is true, but the workflow is not submitted/);
    // validate mode reads no secret: the kubeconfig is not written
    const r3 = await runActionIn(dir, { pipeline: PIPELINE, config: 'argo.yaml', mode: 'validate', kubeconfig: 'clusters: [{name: x}]\n' });
    expect(r3.code, r3.stdout).toBe(0);
    expect(r3.state.argoKubeconfigDir).toBeUndefined();
  });
});

describe('argo action parts', () => {
  it('kubeconfigSecrets: every credential of users[].user, not names, commands or short words', () => {
    const text = [
      'apiVersion: v1',
      'clusters: [{name: prod, cluster: {server: "https://k.example.com", certificate-authority-data: Q0FDQUNB}}]',
      'users:',
      '- name: deployer',
      '  user:',
      '    token: tok-0123456789',
      '    client-key-data: S0VZS0VZS0VZ',
      '    exec: {command: aws-iam-authenticator, apiVersion: client.authentication.k8s.io/v1, args: [token, -i, my-cluster-name], env: [{name: AWS_PROFILE, value: production-profile}]}',
    ].join('\n');
    expect(kubeconfigSecrets(text).sort()).toEqual(['S0VZS0VZS0VZ', 'my-cluster-name', 'production-profile', 'tok-0123456789']);
    // a credential by name is masked however short
    expect(kubeconfigSecrets('users: [{name: u, user: {username: admin, password: pw4}}]')).toEqual(['pw4']);
    expect(kubeconfigSecrets(': not yaml: [')).toEqual([]);
  });

  it('argoServerUrl: the input, else ARGO_SERVER with ARGO_SECURE and ARGO_BASE_HREF, else none', () => {
    expect(argoServerUrl('https://argo.example.com/', {})).toBe('https://argo.example.com');
    expect(argoServerUrl(undefined, { ARGO_SERVER: 'argo:2746' })).toBe('https://argo:2746');
    expect(argoServerUrl(undefined, { ARGO_SERVER: 'argo:2746', ARGO_SECURE: 'false', ARGO_BASE_HREF: '/argo/' })).toBe(
      'http://argo:2746/argo',
    );
    expect(argoServerUrl(undefined, {})).toBeUndefined();
  });

  it('the node table is cut to its byte budget with a row saying how many are left out', () => {
    const nodes = Array.from({ length: 500 }, (_, i) => ({ id: `n${i}`, step: `map.task [${i}]`, phase: 'Succeeded' }));
    const lines = renderArgoSection({ kind: 'Workflow', namespace: 'ns', name: 'wf', waited: true, phase: 'Succeeded', nodes }, 4000);
    expect(Buffer.byteLength(lines.join('\n'))).toBeLessThan(4300);
    expect(lines.join('\n')).toMatch(/\| … \d+ more nodes not shown/);
  });
});
