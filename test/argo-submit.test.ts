// Submitting and following through the Kubernetes API, against a scripted fake server (test/helpers/fake-kube.ts):
// the workflow is created with the run's labels, its node phases are printed under step names through a dropped
// watch and a 410 Gone, pod logs are streamed, the exit code follows the final phase, SIGTERM stops the workflow,
// and the token never reaches the console or the written manifest.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, builtCli, cliEnv, runCli } from './helpers/cli.js';
import { startFakeKube, statusWith, type FakeKube } from './helpers/fake-kube.js';

const TOKEN = 'sekret-token-4711';
let fake: FakeKube | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function workspace(f: FakeKube, extra = ''): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-submit-'));
  fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'kubeconfig'), f.kubeconfig(TOKEN));
  fs.writeFileSync(
    path.join(dir, 'argo.yaml'),
    `pipeline-executor:\n  type: argo\n  config:\n    submit: true\n    wait: true\n    kubeconfig: kubeconfig\n${extra}    pvc_for_runnable: runnable\n    defaults: {image: "img:1"}\n    argoWorkflow: {metadata: {generateName: demo-, namespace: team}}\nrun-log-store: {type: chunked-fs}\n`,
  );
  return dir;
}

describe('argo submit and follow (fake API server)', () => {
  it('creates the workflow labelled, follows it through a dropped watch and a 410, streams logs, exits 0', async () => {
    fake = await startFakeKube({
      pods: [{ name: 'demo-abcde-step-1', nodeId: 'n2' }],
      logs: { 'demo-abcde-step-1': 'hello from the step\nsecond line\n' },
      watches: [
        ({ wf, send, end }) => {
          wf.metadata.resourceVersion = '2';
          wf.status = statusWith('Running', [['n1', 'hello', 'Running']]);
          send('MODIFIED', wf);
          end(); // the server drops the stream
        },
        ({ send, end }) => {
          send('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' });
          end();
        },
        ({ wf, send }) => {
          wf.metadata.resourceVersion = '5';
          wf.status = statusWith('Running', [
            ['n1', 'hello', 'Succeeded'],
            ['n2', 'success', 'Running'],
          ]);
          send('MODIFIED', wf);
          wf.status = statusWith(
            'Succeeded',
            [
              ['n1', 'hello', 'Succeeded'],
              ['n2', 'success', 'Succeeded'],
            ],
            true,
          );
          send('MODIFIED', wf);
        },
      ],
    });
    const dir = workspace(fake);
    const r = await runCli(['execute', 'examples/01-tasks/stub.yaml', 'run-42', '-c', 'argo.yaml'], {
      cwd: dir,
      env: { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '99', GITHUB_SHA: 'abc123' },
    });
    expect(r.code, r.output).toBe(0);
    const create = fake.requests.find((q) => q.method === 'POST')!;
    expect(create.path).toBe('/apis/argoproj.io/v1alpha1/namespaces/team/workflows');
    expect(create.auth).toBe(`Bearer ${TOKEN}`);
    const body = create.body as {
      metadata: { labels: Record<string, string> };
      spec: { arguments: { parameters: Array<{ name: string; value?: string }> } };
    };
    expect(body.metadata.labels).toEqual({
      'runnable/run-id': 'run-42',
      'runnable/github-repository': 'acme.app',
      'runnable/github-run-id': '99',
      'runnable/github-sha': 'abc123',
    });
    expect(body.spec.arguments.parameters).toContainEqual({ name: 'run_id', value: 'run-42' });
    expect(r.stdout).toMatch(/submitted Workflow team\/demo-abcde/);
    expect(r.stdout).toMatch(
      /argo: hello: Running[\s\S]*the watch ended; reconnecting[\s\S]*410 Gone[\s\S]*argo: hello: Succeeded[\s\S]*argo: success: Succeeded/,
    );
    expect(r.stdout).toMatch(/\[success\] hello from the step\n\[success\] second line/);
    expect(r.stdout).toMatch(/workflow team\/demo-abcde Succeeded/);
    // watches resumed from the last resourceVersion; the log was read from the main container
    expect(fake.requests.filter((q) => q.path.includes('watch=true')).length).toBe(3);
    expect(fake.requests.some((q) => q.path.includes('/log?') && q.path.includes('container=main'))).toBe(true);
    expect(r.output).not.toContain(TOKEN);
    expect(fs.readFileSync(path.join(dir, 'argo-pipeline.yaml'), 'utf8')).not.toContain(TOKEN);
  });

  it('exits 1 when the workflow fails', async () => {
    fake = await startFakeKube({
      watches: [
        ({ wf, send }) => {
          wf.status = statusWith('Failed', [['n1', 'hello', 'Failed']], true);
          send('MODIFIED', wf);
        },
      ],
    });
    const r = await runCli(['execute', 'examples/01-tasks/stub.yaml', 'run-43', '-c', 'argo.yaml'], { cwd: workspace(fake) });
    expect(r.code, r.output).toBe(1);
    expect(r.stdout).toMatch(/argo: hello: Failed/);
    expect(r.stdout).toMatch(/workflow team\/demo-abcde Failed/);
  });

  it('SIGTERM while following sets spec.shutdown: Stop', async () => {
    fake = await startFakeKube({
      watches: [
        ({ wf, send }) => {
          wf.status = statusWith('Running', [['n1', 'hello', 'Running']]);
          send('MODIFIED', wf);
        },
      ],
    });
    const dir = workspace(fake);
    const child = spawn(process.execPath, [builtCli(), 'execute', 'examples/01-tasks/stub.yaml', 'run-44', '-c', 'argo.yaml'], {
      cwd: dir,
      env: cliEnv(dir),
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('hello: Running')) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).not.toBe(0);
    const patch = fake.requests.find((q) => q.method === 'PATCH');
    expect(patch?.body).toEqual({ spec: { shutdown: 'Stop' } });
    expect(out).toMatch(/stopping workflow team\/demo-abcde/);
  });

  it('without wait, submits and returns the reference; an unreachable cluster is exit 3 with the doctor hint', async () => {
    fake = await startFakeKube({ watches: [] });
    const dir = workspace(fake);
    fs.writeFileSync(
      path.join(dir, 'argo.yaml'),
      fs.readFileSync(path.join(dir, 'argo.yaml'), 'utf8').replace('wait: true', 'wait: false'),
    );
    const r = await runCli(['execute', 'examples/01-tasks/stub.yaml', 'run-45', '-c', 'argo.yaml'], { cwd: dir });
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(/submitted Workflow team\/demo-abcde/);
    await fake.close();
    fake = undefined;
    const r2 = await runCli(['execute', 'examples/01-tasks/stub.yaml', 'run-46', '-c', 'argo.yaml'], { cwd: dir });
    expect(r2.code, r2.output).toBe(3);
    expect(r2.stderr).toMatch(/runnable doctor/);
    expect(r2.output).not.toContain(TOKEN);
  });
});

