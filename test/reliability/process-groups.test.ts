// What a task leaves behind never holds the run (issue 12): `sleep 1000 &` in shell, `subprocess.Popen` (and an
// orphaned grandchild) in python and in a notebook are stopped when the task ends or is cancelled, and the CLI
// ends without waiting for them. Every leftover sleeps 1000 s: had the run waited, the CLI helper's 60 s bound
// fails the test; nothing is timed. Also: TypeScript tasks in parallel branches each see their own process.env,
// and the emulator's step processes get the env secrets their task declares.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { builtCli, cliEnv, expectExit, runCli } from '../helpers/cli.js';
import { gone } from '../helpers/processes.js';
import { dedent, workspace } from '../helpers/workspace.js';

const pids = (text: string) => text.trim().split(/\s+/).map(Number);

const PY = dedent(`
  import os, subprocess, time
  def popen():
      child = subprocess.Popen(["sleep", "1000"])
      orphaned = subprocess.run(["sh", "-c", "sleep 1000 >/dev/null 2>&1 & echo $!"], capture_output=True, text=True).stdout.strip()
      with open("py-leftovers", "a") as f:
          f.write(f"{child.pid} {orphaned}\\n")
      return os.getpid()
  def same_worker():
      return os.getpid()
  def popen_then_wait():
      child = subprocess.Popen(["sleep", "1000"])
      with open("cancel-leftover", "w") as f:
          f.write(str(child.pid))
      time.sleep(1000)
`);

describe('leftover processes', () => {
  it('shell, python and notebook tasks: what they leave running is stopped, the run and the CLI end, the worker stays', async () => {
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: [source] });
    const ws = workspace({
      'tasks.py': PY,
      'nb.ipynb': JSON.stringify({
        cells: [cell('import subprocess\nc = subprocess.Popen(["sleep", "1000"])\nopen("nb-leftover", "w").write(str(c.pid))\n')],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      }),
      'p.yaml': dedent(`
        dag:
          start_at: sh
          steps:
            sh:
              type: task
              command_type: shell
              command: sleep 1000 & echo $! > sh-leftover; (sleep 1000 &) ; echo done
              next: py
            py: {type: task, command: tasks.popen, returns: [first], next: nb}
            nb: {type: task, command_type: notebook, command: nb.ipynb, next: again}
            again: {type: task, command: tasks.same_worker, returns: [second], next: success}
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'leftovers'], { cwd: ws.dir });
    expectExit(r, 0);
    const log = ws.runLog('leftovers');
    expect(log.status).toBe('SUCCESS');
    // the long-lived worker survived the cleanup of its call's leftovers: the same interpreter ran the last step
    expect(log.parameters.second.value).toBe(log.parameters.first.value);
    for (const pid of [...pids(ws.read('sh-leftover')), ...pids(ws.read('py-leftovers')), ...pids(ws.read('nb-leftover'))]) {
      expect(await gone(pid)).toBe(true);
    }
  });

  it('a leftover that ignores SIGTERM gets SIGKILL after the grace period; the step is not held by it', async () => {
    const ws = workspace({
      'p.yaml': dedent(`
        dag:
          start_at: stubborn
          steps:
            stubborn:
              type: task
              command_type: shell
              command: (trap "" TERM; sleep 1000) & echo $! > stubborn; echo left
              next: success
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'stubborn'], { cwd: ws.dir });
    expectExit(r, 0);
    expect(r.output).toContain('left');
    expect(await gone(Number(ws.read('stubborn')))).toBe(true);
  });

  it('cancelled while a python call waits: the CLI exits 143, the step is "cancelled", the call\'s child is stopped', async () => {
    const ws = workspace({
      'tasks.py': PY,
      'p.yaml': 'dag:\n  start_at: py\n  steps:\n    py: {type: task, command: tasks.popen_then_wait, next: success}\n',
    });
    const child = spawn(process.execPath, [builtCli(), 'execute', 'p.yaml', 'cancel-py'], {
      cwd: ws.dir,
      env: cliEnv(ws.dir),
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    for (let i = 0; i < 400 && !ws.exists('cancel-leftover'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(ws.exists('cancel-leftover')).toBe(true);
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))]);
    if (code === 'still running') child.kill('SIGKILL');
    expect(code).toBe(143);
    const log = ws.runLog('cancel-py');
    expect(log.status).toBe('FAIL');
    expect(log.steps.py.attempts.map((a) => a.message)).toEqual(['cancelled']);
    expect(await gone(Number(ws.read('cancel-leftover')))).toBe(true);
  });
});

