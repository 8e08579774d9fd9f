// The argo executor against a real kube-apiserver (scripts/ci/kube-up.sh: etcd + kube-apiserver v1.20.2 on
// loopback, Argo's CRDs, no controller), through the built CLI: `execute --submit` creates the Workflow (labelled
// with the run id and GitHub's identifiers) and a CronWorkflow for cron_schedule; `--wait` follows it with the real
// watch API while this test plays Argo's controller by patching the Workflow's status; SIGTERM stops it
// (spec.shutdown: Stop) unless --detach; a Workflow deleted while followed ends the wait; `runnable doctor` passes,
// and fails naming the fix without the CRD and for a wrong namespace. The token never reaches the console or a file.
// test/argo-submit.test.ts covers what only a scripted fake can show (dropped watches, 410s, pod logs).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, builtCli, cliEnv, runCli, type CliResult } from './helpers/cli.js';
import { kubeApi, realKube, skippedWithoutKube, useKubeExclusively, type RealKube } from './helpers/real-kube.js';

const found = await realKube();
skippedWithoutKube('the argo executor against a real kube-apiserver', found);
useKubeExclusively(found);

const NS = 'runnable-it';
const WORKFLOWS = `/apis/argoproj.io/v1alpha1/namespaces/${NS}/workflows`;
const CRD = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const CRD_FILE = path.join(REPO_ROOT, 'test/fixtures/argo-schema/crds-minimal-v4.1.2/argoproj.io_workflows.yaml');
const unique = `${Date.now().toString(36)}-${process.pid}`;

interface Wf {
  metadata: { name: string; labels?: Record<string, string> };
  spec: {
    entrypoint: string;
    shutdown?: string;
    arguments?: { parameters?: Array<{ name: string; value?: string }> };
    templates: Array<{
      name: string;
      dag?: { tasks: Array<{ name: string; template: string; arguments?: { parameters?: Array<{ name: string; value: string }> } }> };
    }>;
  };
}

