// The built action (dist/action/index.js) as the runner starts it: `node index.js` in the workspace, inputs as
// INPUT_* variables, GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY temp files; then the same bundle again
// as the post step with the saved state as STATE_* variables. Also: SIGINT / SIGTERM cancel the run (exit
// 130 / 143, summary written). The post step's Docker clean-up needs a real engine (RUNNABLE_TEST_NO_DOCKER=1
// skips that part); without Docker it must exit 0.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DockerClient } from '../src/executors/container/docker-client.js';
import { REPO_ROOT, cliEnv } from './helpers/cli.js';
import { dedent, lineColOf, workspace, type Workspace } from './helpers/workspace.js';

const DIST_ACTION = path.join(REPO_ROOT, 'dist/action/index.js');
const NO_DOCKER = process.env.RUNNABLE_TEST_NO_DOCKER === '1';
const IMAGE = 'runnable-test/no-node:1';

let snapshot: string | undefined;

/** This process's copy of the built action (others may rebuild dist/ while the tests run). */
function builtAction(): string {
  if (snapshot && fs.existsSync(snapshot)) return snapshot;
  if (!fs.existsSync(DIST_ACTION)) throw new Error(`${DIST_ACTION} is missing: run \`npm run build\` in ${REPO_ROOT} before these tests.`);
  const dir = path.join(REPO_ROOT, 'node_modules/.cache/runnable-action-test', `${process.pid}-${Date.now()}`);
  fs.cpSync(path.dirname(DIST_ACTION), dir, { recursive: true });
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  snapshot = path.join(dir, 'index.js');
  return snapshot;
}

interface Step {
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

const parseFileCommands = (text: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]] = m[3];
  return out;
};

interface StepOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** Called with the child and its stdout so far, on every chunk (to send a signal at the right moment). */
  onOutput?: (child: ReturnType<typeof spawn>, stdout: string) => void;
  timeoutMs?: number;
}

/** Runs the bundle once, as the runner runs `main` (or `post`, with STATE_* in env). */
function runStep(ws: Workspace, o: StepOptions = {}): Promise<Step> {
  const gh = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-action-gh-'));
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary' };
  for (const f of Object.values(files)) fs.writeFileSync(path.join(gh, f), '');
  const env = {
    ...cliEnv(ws.dir, o.env),
    GITHUB_WORKSPACE: ws.dir,
    RUNNER_TEMP: gh,
    ...Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(gh, f)])),
    ...Object.fromEntries(Object.entries(o.inputs ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtAction()], { cwd: ws.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      o.onOutput?.(child, stdout);
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the action did not finish in time.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, o.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const read = (f: string) => fs.readFileSync(path.join(gh, f), 'utf8');
      const step = {
        code: code ?? -1,
        signal,
        stdout,
        stderr,
        outputs: parseFileCommands(read('output')),
        state: parseFileCommands(read('state')),
        summary: read('summary'),
      };
      fs.rmSync(gh, { recursive: true, force: true });
      resolve(step);
    });
  });
}

function expectCode(r: Step, code: number): void {
  if (r.code !== code)
    throw new Error(
      `expected exit code ${code}, got ${r.code} (signal ${r.signal}).\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}\n--- summary ---\n${r.summary}`,
    );
}

/** The post step: the same bundle, with what the main step saved. */
const postEnv = (state: Record<string, string>, extra: Record<string, string | undefined> = {}) => ({
  ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
  ...extra,
});

const FAILING = dedent(`
  dag:
    start_at: prepare
    steps:
      prepare:
        type: task
        command_type: shell
        command: echo "::error::not from the action"
        next: explode
      explode:
        type: task
        command_type: shell
        command: exit 4
        next: success
`);

const SLOW = dedent(`
  dag:
    start_at: wait
    steps:
      wait:
        type: task
        command_type: shell
        command: |
          echo "waiting now"
          sleep 30
        next: after
      after:
        type: stub
        next: success
`);

