// The local-container executor against a REAL Docker engine (scripts/ci/docker-up.sh) with the images of
// scripts/ci/build-test-images.sh: every task and stub of a run in its own container, the CLI bundle mounted in.
// Runs go through the built CLI (`npm run build` first), as a user runs them. RUNNABLE_TEST_NO_DOCKER=1 skips
// this file; otherwise a missing engine or image is a failure that says how to get one.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../src/services/builtins.js';
import '../src/executors/builtins.js';
import { loadConfig } from '../src/config/config-file.js';
import { effectiveSettings, localContainerConfigSchema, parseMemory, parseVolume } from '../src/executors/container/container-settings.js';
import { DockerClient } from '../src/executors/container/docker-client.js';
import type { RunLog, StepLog } from '../src/services/run-log/model.js';
import { REPO_ROOT, builtCli, cliEnv, expectExit, runCli } from './helpers/cli.js';
import { dedent, workspace, type Workspace } from './helpers/workspace.js';

const NODE_IMAGE = 'runnable-test/node-python:1';
const NO_NODE_IMAGE = 'runnable-test/no-node:1';
const skip = process.env.RUNNABLE_TEST_NO_DOCKER === '1';
// every run id of this file starts with it: afterAll removes whatever a failed test left behind
const PREFIX = `lc${randomBytes(3).toString('hex')}`;
let seq = 0;
const runId = (name: string) => `${PREFIX}-${name}-${++seq}`;

/** The executor config of the tests: the test image, never pulled, no network; `extra` lines go under `config:`. */
function containerConfig(extra: string[] = [], store = 'file-system'): string {
  return [
    'pipeline-executor:',
    '  type: local-container',
    '  config:',
    `    docker_image: ${NODE_IMAGE}`,
    '    pull_policy: never',
    '    network: none',
    ...extra.map((l) => `    ${l}`),
    'run-log-store:',
    `  type: ${store}`,
    '',
  ].join('\n');
}

const docker = new Docker();

async function containersOf(id: string, all = true) {
  return docker.listContainers({ all, filters: { label: [`runnable.run-id=${id}`] } });
}

/** Polls the engine until a container of the run is running (started, not just created). */
async function waitForRunningContainer(id: string, child: ChildProcess, output: () => string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the CLI exited (${child.exitCode}) before a container ran:\n${output()}`);
    const running = await containersOf(id, false);
    if (running.length) return running[0];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no container of run ${id} was running after ${timeoutMs} ms:\n${output()}`);
}

