// Cancellation that stops, and secrets masked from the start (issue 12): a task cancelled in attempt 1 of 3 starts
// no attempt 2, its step is FAIL "cancelled" and the CLI exits 143; a declared secret printed by an earlier step
// is masked; a `**` put never copies the catalog's own folder.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { builtCli, cliEnv, expectExit, runCli } from '../helpers/cli.js';
import { dedent, workspace } from '../helpers/workspace.js';

async function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('cancellation', () => {
  it('SIGTERM during attempt 1 of 3: no attempt 2, the step FAILs "cancelled", the run FAILs, exit 143', async () => {
    const ws = workspace({
      'p.yaml': dedent(`
        dag:
          start_at: slow
          steps:
            slow:
              type: task
              command_type: shell
              command: echo "$RUNNABLE_STEP_ATTEMPT" >> attempts.txt; sleep 30
              max_attempts: 3
              next: success
      `),
    });
    const child = spawn(process.execPath, [builtCli(), 'execute', 'p.yaml', 'cancelled'], {
      cwd: ws.dir,
      env: cliEnv(ws.dir),
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await waitFor(() => ws.exists('attempts.txt'), 'attempt 1 to start');
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
    if (code === 'still running') child.kill('SIGKILL');
    expect(code).toBe(143);
    expect(ws.read('attempts.txt')).toBe('1\n');
    const log = ws.runLog('cancelled');
    expect(log.status).toBe('FAIL');
    expect(log.steps.slow.status).toBe('FAIL');
    expect(log.steps.slow.attempts).toHaveLength(1);
    expect(log.steps.slow.attempts[0].message).toBe('cancelled');
    expect(ws.exists('.run_log_store/cancelled.lock')).toBe(false);
  });
});

describe('secrets', () => {
  it('a declared secret is masked from the start of the run: a step before the one that declares it prints ***', async () => {
    const ws = workspace({
      'value.txt': 's3cret-value-42\n',
      'p.yaml': dedent(`
        dag:
          start_at: early
          steps:
            early:
              type: task
              command_type: shell
              command: echo "early sees $(cat value.txt)"
              next: user
            user:
              type: task
              command_type: shell
              command: echo "user has $API_TOKEN"
              secrets: [API_TOKEN]
              next: success
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'masked'], { cwd: ws.dir, env: { API_TOKEN: 's3cret-value-42' } });
    expectExit(r, 0);
    expect(r.output).toContain('early sees ***');
    expect(r.output).toContain('user has ***');
    expect(r.output).not.toContain('s3cret-value-42');
    for (const f of ws.walk('.catalog')) expect(ws.read(`.catalog/${f}`)).not.toContain('s3cret-value-42');
  });

  it('`**` never copies the catalog into itself, wherever the catalog is configured', async () => {
    const ws = workspace({
      'config.yaml': 'catalog:\n  type: file-system\n  config:\n    catalog_location: store/catalog\n',
      'p.yaml': dedent(`
        dag:
          start_at: one
          steps:
            one:
              type: task
              command_type: shell
              command: mkdir -p out && echo 1 > out/a.txt
              catalog: {put: ["**/*.txt"]}
              next: two
            two:
              type: task
              command_type: shell
              command: echo 2 > out/b.txt
              catalog: {put: ["**/*.txt"]}
              next: success
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'cat', '-c', 'config.yaml'], { cwd: ws.dir });
    expectExit(r, 0);
    expect(ws.walk('store/catalog/cat').filter((f) => f.endsWith('.txt'))).toEqual(['out/a.txt', 'out/b.txt']);
  });
});