describe.skipIf(typeof found === 'string')('argo executor against a real kube-apiserver (no controller: the test plays it)', () => {
  const kube = found as RealKube;
  let dir: string;
  let n = 0;
  const runId = () => `it-${unique}-${++n}`;
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, { cwd: dir, env: { KUBECONFIG: kube.kubeconfig, ...env } });
  const noToken = (...texts: string[]) => {
    for (const t of texts) expect(t).not.toContain(kube.token);
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-apiserver-'));
    fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
    writeConfig(dir, 'argo.yaml', NS);
    writeConfig(dir, 'cron.yaml', NS, '    cron_schedule: {schedules: ["*/5 * * * *"], timezone: Europe/London}\n');
    writeConfig(dir, 'elsewhere.yaml', `no-such-namespace-${unique}`);
    fs.writeFileSync(path.join(dir, 'local.yaml'), 'pipeline-executor:\n  type: local\n');
    // namespaces never go away without a controller-manager (they stay Terminating): one fixed one, kept
    const ns = await kubeApi(kube, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    expect([201, 409]).toContain(ns.status);
    const pvc = await kubeApi(kube, 'POST', `/api/v1/namespaces/${NS}/persistentvolumeclaims`, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'runnable' },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } },
    });
    expect([201, 409]).toContain(pvc.status);
  });

  afterAll(async () => {
    if (!dir) return;
    // what these tests created: their run ids start with it-<unique>
    for (const plural of ['workflows', 'cronworkflows']) {
      const list = await kubeApi(kube, 'GET', `/apis/argoproj.io/v1alpha1/namespaces/${NS}/${plural}`);
      for (const item of list.body?.items ?? []) {
        if (String(item.metadata.labels?.['runnable/run-id'] ?? '').startsWith(`it-${unique}-`)) {
          await kubeApi(kube, 'DELETE', `/apis/argoproj.io/v1alpha1/namespaces/${NS}/${plural}/${item.metadata.name}`);
        }
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('execute --submit creates the Workflow labelled with the run id and GitHub identifiers; no token anywhere', async () => {
    const id = runId();
    const r = await cli(['execute', 'examples/01-tasks/stub.yaml', id, '-c', 'argo.yaml', '--submit'], {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_RUN_ID: '4242',
      GITHUB_SHA: 'deadbeef',
    });
    expect(r.code, r.output).toBe(0);
    const name = submittedName(r.stdout);
    const wf = (await kubeApi(kube, 'GET', `${WORKFLOWS}?labelSelector=runnable/run-id=${id}`)).body.items as Wf[];
    expect(wf.map((w) => w.metadata.name)).toEqual([name]);
    expect(wf[0].metadata.labels).toMatchObject({
      'runnable/run-id': id,
      'runnable/github-repository': 'acme.app',
      'runnable/github-run-id': '4242',
      'runnable/github-sha': 'deadbeef',
    });
    expect(wf[0].spec.arguments?.parameters).toContainEqual({ name: 'run_id', value: id });
    noToken(r.output, fs.readFileSync(path.join(dir, 'argo-pipeline.yaml'), 'utf8'), JSON.stringify(wf[0]));
  });

  it('--wait follows the real watch: phase changes under step names, exit 0 on Succeeded', async () => {
    const run = startCli(dir, kube, ['execute', 'examples/01-tasks/stub.yaml', runId(), '-c', 'argo.yaml', '--wait']);
    const name = submittedName(await run.waitFor(/submitted Workflow \S+/));
    const wf = await getWf(kube, name);
    await setStatus(kube, wf, 'Running', { extract: 'Running' });
    await run.waitFor(/argo: extract: Running/);
    await setStatus(kube, wf, 'Running', { extract: 'Succeeded', transform: 'Running' });
    await run.waitFor(/argo: transform: Running/);
    await setStatus(kube, wf, 'Succeeded', { extract: 'Succeeded', transform: 'Succeeded', load: 'Succeeded' });
    const r = await run.exit;
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(
      /argo: extract: Running\n[\s\S]*argo: extract: Succeeded\n[\s\S]*argo: transform: Running\n[\s\S]*argo: load: Succeeded\n/,
    );
    expect(r.stdout).toContain(`argo: workflow ${NS}/${name} Succeeded`);
    noToken(r.output);
  });

  it('--wait exits 1 when the workflow ends Failed', async () => {
    const run = startCli(dir, kube, ['execute', 'examples/01-tasks/stub.yaml', runId(), '-c', 'argo.yaml', '--wait']);
    const name = submittedName(await run.waitFor(/submitted Workflow \S+/));
    const wf = await getWf(kube, name);
    await setStatus(kube, wf, 'Failed', { extract: 'Failed', fail: 'Succeeded' });
    const r = await run.exit;
    expect(r.code, r.output).toBe(1);
    expect(r.stdout).toMatch(/argo: extract: Failed\n/);
    expect(r.stdout).toContain(`argo: workflow ${NS}/${name} Failed`);
  });

  it('SIGTERM during --wait sets spec.shutdown: Stop; with --detach the workflow is left running', async () => {
    for (const detach of [false, true]) {
      const args = ['execute', 'examples/01-tasks/stub.yaml', runId(), '-c', 'argo.yaml', '--wait', ...(detach ? ['--detach'] : [])];
      const run = startCli(dir, kube, args);
      const name = submittedName(await run.waitFor(/submitted Workflow \S+/));
      await setStatus(kube, await getWf(kube, name), 'Running', { extract: 'Running' });
      await run.waitFor(/argo: extract: Running/);
      run.child.kill('SIGTERM');
      const r = await run.exit;
      expect(r.code, r.output).toBe(143);
      const after = await getWf(kube, name);
      if (detach) {
        expect(after.spec.shutdown).toBeUndefined();
        expect(r.stdout).toContain(`argo: detached: workflow ${NS}/${name} keeps running (--detach)`);
      } else {
        expect(after.spec.shutdown).toBe('Stop');
        expect(r.stdout).toContain(`argo: stopping workflow ${NS}/${name} (spec.shutdown: Stop)`);
      }
    }
  });

  it('a workflow deleted while waited on ends the wait with a clear message (exit 3)', async () => {
    const run = startCli(dir, kube, ['execute', 'examples/01-tasks/stub.yaml', runId(), '-c', 'argo.yaml', '--wait']);
    const name = submittedName(await run.waitFor(/submitted Workflow \S+/));
    await setStatus(kube, await getWf(kube, name), 'Running', { extract: 'Running' });
    await run.waitFor(/argo: extract: Running/);
    expect((await kubeApi(kube, 'DELETE', `${WORKFLOWS}/${name}`)).status).toBe(200);
    const r = await run.exit;
    expect(r.code, r.output).toBe(3);
    expect(r.stderr).toContain(`workflow ${NS}/${name} was deleted while it was followed`);
  });

  it('cron_schedule: execute --submit creates a CronWorkflow', async () => {
    const id = runId();
    const r = await cli(['execute', 'examples/01-tasks/stub.yaml', id, '-c', 'cron.yaml', '--submit']);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(/submitted CronWorkflow runnable-it\/\S+/);
    const list = await kubeApi(
      kube,
      'GET',
      `/apis/argoproj.io/v1alpha1/namespaces/${NS}/cronworkflows?labelSelector=runnable/run-id=${id}`,
    );
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].spec.schedules).toEqual(['*/5 * * * *']);
    expect(list.body.items[0].spec.timezone).toBe('Europe/London');
  });

  it('--submit, --wait, --detach with another executor: exit 2 naming the configuration', async () => {
    const r = await cli(['execute', 'examples/01-tasks/stub.yaml', '-c', 'local.yaml', '--submit', '--detach']);
    expect(r.code, r.output).toBe(2);
    expect(r.stderr).toContain(
      'local.yaml:2:3: --submit, --detach are options of the argo executor, but local.yaml configures the local executor.',
    );
    const r2 = await cli(['execute', 'examples/01-tasks/stub.yaml', '--wait']);
    expect(r2.code, r2.output).toBe(2);
    expect(r2.stderr).toContain(
      '--wait is an option of the argo executor, but no configuration file is given (-c), so the executor is local.',
    );
  });

  it('runnable doctor: all good is exit 0; a wrong namespace is exit 2 naming it', async () => {
    const r = await cli(['doctor', '-c', 'argo.yaml']);
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
    expect(r.stdout).toMatch(/ok +api server: https:\/\/127\.0\.0\.1:\d+ \(Kubernetes v1\.20\.2\)/);
    const wrong = await cli(['doctor', '-c', 'elsewhere.yaml']);
    expect(wrong.code, wrong.output).toBe(2);
    expect(wrong.stdout).toMatch(
      new RegExp(`FAIL namespace: HTTP 404[^\\n]*\\n +Fix: create it \\(kubectl create namespace no-such-namespace-${unique}\\)`),
    );
    noToken(r.output, wrong.output);
  });

  it('runnable doctor without the Workflow CRD: exit 2 naming the fix (the CRD is applied again after)', async () => {
    expect((await kubeApi(kube, 'DELETE', `${CRD}/workflows.argoproj.io`)).status).toBe(200);
    try {
      await until(async () => (await kubeApi(kube, 'GET', `${CRD}/workflows.argoproj.io`)).status === 404);
      const r = await cli(['doctor', '-c', 'argo.yaml']);
      expect(r.code, r.output).toBe(2);
      expect(r.stdout).toMatch(/FAIL workflow CRD: HTTP 404[^\n]*\n +Fix: install Argo Workflows in the cluster/);
      expect(r.stderr).toContain('the cluster is not ready for this configuration');
      noToken(r.output);
    } finally {
      const back = await kubeApi(kube, 'POST', CRD, fs.readFileSync(CRD_FILE, 'utf8'), 'application/yaml');
      expect([201, 409]).toContain(back.status);
      await until(async () => (await kubeApi(kube, 'GET', WORKFLOWS)).status === 200);
    }
    expect((await cli(['doctor', '-c', 'argo.yaml'])).code).toBe(0);
  });
});

