// Input files that used to hang, crash or print a stack trace (issue 12): only regular files of a sane size are
// read; alias bombs and NUL characters are clean errors naming the file; a corrupt run-log file is reported per
// file by list, show, retry and timeline, and never hides the other runs; run ids read from data are checked
// before they name a file.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expectExit, runCli, type CliResult } from '../helpers/cli.js';
import { dedent, workspace } from '../helpers/workspace.js';

const STUB = dedent(`
  dag:
    start_at: s
    steps:
      s:
        type: stub
        next: success
`);

function expectClean(r: CliResult, mention: string | RegExp) {
  expectExit(r, 2);
  if (typeof mention === 'string') expect(r.stderr).toContain(mention);
  else expect(r.stderr).toMatch(mention);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('input files', () => {
  it('a FIFO, /dev/zero and a directory are refused without reading them', async () => {
    const ws = workspace({ 'p.yaml': STUB });
    execFileSync('mkfifo', [ws.path('fifo.yaml')]);
    const fifo = await runCli(['validate', 'fifo.yaml'], { cwd: ws.dir, timeoutMs: 15_000 });
    expectClean(fifo, /fifo\.yaml is not a regular file/);
    const zero = await runCli(['execute', 'p.yaml', '-p', '/dev/zero'], { cwd: ws.dir, timeoutMs: 15_000 });
    expectClean(zero, /\/dev\/zero is not a regular file/);
    const conf = await runCli(['validate', 'p.yaml', '-c', '/dev/zero'], { cwd: ws.dir, timeoutMs: 15_000 });
    expectClean(conf, /\/dev\/zero is not a regular file/);
    const dir = await runCli(['validate', '.'], { cwd: ws.dir });
    expectClean(dir, 'is a directory');
    expect(ws.exists('.run_log_store')).toBe(false);
  });

  it('a file over the size limit, a 50 MB string, an alias bomb and NUL characters are exit-2 errors naming the file', async () => {
    const bomb = ['x:', '  a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `  ${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9)
          .fill(`*${'abcdefghij'[i - 1]}`)
          .join(', ')}]`,
      );
    const ws = workspace({
      'p.yaml': STUB,
      'big.yaml': `${STUB}x: "${'y'.repeat(50 * 2 ** 20)}"\n`,
      'bomb.yaml': `${STUB}${bomb.join('\n')}\n`,
      'nul-key.yaml': `${STUB}"bad\\0key": 1\n`,
      'nul-value.yaml': 'seed: "a\0b"\n',
    });
    expectClean(await runCli(['validate', 'big.yaml'], { cwd: ws.dir }), /big\.yaml is 50\.0 MB, more than the 16 MB/);
    expectClean(await runCli(['validate', 'bomb.yaml'], { cwd: ws.dir }), /bomb\.yaml:1:1: its aliases expand to too much/);
    expectClean(await runCli(['validate', 'nul-key.yaml'], { cwd: ws.dir }), /nul-key\.yaml:7:1: this text holds a NUL character/);
    expectClean(
      await runCli(['execute', 'p.yaml', '-p', 'nul-value.yaml'], { cwd: ws.dir }),
      /nul-value\.yaml:1:7: this text holds a NUL character/,
    );
    expect(ws.exists('.run_log_store')).toBe(false);
  });
});

describe('corrupt run-log files', () => {
  it('list shows the good runs and reports each bad file; show, retry and timeline name the file', async () => {
    const ws = workspace({ 'p.yaml': STUB });
    expectExit(await runCli(['execute', 'p.yaml', 'good'], { cwd: ws.dir }), 0);
    ws.write('.run_log_store/truncated.json', '{"run_id": "truncated", "status": "FA');
    ws.write('.run_log_store/odd.json', '{"run_id": "odd", "status": "FAIL", "steps": {"s": {"name": "s"}}}');
    ws.write('.run_log_store/list.json', '[1, 2]');

    const list = await runCli(['list'], { cwd: ws.dir });
    expectClean(list, /invalid run log \(3 files\)/);
    expect(list.stdout).toContain('good');
    for (const f of [
      'truncated.json:1:1: this is not a run log: it is not JSON',
      'odd.json:1:1: this is not a run log: the step "s"',
      'list.json',
    ])
      expect(list.stderr).toContain(f);

    expectClean(await runCli(['show', 'truncated'], { cwd: ws.dir }), 'truncated.json');
    expectClean(await runCli(['retry', 'odd'], { cwd: ws.dir }), 'odd.json');
    expectClean(await runCli(['timeline', 'list'], { cwd: ws.dir }), 'list.json');
  });

  it('run ids from arguments and from run-log files are checked before they name a file', async () => {
    const ws = workspace({ 'p.yaml': STUB });
    expectExit(await runCli(['execute', 'p.yaml', 'good'], { cwd: ws.dir }), 0);
    const crafted = { ...ws.runLog('good'), run_id: '../escaped' };
    ws.write('sub/crafted.json', JSON.stringify(crafted));
    const timeline = await runCli(['timeline', 'crafted.json'], { cwd: ws.path('sub') });
    expectClean(timeline, /the run id "..\/escaped" \(the run log's run_id\) cannot be used/);
    expect(ws.exists('escaped.html')).toBe(false);
    expectClean(await runCli(['show', '../good'], { cwd: ws.dir }), /the run id "..\/good"/);
  });
});