describe('the built action (dist/action/index.js)', () => {
  it('runs as main: exit 1 on a failing run, outputs, state for the post step, a located annotation', async () => {
    const ws = workspace({ 'pipeline.yaml': FAILING });
    const r = await runStep(ws, { inputs: { pipeline: 'pipeline.yaml', 'run-id': 'dist-fail' } });
    expectCode(r, 1);
    expect(r.outputs['run-id']).toBe('dist-fail');
    expect(r.outputs.status).toBe('FAIL');
    expect(r.outputs['failed-steps']).toBe('["explode"]');
    expect(r.state).toEqual({ isPost: 'true', runId: 'dist-fail' });
    const { line, col } = lineColOf(FAILING, 'type: task', 'explode:');
    expect(r.stdout).toContain(`::error title=step explode failed,file=pipeline.yaml,line=${line},col=${col}::step "explode" failed.`);
    // the task's own "::error::" line is output, inside stop-commands
    const lines = r.stdout.split('\n');
    const forged = lines.indexOf('::error::not from the action');
    const before = lines.slice(0, forged);
    const stop = before.length - 1 - [...before].reverse().findIndex((l) => l.startsWith('::stop-commands::'));
    const token = lines[stop].slice('::stop-commands::'.length);
    expect(forged).toBeGreaterThan(0);
    expect(stop).toBeLessThan(before.length);
    expect(lines.slice(stop, forged)).not.toContain(`::${token}::`);
    expect(r.summary).toContain('```mermaid');

    // the post step after it: no container of that run, or no Docker at all -> exit 0
    const post = await runStep(ws, { env: postEnv(r.state) });
    expectCode(post, 0);
    expect(post.stdout).toMatch(/no container of run dist-fail was left|Docker does not answer/);
  });

  it('runs examples/03-parameters as the CI job does (uses: ./ with a parameters file)', async () => {
    const ws = workspace();
    fs.cpSync(path.join(REPO_ROOT, 'examples'), ws.path('examples'), { recursive: true });
    const r = await runStep(ws, {
      inputs: { pipeline: 'examples/03-parameters/parameters.yaml', parameters: 'examples/03-parameters/params.yaml' },
    });
    expectCode(r, 0);
    expect(r.outputs.status).toBe('SUCCESS');
    expect(r.outputs['run-id']).toMatch(/^[a-z]+-[a-z]+-\d{4}-[0-9a-f]{4}$/);
    expect(r.stdout).toContain('the message was: Hello, world!');
    expect(r.summary).toMatch(/\| shout \| ✅ SUCCESS \| 1 \| [^|]+ \| loud="HELLO, WORLD!", words=2 \|/);
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`is cancelled by ${signal}: the task is stopped, exit ${code}, outputs and summary written`, async () => {
      const ws = workspace({ 'pipeline.yaml': SLOW });
      const started = Date.now();
      let sent = false;
      const r = await runStep(ws, {
        inputs: { pipeline: 'pipeline.yaml', 'run-id': `cancel-${code}` },
        onOutput: (child, stdout) => {
          if (!sent && stdout.includes('waiting now')) {
            sent = true;
            child.kill(signal);
          }
        },
      });
      expectCode(r, code);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(r.outputs.status).toBe('FAIL');
      expect(r.outputs['run-id']).toBe(`cancel-${code}`);
      expect(r.summary).toMatch(new RegExp(`^## ⏹️ runnable: CANCELLED`));
      expect(r.summary).toContain(`the run was cancelled by ${signal}`);
      expect(r.summary).toMatch(/\| wait \| ❌ FAIL \|/);
      expect(r.stdout).toContain(`::error::the run was cancelled by ${signal}.`);
      expect(ws.runLog(`cancel-${code}`).status).toBe('FAIL');
    });
  }

  it('post: exits 0 without Docker, and without a run', async () => {
    const ws = workspace();
    const noDocker = await runStep(ws, {
      env: postEnv({ isPost: 'true', runId: 'some-run' }, { DOCKER_HOST: `unix://${ws.path('no-docker.sock')}` }),
    });
    expectCode(noDocker, 0);
    expect(noDocker.stdout).toContain('Docker does not answer');
    const noRun = await runStep(ws, { env: postEnv({ isPost: 'true' }) });
    expectCode(noRun, 0);
    expect(noRun.stdout).toContain('no run was started');
  });

  describe.skipIf(NO_DOCKER)('post with a Docker engine', () => {
    const client = new DockerClient();
    const runId = `post-test-${randomUUID().slice(0, 8)}`;
    afterAll(async () => {
      await client.removeContainers({ 'runnable.run-id': runId }).catch(() => undefined);
    });

    it("removes the run's leftover containers and leaves the others", async () => {
      await client.ping();
      const docker = (client as unknown as { docker: import('dockerode') }).docker;
      const leftover = await docker.createContainer({
        Image: IMAGE,
        Cmd: ['sleep', '300'],
        Labels: { 'runnable.run-id': runId, 'runnable.step': 'wait' },
      });
      await leftover.start();
      const other = await docker.createContainer({ Image: IMAGE, Cmd: ['true'], Labels: { 'runnable.run-id': `${runId}-other` } });
      try {
        const ws = workspace();
        const r = await runStep(ws, { env: postEnv({ isPost: 'true', runId }) });
        expectCode(r, 0);
        expect(r.stdout).toContain(`removed 1 container of run ${runId}: ${leftover.id.slice(0, 12)}`);
        await expect(leftover.inspect()).rejects.toThrow();
        await expect(other.inspect()).resolves.toBeTruthy();
      } finally {
        await other.remove({ force: true }).catch(() => undefined);
      }
    });
  });
});