/** Starts the CLI without waiting for it, for tests that act while it runs. */
function startCli(args: string[], ws: Workspace) {
  const child = spawn(process.execPath, [builtCli(), ...args], { cwd: ws.dir, env: cliEnv(ws.dir), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => out };
}

/** Every step log at every depth, by internal name. */
function allSteps(log: RunLog): Record<string, StepLog> {
  const out: Record<string, StepLog> = {};
  const walk = (steps: Record<string, StepLog>) => {
    for (const [k, s] of Object.entries(steps)) {
      out[k] = s;
      for (const b of Object.values(s.branches ?? {})) walk(b.steps);
    }
  };
  walk(log.steps);
  return out;
}

function expectWhole(log: RunLog): void {
  expect(log.status).not.toBe('PROCESSING');
  for (const [name, s] of Object.entries(allSteps(log))) {
    expect([name, s.status]).not.toEqual([name, 'PROCESSING']);
    expect([name, s.status]).not.toEqual([name, 'CREATED']);
  }
}

describe.skipIf(skip)('local-container executor (real engine)', () => {
  beforeAll(async () => {
    const client = new DockerClient();
    try {
      await client.ping();
    } catch (err) {
      throw new Error(
        `${(err as Error).message}\nThese tests need a real engine: run \`bash scripts/ci/docker-up.sh\` then ` +
          '`bash scripts/ci/build-test-images.sh` (as root), or set RUNNABLE_TEST_NO_DOCKER=1 to skip them.',
        { cause: err },
      );
    }
    for (const image of [NODE_IMAGE, NO_NODE_IMAGE]) {
      try {
        await client.imageInfo(image);
      } catch (err) {
        throw new Error(`${(err as Error).message}\nBuild the test images with \`bash scripts/ci/build-test-images.sh\`.`, { cause: err });
      }
    }
    builtCli(); // fails early with "run npm run build" when there is no bundle
  });

  afterAll(async () => {
    if (skip) return;
    const left = await docker.listContainers({ all: true, filters: { label: ['runnable.run-id'] } });
    for (const c of left.filter((c) => c.Labels['runnable.run-id']?.startsWith(PREFIX))) {
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
    }
  });

  it('runs each step in the image of its override, with its environment, and records the image digest', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: a
          steps:
            a:
              type: task
              command_type: shell
              command: |
                echo "a runs in $(pwd)"
                export who_a="$WHO"
                export var_seen="$colour"
              returns: [who_a, var_seen]
              next: b
            b:
              type: task
              command_type: shell
              command: export who_b="$WHO"
              returns: [who_b]
              overrides:
                local-container: other_env
              next: check
            check:
              type: task
              command: functions.check
              returns: [summary]
              next: done
            done:
              type: stub
              next: success
      `),
      'functions.py': 'def check(who_a, who_b):\n    return f"{who_a}-{who_b}"\n',
      'config.yaml': containerConfig(['environment:', '  WHO: a', 'overrides:', '  other_env:', '    environment:', '      WHO: b']),
    });
    const id = runId('override');
    const r = await runCli(['execute', 'pipeline.yaml', id, '-c', 'config.yaml'], {
      cwd: ws.dir,
      env: { RUNNABLE_VAR_colour: 'blue' },
      timeoutMs: 90_000,
    });
    expectExit(r, 0);
    // live output, prefixed with the step name by the console reporter
    expect(r.stdout).toMatch(new RegExp(`\\[a\\] a runs in ${ws.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const log = ws.runLog(id);
    expect(log.status).toBe('SUCCESS');
    expect(log.parameters.who_a).toMatchObject({ kind: 'json', value: 'a' });
    expect(log.parameters.who_b).toMatchObject({ kind: 'json', value: 'b' });
    expect(log.parameters.summary).toMatchObject({ kind: 'json', value: 'a-b' });
    // RUNNABLE_VAR_colour reaches the container as colour (runnable strips the prefix)
    expect(log.parameters.var_seen).toMatchObject({ kind: 'json', value: 'blue' });
    const digest = (await new DockerClient().imageInfo(NODE_IMAGE)).digest;
    for (const name of ['a', 'b', 'check', 'done']) {
      const ids = log.steps[name].attempts[0].code_identities;
      expect(
        ids.find((c) => c.code_identifier_type === 'docker'),
        name,
      ).toEqual({
        code_identifier: digest,
        code_identifier_type: 'docker',
        code_identifier_dependable: true,
        code_identifier_url: 'local docker host',
        code_identifier_message: '',
      });
    }
    expect(await containersOf(id)).toEqual([]);
  }, 120_000);

  it('refuses an override key no config defines, naming the step and the known keys (exit 2, nothing run)', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: a
          steps:
            a:
              type: task
              command_type: shell
              command: echo a
              overrides:
                local-container: gpu
              next: success
      `),
      'config.yaml': containerConfig(['overrides:', '  big: {memory: 1g}', '  small: {memory: 64m}']),
    });
    const id = runId('unknown-override');
    const r = await runCli(['execute', 'pipeline.yaml', id, '-c', 'config.yaml'], { cwd: ws.dir });
    expectExit(r, 2);
    expect(r.stderr).toMatch(/step "a": no override "gpu" in the overrides of the local-container executor \(known: big, small\)/);
    expect(r.stderr).toContain('Fix: use one of big, small');
    expect(await containersOf(id)).toEqual([]);
  });

  it('refuses an image without node before any step runs (exit 3, the fix named)', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: a
          steps:
            a:
              type: task
              command_type: shell
              command: touch ran-a
              next: b
            b:
              type: task
              command_type: shell
              command: echo b
              overrides:
                local-container: bare
              next: success
      `),
      'config.yaml': containerConfig(['overrides:', '  bare:', `    docker_image: ${NO_NODE_IMAGE}`]),
    });
    const id = runId('no-node');
    const r = await runCli(['execute', 'pipeline.yaml', id, '-c', 'config.yaml'], { cwd: ws.dir });
    expectExit(r, 3);
    expect(r.stderr).toContain(`error: docker: Docker image "${NO_NODE_IMAGE}" (used by step "b") has no usable node`);
    expect(r.stderr).toMatch(/node 20 or later/);
    expect(r.stderr).toMatch(/Use an image with node >= 20/);
    expect(ws.exists('ran-a'), 'step a ran although the run was refused').toBe(false);
    expect(await containersOf(id)).toEqual([]);
  });

  it('a failing container fails its step, and on_failure routing goes on', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: breaks
          steps:
            breaks:
              type: task
              command_type: shell
              command: echo "about to fail"; exit 3
              on_failure: no_python
              next: never
            never:
              type: stub
              next: success
            no_python:
              type: task
              command: functions.anything
              overrides:
                local-container: no_python
              on_failure: recover
              next: never
            recover:
              type: task
              command_type: shell
              command: export recovered=yes
              returns: [recovered]
              next: success
      `),
      'functions.py': 'def anything():\n    return None\n',
      // the worker pool inside finds no interpreter, as in an image without python3
      'config.yaml': containerConfig(['overrides:', '  no_python:', '    environment:', '      RUNNABLE_PYTHON: /nonexistent/python3']),
    });
    const id = runId('fails');
    const r = await runCli(['execute', 'pipeline.yaml', id, '-c', 'config.yaml'], { cwd: ws.dir, timeoutMs: 90_000 });
    expectExit(r, 0);
    expect(r.stdout).toContain('[breaks] about to fail');
    const log = ws.runLog(id);
    expect(log.steps.breaks.status).toBe('FAIL');
    expect(log.steps.breaks.attempts.map((a) => a.status)).toEqual(['FAIL']);
    expect(log.steps.never).toBeUndefined();
    // a step the container could not record: the host records the attempt, with what went wrong inside
    expect(log.steps.no_python.status).toBe('FAIL');
    expect(log.steps.no_python.attempts).toHaveLength(1);
    expect(log.steps.no_python.attempts[0].message).toMatch(
      /^the container exited with code 3 before the step was recorded: The Python interpreter "\/nonexistent\/python3" was not found/,
    );
    expect(log.steps.recover.status).toBe('SUCCESS');
    expect(log.parameters.recovered).toMatchObject({ kind: 'json', value: 'yes' });
    expect(log.status).toBe('SUCCESS');
    expectWhole(log);
  }, 90_000);

  it('runs map branches in parallel containers with chunked-fs, every branch log written back', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: fan
          steps:
            fan:
              type: map
              iterate_on: items
              iterate_as: item
              branch:
                start_at: shell
                steps:
                  shell:
                    type: task
                    command_type: shell
                    command: |
                      echo "shell $item"
                      export doubled=$((item * 2))
                    returns: [doubled]
                    next: py
                  py:
                    type: task
                    command: functions.square
                    returns: [squared]
                    next: success
              next: success
      `),
      'functions.py':
        'import time\n\ndef square(item, doubled):\n    time.sleep(1)\n    print("py", item, doubled)\n    return item * doubled\n',
      'params.yaml': 'items: [1, 2, 3, 4]\n',
      'config.yaml': containerConfig(['enable_parallel: true', 'max_concurrency: 4'], 'chunked-fs'),
    });
    const id = runId('parallel');
    const r = await runCli(['execute', 'pipeline.yaml', id, '-c', 'config.yaml', '-p', 'params.yaml'], { cwd: ws.dir, timeoutMs: 150_000 });
    expectExit(r, 0);
    expect(r.output).not.toContain('warning: enable_parallel');
    const dir = ws.path(`.run_log_store/${id}`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['BranchLog-fan.1.json', 'BranchLog-fan.2.json', 'BranchLog-fan.3.json', 'BranchLog-fan.4.json', 'RunLog.json']);
    const windows: Array<[number, number]> = [];
    for (const i of [1, 2, 3, 4]) {
      const b = JSON.parse(fs.readFileSync(path.join(dir, `BranchLog-fan.${i}.json`), 'utf8'));
      expect(b.status, `branch ${i}`).toBe('SUCCESS');
      const shell = b.steps[`fan.${i}.shell`];
      const py = b.steps[`fan.${i}.py`];
      expect(shell.status).toBe('SUCCESS');
      expect(py.status).toBe('SUCCESS');
      expect(shell.attempts[0].output_parameters.doubled).toMatchObject({ kind: 'json', value: 2 * i });
      expect(py.attempts[0].output_parameters.squared).toMatchObject({ kind: 'json', value: 2 * i * i });
      expect(r.stdout).toContain(`[fan.${i}.shell] shell ${i}`);
      expect(r.stdout).toContain(`[fan.${i}.py] py ${i} ${2 * i}`);
      windows.push([Date.parse(shell.attempts[0].start_time), Date.parse(py.attempts[0].end_time)]);
    }
    // the branches overlapped in time: they did run at once
    const overlaps = windows.some(([s1, e1], i) => windows.some(([s2], j) => i !== j && s2 >= s1 && s2 < e1));
    expect(overlaps, JSON.stringify(windows)).toBe(true);
    const root = JSON.parse(fs.readFileSync(path.join(dir, 'RunLog.json'), 'utf8'));
    expect(root.status).toBe('SUCCESS');
    expect(root.parameters.squared.value).toEqual([2, 8, 18, 32]);
  }, 150_000);

  it('a container killed mid-step fails the step and the run, and the run log stays whole', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: slow
          steps:
            slow:
              type: task
              command_type: shell
              command: echo started; sleep 30
              next: success
      `),
      'config.yaml': containerConfig(),
    });
    const id = runId('killed');
    const cli = startCli(['execute', 'pipeline.yaml', id, '-c', 'config.yaml'], ws);
    const c = await waitForRunningContainer(id, cli.child, cli.output);
    expect(c.Labels['runnable.step']).toBe('slow');
    await new Promise((r) => setTimeout(r, 500)); // let `sleep 30` start
    await docker.getContainer(c.Id).kill();
    const { code } = await cli.exited;
    expect(code, cli.output()).toBe(1);
    const log = ws.runLog(id);
    expect(log.status).toBe('FAIL');
    expect(log.steps.slow.status).toBe('FAIL');
    const attempt = log.steps.slow.attempts.at(-1)!;
    expect(attempt.status).toBe('FAIL');
    expect(attempt.message).toMatch(/the container was killed \(SIGKILL, exit code 137/);
    expect(log.steps.fail?.status).toBe('SUCCESS'); // the fail node ran: traversal went on normally
    expectWhole(log);
    expect(await containersOf(id)).toEqual([]);
  }, 90_000);

  it('SIGTERM stops and removes the running containers; the CLI exits 143', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: slow
          steps:
            slow:
              type: task
              command_type: shell
              command: sleep 60
              next: success
      `),
      'config.yaml': containerConfig(),
    });
    const id = runId('sigterm');
    const cli = startCli(['execute', 'pipeline.yaml', id, '-c', 'config.yaml'], ws);
    await waitForRunningContainer(id, cli.child, cli.output);
    const t0 = Date.now();
    cli.child.kill('SIGTERM');
    const { code } = await cli.exited;
    expect(code, cli.output()).toBe(143);
    expect(Date.now() - t0, 'the CLI waited for the container instead of stopping it').toBeLessThan(20_000);
    expect(await containersOf(id)).toEqual([]);
    const log = ws.runLog(id);
    expect(log.status).toBe('FAIL');
    expectWhole(log);
  }, 90_000);

  it('auto_remove_container: false keeps the container and says its id', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: hello
          steps:
            hello:
              type: task
              command_type: shell
              command: echo kept-output
              next: success
      `),
      'config.yaml': containerConfig(['auto_remove_container: false']),
    });
    const id = runId('keep');
    const r = await runCli(['execute', 'pipeline.yaml', id, '-c', 'config.yaml'], { cwd: ws.dir });
    expectExit(r, 0);
    const kept = await containersOf(id);
    expect(kept).toHaveLength(1);
    const short = kept[0].Id.slice(0, 12);
    expect(r.stderr).toContain(`kept the container ${short} of step "hello" (auto_remove_container: false)`);
    expect(r.stderr).toContain(`docker rm ${short}`);
    expect(kept[0].Labels['runnable.step']).toBe('hello');
    const logs = (await docker.getContainer(kept[0].Id).logs({ stdout: true, stderr: true })).toString('utf8');
    expect(logs).toContain('kept-output');
    await docker.getContainer(kept[0].Id).remove({ force: true });
  }, 60_000);
});

describe('local-container settings (no engine needed)', () => {
  it('reads memory sizes as docker does, in binary units', () => {
    expect(parseMemory('512m')).toBe(512 * 1024 ** 2);
    expect(parseMemory('1g')).toBe(1024 ** 3);
    expect(parseMemory('1.5G')).toBe(1.5 * 1024 ** 3);
    expect(parseMemory('256MiB')).toBe(256 * 1024 ** 2);
    expect(parseMemory(1048576)).toBe(1048576);
    expect(parseMemory('lots')).toBeUndefined();
    expect(parseMemory('-1m')).toBeUndefined();
  });

  it('checks volumes: host:container[:ro|rw] with an absolute container path', () => {
    expect(parseVolume('./data:/data:ro')).toEqual({ source: './data', target: '/data', readOnly: true });
    expect(parseVolume('cache:/cache')).toEqual({ source: 'cache', target: '/cache', readOnly: false });
    expect(parseVolume('/data')).toMatch(/is not a volume/);
    expect(parseVolume('./d:data')).toMatch(/must be absolute/);
    expect(parseVolume('./d:/d:rx')).toMatch(/"ro" or "rw"/);
  });

  it('merges a node override shallowly over the global settings (as runnable), with the defaults', () => {
    const config = localContainerConfigSchema.parse({
      docker_image: 'app:1',
      environment: { A: 1, B: 'x' },
      memory: '1g',
      volumes: ['./data:/data:ro', 'cache:/cache'],
      user: 'image',
      overrides: { gpu: { docker_image: 'app:gpu', environment: { C: true }, cpus: 1.5 } },
    });
    const global = effectiveSettings(config, undefined, '/home/me/project');
    expect(global).toMatchObject({
      image: 'app:1',
      autoRemove: true,
      environment: { A: '1', B: 'x' },
      memoryBytes: 1024 ** 3,
      pullPolicy: 'if-not-present',
      mountCode: true,
      workingDir: '/home/me/project',
      user: undefined,
      volumes: [
        { source: '/home/me/project/data', target: '/data', readOnly: true },
        { source: 'cache', target: '/cache', readOnly: false },
      ],
    });
    expect(global.network).toBeUndefined();
    const gpu = effectiveSettings(config, config.overrides.gpu, '/home/me/project');
    expect(gpu).toMatchObject({ image: 'app:gpu', environment: { C: 'true' }, nanoCpus: 1.5e9, memoryBytes: 1024 ** 3 });
    const baked = effectiveSettings(localContainerConfigSchema.parse({ docker_image: 'app:1', mount_code: false }), undefined, '/p');
    expect(baked.workingDir).toBeUndefined();
  });

  it('refuses unknown and malformed settings with located errors', () => {
    const ws = workspace({
      'bad.yaml': dedent(`
        pipeline-executor:
          type: local-container
          config:
            docker_image: app:1
            memory: 3m
            pull_policy: sometimes
            volumes: ["/only-one-part"]
            overrides:
              x: {docker_imag: app:2}
      `),
      'missing.yaml': 'pipeline-executor:\n  type: local-container\n  config: {network: none}\n',
    });
    let message = '';
    try {
      loadConfig(ws.path('bad.yaml'));
    } catch (e) {
      message = (e as Error).message;
    }
    // each bad value is reported at its line (memory 3m, the pull policy, the volume, the override's typo)
    for (const at of ['bad.yaml:5:', 'bad.yaml:6:', 'bad.yaml:7:', 'bad.yaml:9:']) expect(message).toContain(at);
    expect(message).toMatch(/"docker_imag" is not a setting of the local-container pipeline-executor\. Did you mean "docker_image"\?/);
    expect(() => loadConfig(ws.path('missing.yaml'))).toThrow(/needs "docker_image"/);
  });

  it('the example configuration loads', () => {
    const c = loadConfig(path.join(REPO_ROOT, 'examples/configs/local-container.yaml'));
    expect(c.services['pipeline-executor'].type).toBe('local-container');
  });

  it('no engine: exit 3 with the one-paragraph fix, and no step runs', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: a
          steps:
            a: {type: task, command_type: shell, command: touch ran, next: success}
      `),
      'config.yaml': containerConfig(),
    });
    const r = await runCli(['execute', 'pipeline.yaml', runId('no-engine'), '-c', 'config.yaml'], {
      cwd: ws.dir,
      env: { DOCKER_HOST: `unix://${ws.path('no-docker.sock')}` },
    });
    expectExit(r, 3);
    expect(r.stderr).toMatch(/^error: docker: No Docker engine answered at DOCKER_HOST=unix:\/\/.*no-docker\.sock/m);
    expect(r.stderr).toContain('start Docker');
    expect(ws.exists('ran')).toBe(false);
  });
});