function writeConfig(dir: string, file: string, namespace: string, extra = ''): void {
  fs.writeFileSync(
    path.join(dir, file),
    `pipeline-executor:\n  type: argo\n  config:\n${extra}    pvc_for_runnable: runnable\n    defaults: {image: "registry.example/pipeline:1"}\n    argoWorkflow: {metadata: {generateName: it-, namespace: ${namespace}}}\nrun-log-store: {type: chunked-fs}\n`,
  );
}

function submittedName(stdout: string): string {
  const m = /submitted (?:Cron)?Workflow [^/\s]+\/(\S+)/.exec(stdout);
  if (!m) throw new Error(`no "submitted Workflow" line in:\n${stdout}`);
  return m[1];
}

async function getWf(kube: RealKube, name: string): Promise<Wf> {
  const r = await kubeApi(kube, 'GET', `${WORKFLOWS}/${name}`);
  expect(r.status).toBe(200);
  return r.body as Wf;
}

/**
 * What Argo's controller would write: the workflow's phase and a Pod node per DAG task of the entry template that
 * `phases` names (its display name, template and input parameters from the task, as the controller copies them).
 * The minimal CRD has no status subresource, so status is merge-patched on the object itself.
 */
async function setStatus(kube: RealKube, wf: Wf, phase: string, phases: Record<string, string>): Promise<void> {
  const entry = wf.spec.templates.find((t) => t.name === wf.spec.entrypoint);
  const nodes: Record<string, unknown> = {};
  for (const [step, nodePhase] of Object.entries(phases)) {
    const task = entry?.dag?.tasks.find((t) => t.arguments?.parameters?.some((p) => p.name === 'step' && p.value === step));
    if (!task) throw new Error(`the entry template of ${wf.metadata.name} has no task for step ${step}`);
    const id = `${wf.metadata.name}-${task.name}`;
    nodes[id] = {
      id,
      name: `${wf.metadata.name}.${task.name}`,
      displayName: task.name,
      type: 'Pod',
      templateName: task.template,
      phase: nodePhase,
      inputs: { parameters: task.arguments?.parameters ?? [] },
    };
  }
  const done = ['Succeeded', 'Failed', 'Error'].includes(phase);
  const status = { phase, startedAt: new Date().toISOString(), ...(done ? { finishedAt: new Date().toISOString() } : {}), nodes };
  const r = await kubeApi(kube, 'PATCH', `${WORKFLOWS}/${wf.metadata.name}`, { status }, 'application/merge-patch+json');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API server did not reach the expected state in 30 s');
}

const running = new Set<ChildProcess>();
afterEach(() => {
  // a failed test leaves no follower behind
  for (const c of running) c.kill('SIGKILL');
});

/** The CLI as a child process whose output the test reads as it comes (to act between phases). */
function startCli(dir: string, kube: RealKube, args: string[]) {
  const child: ChildProcess = spawn(process.execPath, [builtCli(), ...args], {
    cwd: dir,
    env: cliEnv(dir, { KUBECONFIG: kube.kubeconfig }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('close', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ re: RegExp; resolve: (s: string) => void; reject: (e: Error) => void }> = [];
  child.stdout!.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    for (const w of [...waiters]) {
      if (w.re.test(stdout)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(stdout);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exit = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => {
      for (const w of waiters) w.reject(new Error(`the CLI ended (${code ?? signal}) without printing ${w.re}:\n${stdout}\n${stderr}`));
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, output: `${stdout}${stderr}` });
    }),
  );
  const waitFor = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      if (re.test(stdout)) return resolve(stdout);
      if (child.exitCode !== null)
        return reject(new Error(`the CLI ended (${child.exitCode}) without printing ${re}:\n${stdout}\n${stderr}`));
      waiters.push({ re, resolve, reject });
    });
  return { child, exit, waitFor };
}