describe('TypeScript tasks and the environment', () => {
  it('two parallel branches each see their own secret and their own writes to process.env', async () => {
    const ws = workspace({
      'env.mjs': dedent(`
        export async function show({ branch }) {
          process.env.WRITTEN_BY = branch;
          await new Promise((r) => setTimeout(r, 300));
          // reversed: a returned secret would be masked (secret-parameters.test.ts)
          const rev = (v) => (v ?? '-').split('').reverse().join('');
          const seen = [branch, rev(process.env.TOKEN_A), rev(process.env.TOKEN_B), process.env.WRITTEN_BY, 'TOKEN_A' in process.env, Object.keys(process.env).includes('TOKEN_B')];
          return seen.join(' ');
        }
      `),
      'params.yaml': 'branch: none\n',
      'config.yaml': 'pipeline-executor:\n  type: local\n  config: {enable_parallel: true}\nrun-log-store:\n  type: chunked-fs\n',
      'p.yaml': dedent(`
        dag:
          start_at: both
          steps:
            both:
              type: parallel
              branches:
                a:
                  start_at: set
                  steps:
                    set: {type: task, command_type: shell, command: "export branch=a", returns: [branch], next: ts}
                    ts: {type: task, command_type: typescript, command: "env.mjs:show", secrets: [TOKEN_A], returns: [seen_a], next: success}
                b:
                  start_at: set
                  steps:
                    set: {type: task, command_type: shell, command: "export branch=b", returns: [branch], next: ts}
                    ts: {type: task, command_type: typescript, command: "env.mjs:show", secrets: [TOKEN_B], returns: [seen_b], next: success}
              next: success
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'ts-env', '-c', 'config.yaml', '--parameters-file', 'params.yaml'], {
      cwd: ws.dir,
      env: { TOKEN_A: 'token-for-a', TOKEN_B: 'token-for-b' },
    });
    expectExit(r, 0);
    const show = await runCli(['show', 'ts-env', '-c', 'config.yaml', '--format', 'json'], { cwd: ws.dir });
    expectExit(show, 0);
    const params = (JSON.parse(show.stdout) as { parameters: Record<string, { value: unknown }> }).parameters;
    expect(params.seen_a.value).toBe('a a-rof-nekot - a true false');
    expect(params.seen_b.value).toBe('b - b-rof-nekot b false true');
  });

  it('in-process calls leave process.env as it was, and writes outside a task reach the real environment', async () => {
    const { runTypescriptTask } = await import('../../src/tasks/typescript-task.js');
    const base = { task: { command: 'x', command_type: 'typescript', returns: [{ name: 'v', kind: 'json' }], secrets: [] } } as never;
    const call = (env: Record<string, string>, fn: () => unknown) =>
      runTypescriptTask({ ...(base as object), params: {}, iterVariables: {}, baseEnv: {}, env, output: () => {} } as never, fn);
    const before = process.env.RUNNABLE_TEST_VIEW;
    const [one, two] = await Promise.all([
      call({ RUNNABLE_TEST_VIEW: 'one' }, async () => {
        await new Promise((r) => setTimeout(r, 50));
        return process.env.RUNNABLE_TEST_VIEW;
      }),
      call({ RUNNABLE_TEST_VIEW: 'two' }, () => process.env.RUNNABLE_TEST_VIEW),
    ]);
    expect([one.outputs.v.value, two.outputs.v.value]).toEqual(['one', 'two']);
    expect(process.env.RUNNABLE_TEST_VIEW).toBe(before);
    process.env.RUNNABLE_TEST_OUTSIDE = '1';
    expect(process.env.RUNNABLE_TEST_OUTSIDE).toBe('1');
    expect(Object.keys(process.env)).toContain('RUNNABLE_TEST_OUTSIDE');
    delete process.env.RUNNABLE_TEST_OUTSIDE;
    expect('RUNNABLE_TEST_OUTSIDE' in process.env).toBe(false);
  });
});

describe('emulator and env secrets', () => {
  it('the step process gets the env secrets its task declares (masked in the output), and no other', async () => {
    const ws = workspace({
      'config.yaml': 'pipeline-executor:\n  type: emulator\n',
      'p.yaml': dedent(`
        dag:
          start_at: use
          steps:
            use:
              type: task
              command_type: shell
              command: 'echo "has $API_TOKEN"; echo "${'$'}{API_TOKEN}" > got; echo "${'$'}{OTHER:-none}" > other'
              secrets: [API_TOKEN]
              next: later
            later: {type: task, command_type: shell, command: "true", secrets: [OTHER], next: success}
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'emu-secret', '-c', 'config.yaml'], {
      cwd: ws.dir,
      env: { API_TOKEN: 'emulated-secret-7', OTHER: 'other-secret-8' },
    });
    expectExit(r, 0);
    expect(ws.read('got').trim()).toBe('emulated-secret-7');
    expect(ws.read('other').trim()).toBe('none');
    expect(r.output).toContain('has ***');
    expect(r.output).not.toContain('emulated-secret-7');
  });
});
