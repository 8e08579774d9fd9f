// One run, one writer (issue 12): two `execute` with one run id at once -> one runs, the others are refused
// before anything runs; `retry` of a live run is refused naming the process that holds it; a lock left by a
// killed run (dead pid) is taken over; and after `kill -9` a retry does not run finished steps again (the
// file-system store writes a step's end before the next step starts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtCli, cliEnv, expectExit, runCli } from '../helpers/cli.js';
import { dedent, workspace } from '../helpers/workspace.js';

const COUNTING = dedent(`
  dag:
    start_at: count
    steps:
      count:
        type: task
        command_type: shell
        command: echo ran >> runs.txt && sleep 0.3
        next: success
`);

// `first` finishes, then `second` says it started and waits to be killed (or, once released, succeeds).
const TWO_STEPS = dedent(`
  dag:
    start_at: first
    steps:
      first:
        type: task
        command_type: shell
        command: echo ran >> first-runs.txt
        next: second
      second:
        type: task
        command_type: shell
        command: |
          echo started >> second-runs.txt
          while [ ! -f release ]; do sleep 0.1; done
        next: success
`);

async function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('one run, one writer', () => {
  it('of four `execute` with the same run id at once, one runs and three are refused with exit 2', async () => {
    const ws = workspace({ 'p.yaml': COUNTING });
    const results = await Promise.all([1, 2, 3, 4].map(() => runCli(['execute', 'p.yaml', 'same-id'], { cwd: ws.dir })));
    const codes = results.map((r) => r.code).sort();
    expect(codes, results.map((r) => r.output).join('\n---\n')).toEqual([0, 2, 2, 2]);
    for (const r of results.filter((x) => x.code === 2)) {
      expect(r.stderr).toMatch(/run "same-id" is being run by process \d+|a run with id "same-id" already exists/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(ws.read('runs.txt')).toBe('ran\n');
    expect(ws.runLog('same-id').status).toBe('SUCCESS');
    expect(ws.list('.run_log_store')).toEqual(['same-id.json']);
  });

  it('refuses to retry a live run, naming its process; after kill -9 takes the stale lock over and runs only what did not finish', async () => {
    const ws = workspace({ 'p.yaml': TWO_STEPS });
    const child = spawn(process.execPath, [builtCli(), 'execute', 'p.yaml', 'live'], {
      cwd: ws.dir,
      env: cliEnv(ws.dir),
      stdio: 'ignore',
      detached: true,
    });
    try {
      await waitFor(() => ws.exists('second-runs.txt'), 'the second step to start');
      const lock = JSON.parse(ws.read('.run_log_store/live.lock')) as { pid: number };
      expect(lock.pid).toBe(child.pid);

      const refused = await runCli(['retry', 'live'], { cwd: ws.dir });
      expectExit(refused, 2);
      expect(refused.stderr).toContain(`run "live" is being run by process ${child.pid} on this machine`);
      // the finished first step is on disk although the run goes on
      expect(ws.runLog('live').steps.first.status).toBe('SUCCESS');
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
    await new Promise((r) => child.once('exit', r));
    expect(ws.exists('.run_log_store/live.lock')).toBe(true); // left behind by the killed process
    expect(ws.runLog('live').status).toBe('PROCESSING');

    ws.write('release', '');
    const retry = await runCli(['retry', 'live'], { cwd: ws.dir });
    expectExit(retry, 0);
    expect(ws.read('first-runs.txt')).toBe('ran\n'); // not run again
    expect(ws.read('second-runs.txt')).toBe('started\nstarted\n');
    expect(ws.runLog('live').status).toBe('SUCCESS');
    expect(ws.exists('.run_log_store/live.lock')).toBe(false);
  });

  it('an empty RUNNABLE_RUN_ID means unset: a run id is generated', async () => {
    const ws = workspace({ 'p.yaml': COUNTING });
    const r = await runCli(['execute', 'p.yaml'], { cwd: ws.dir, env: { RUNNABLE_RUN_ID: '' } });
    expectExit(r, 0);
    const logs = ws.list('.run_log_store');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^[a-z]+-[a-z]+-\d{4}-[0-9a-f]{4}\.json$/);
    expect(fs.existsSync(ws.path('runs.txt'))).toBe(true);
  });
});