describe('runnable doctor -c argo.yaml (fake API server)', () => {
  it('all checks pass: exit 0', async () => {
    fake = await startFakeKube({ namespaces: ['team'], pvcs: ['runnable'] });
    const r = await runCli(['doctor', '-c', 'argo.yaml'], { cwd: workspace(fake) });
    expect(r.code, r.output).toBe(0);
    for (const check of [
      'image',
      'kubeconfig',
      'api server',
      'namespace',
      'workflow CRD',
      'may create workflows',
      'may watch workflows',
      'pvc',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`ok +${check}:`));
    }
    expect(r.output).not.toContain(TOKEN);
  });

  it('a wrong namespace, no CRD and no permission: each failure with its fix, exit 2', async () => {
    fake = await startFakeKube({ namespaces: ['default'], crd: false, allowed: false });
    const r = await runCli(['doctor', '-c', 'argo.yaml'], { cwd: workspace(fake) });
    expect(r.code, r.output).toBe(2);
    expect(r.stdout).toMatch(/FAIL namespace: HTTP 404[\s\S]*Fix: create it \(kubectl create namespace team\)/);
    expect(r.stdout).toMatch(/FAIL workflow CRD[\s\S]*Fix: install Argo Workflows/);
    expect(r.stdout).toMatch(/FAIL may create workflows: denied in team[\s\S]*Fix: grant the user a Role/);
    expect(r.output).not.toContain(TOKEN);
  });

  it('an unreachable server stops at the first network check with the fix', async () => {
    fake = await startFakeKube({});
    const dir = workspace(fake);
    await fake.close();
    fake = undefined;
    const r = await runCli(['doctor', '-c', 'argo.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/FAIL api server: http:\/\/127\.0\.0\.1:\d+ does not answer[\s\S]*Fix: check the server address/);
  });
});
