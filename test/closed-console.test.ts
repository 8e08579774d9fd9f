// Losing the console never loses the run: the built CLI with its stdout (and stderr) closed by the reader after
// the first line, as `runnable execute … | head -1` does. The run goes on, the later step runs, the run log ends
// SUCCESS (or FAIL for a failing pipeline), and no EPIPE crash is printed. A reader that stops reading is waited for:
// the output does not pile up in memory, and every line arrives.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtCli, cliEnv } from './helpers/cli.js';
import { dedent, workspace } from './helpers/workspace.js';

const pipeline = (last: string) =>
  dedent(`
    dag:
      start_at: chatty
      steps:
        chatty:
          type: task
          command_type: shell
          command: for i in $(seq 1 3000); do echo "line $i"; echo "err $i" >&2; done
          next: last
        last:
          type: task
          command_type: shell
          command: ${last}
          next: success
  `);

/** Runs the CLI and closes the read ends of stdout (and, if asked, stderr) once the first output arrives. */
function runWithReaderGone(dir: string, runId: string, closeStderr: boolean): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [builtCli(), 'execute', 'pipeline.yaml', runId], { cwd: dir, env: cliEnv(dir) });
    let stderr = '';
    child.stdout.once('data', () => {
      child.stdout.destroy();
      if (closeStderr) child.stderr.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed console', () => {
  it('does not stop the run: with stdout gone the later step runs and the run log ends SUCCESS', async () => {
    const ws = workspace({ 'pipeline.yaml': pipeline('echo done > done.txt') });
    const r = await runWithReaderGone(ws.dir, 'headed', false);
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.code).toBe(0);
    expect(ws.exists('done.txt')).toBe(true);
    expect(ws.runLog('headed').status).toBe('SUCCESS');
  });

  it('ends a failing run FAIL, not PROCESSING, with stdout and stderr both gone', async () => {
    const ws = workspace({ 'pipeline.yaml': pipeline('exit 3') });
    const r = await runWithReaderGone(ws.dir, 'headless', true);
    expect(r.code).toBe(1);
    expect(ws.runLog('headless').status).toBe('FAIL');
  });
});

describe('a slow console', () => {
  it('waits for a reader that stops reading instead of queueing the output in memory, and loses no line', async () => {
    // 1,000,000 lines of 100 bytes: 100 MB, written by the task in well under a second
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: flood
          steps:
            flood:
              type: task
              command_type: shell
              command: yes ${'y'.repeat(98)} | head -n 1000000
              next: success
      `),
    });
    const child = spawn(process.execPath, [builtCli(), 'execute', 'pipeline.yaml', 'slow'], { cwd: ws.dir, env: cliEnv(ws.dir) });
    const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
    let lines = 0;
    let peakWhilePaused = 0;
    child.stdout.once('data', () => {
      // the reader stops for 3 s: a CLI that queues would hold the whole 100 MB (several times that in RSS)
      child.stdout.pause();
      const probe = setInterval(() => (peakWhilePaused = Math.max(peakWhilePaused, rssKb())), 100);
      setTimeout(() => {
        clearInterval(probe);
        child.stdout.resume();
      }, 3000);
    });
    let rest = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      const parts = (rest + c).split('\n');
      rest = parts.pop()!;
      lines += parts.filter((l) => l.startsWith('[flood] yyyy')).length;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(lines).toBe(1_000_000);
    expect(peakWhilePaused).toBeGreaterThan(0);
    expect(peakWhilePaused).toBeLessThan(250 * 1024);
  }, 120_000);
});
