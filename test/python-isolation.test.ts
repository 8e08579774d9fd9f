// Python tasks share one long-lived interpreter per lane by default; RUNNABLE_PYTHON_ISOLATION=process gives
// each task a fresh one.
import { describe, expect, it } from 'vitest';
import { expectExit, runCli } from './helpers/cli.js';
import { dedent, workspace } from './helpers/workspace.js';

const FILES = {
  'pipeline.yaml': dedent(`
    dag:
      start_at: first
      steps:
        first:
          type: task
          command: functions.pid
          returns: [first_pid]
          next: second
        second:
          type: task
          command: functions.pid
          returns: [second_pid]
          next: success
  `),
  'functions.py': 'import os\n\ndef pid():\n    return os.getpid()\n',
};

describe('python isolation', () => {
  it('reuses one interpreter across tasks by default', async () => {
    const ws = workspace(FILES);
    expectExit(await runCli(['execute', 'pipeline.yaml', 'shared'], { cwd: ws.dir }), 0);
    const p = ws.runLog('shared').parameters;
    expect(p.first_pid.value).toBe(p.second_pid.value);
  });
  it('starts a fresh interpreter per task with RUNNABLE_PYTHON_ISOLATION=process', async () => {
    const ws = workspace(FILES);
    expectExit(await runCli(['execute', 'pipeline.yaml', 'fresh'], { cwd: ws.dir, env: { RUNNABLE_PYTHON_ISOLATION: 'process' } }), 0);
    const p = ws.runLog('fresh').parameters;
    expect(p.first_pid.value).not.toBe(p.second_pid.value);
  });
  it('refuses an unknown isolation with exit 2', async () => {
    const ws = workspace(FILES);
    const r = await runCli(['execute', 'pipeline.yaml', 'bad'], { cwd: ws.dir, env: { RUNNABLE_PYTHON_ISOLATION: 'thread' } });
    expectExit(r, 2);
    expect(r.stderr).toContain('RUNNABLE_PYTHON_ISOLATION=thread');
  });
});
