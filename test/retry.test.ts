// Resuming a failed run (runnable §3.5): RUNNABLE_RETRY_RUN_ID=<id> `runnable execute` with the same pipeline
// reuses the run log, skips what succeeded, appends attempts to what failed, and keeps the original parameters.

import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { dedent, workspace } from './helpers/workspace.js';

// `second` fails until the marker file exists; it records the seed parameter it saw.
const PIPELINE = dedent(`
  dag:
    start_at: first
    steps:
      first:
        type: task
        command_type: shell
        command: |
          echo ran >> first-runs.txt
          export prepared=yes
        returns: [prepared]
        next: second
      second:
        type: task
        command_type: shell
        command: |
          echo "seed=$seed attempt=$RUNNABLE_STEP_ATTEMPT" >> second-runs.txt
          test -f marker || exit 1
          export finished="$prepared-$seed"
        returns: [finished]
        next: success
`);

describe('RUNNABLE_RETRY_RUN_ID resumes a failed run', () => {
  it('skips the successful step, appends an attempt to the failed one, keeps the original parameters', async () => {
    const ws = workspace({ 'same.yaml': PIPELINE });
    const first = await runCli(['execute', 'same.yaml', 'resumable'], { cwd: ws.dir, env: { RUNNABLE_PRM_seed: '1' } });
    expect(first.code, first.output).toBe(1);
    const failed = ws.runLog('resumable');
    expect(failed.status).toBe('FAIL');
    expect(failed.steps.second.status).toBe('FAIL');

    ws.write('marker', '');
    const retry = await runCli(['execute', 'same.yaml'], {
      cwd: ws.dir,
      env: { RUNNABLE_RETRY_RUN_ID: 'resumable', RUNNABLE_RETRY_INDICATOR: 'r1', RUNNABLE_PRM_seed: '99' },
    });
    expect(retry.code, retry.output).toBe(0);
    // the same run: no second run log
    expect(ws.list('.run_log_store')).toEqual(['resumable.json']);
    const log = ws.runLog('resumable');
    expect(log.run_id).toBe('resumable');
    expect(log.status).toBe('SUCCESS');
    expect(log.dag_hash).toBe(failed.dag_hash);
    expect(log.run_config).toMatchObject({ is_retry: true, retry_indicator: 'r1' });

    // first: skipped, still one attempt, and its task did not run again
    expect(log.steps.first.attempts).toHaveLength(1);
    expect(log.steps.first.attempts[0].retry_indicator).toBe('');
    expect(ws.read('first-runs.txt')).toBe('ran\n');
    expect(retry.stdout).toMatch(/first skipped/);

    // second: [FAIL, SUCCESS], the new attempt carries the indicator
    expect(log.steps.second.status).toBe('SUCCESS');
    expect(log.steps.second.attempts.map((a) => [a.attempt_number, a.status, a.retry_indicator])).toEqual([
      [1, 'FAIL', ''],
      [2, 'SUCCESS', 'r1'],
    ]);
    // the original parameters, not RUNNABLE_PRM_seed=99; and first's output from the first run
    expect(ws.read('second-runs.txt')).toBe('seed=1 attempt=1\nseed=1 attempt=2\n');
    expect(log.parameters.seed.value).toBe(1);
    expect(log.parameters.finished.value).toBe('yes-1');
    expect(retry.stderr).toContain('keeps the parameters of the original run');
  });

  it('a failed map item runs again; the items that succeeded are skipped', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: each
          steps:
            each:
              type: map
              iterate_on: items
              iterate_as: item
              next: success
              branch:
                start_at: work
                steps:
                  work:
                    type: task
                    command_type: shell
                    command: |
                      echo "$item" >> ran.txt
                      if [ "$item" = 2 ]; then test -f marker || exit 1; fi
                      export out=$((item * 10))
                    returns: [out]
                    next: success
      `),
      'params.yaml': 'items: [1, 2, 3]\n',
    });
    const first = await runCli(['execute', 'pipeline.yaml', 'mapped', '-p', 'params.yaml'], { cwd: ws.dir });
    expect(first.code, first.output).toBe(1);
    expect(ws.runLog('mapped').steps.each.status).toBe('FAIL');
    expect(ws.read('ran.txt')).toBe('1\n2\n3\n');

    ws.write('marker', '');
    const retry = await runCli(['execute', 'pipeline.yaml', '-p', 'params.yaml'], {
      cwd: ws.dir,
      env: { RUNNABLE_RETRY_RUN_ID: 'mapped' },
    });
    expect(retry.code, retry.output).toBe(0);
    const log = ws.runLog('mapped');
    expect(log.status).toBe('SUCCESS');
    expect(log.steps.each.status).toBe('SUCCESS');
    expect(ws.read('ran.txt')).toBe('1\n2\n3\n2\n');
    const attempts = (n: number) => log.steps.each.branches[`each.${n}`].steps[`each.${n}.work`].attempts.map((a) => a.status);
    expect(attempts(1)).toEqual(['SUCCESS']);
    expect(attempts(2)).toEqual(['FAIL', 'SUCCESS']);
    expect(attempts(3)).toEqual(['SUCCESS']);
    expect(log.parameters.out.value).toEqual([10, 20, 30]);
  });

  it('a changed pipeline is refused (exit 2), naming what changed; the run log is untouched', async () => {
    const ws = workspace({ 'same.yaml': PIPELINE });
    const first = await runCli(['execute', 'same.yaml', 'changed', '-p', 'params.yaml'], { cwd: ws.dir, env: {} });
    // no params.yaml: refused before anything ran
    expect(first.code, first.output).toBe(2);
    const ok = await runCli(['execute', 'same.yaml', 'changed'], { cwd: ws.dir, env: { RUNNABLE_PRM_seed: '1' } });
    expect(ok.code, ok.output).toBe(1);
    const before = ws.read('.run_log_store/changed.json');

    ws.write(
      'same.yaml',
      PIPELINE.replace('test -f marker || exit 1', 'true').replace('next: second', 'next: second\n      on_failure: second'),
    );
    const retry = await runCli(['execute', 'same.yaml'], { cwd: ws.dir, env: { RUNNABLE_RETRY_RUN_ID: 'changed' } });
    expect(retry.code, retry.output).toBe(2);
    expect(retry.stderr).toContain('the pipeline changed since run "changed"');
    expect(retry.stderr).toContain('step "second" changed its command');
    expect(retry.stderr).toContain('step "first" changed its on_failure');
    expect(retry.stderr).toMatch(/Fix: \S/);
    expect(ws.read('.run_log_store/changed.json')).toBe(before);
    expect(ws.read('second-runs.txt')).toBe('seed=1 attempt=1\n');
  });

  it('retrying a successful run, or a run that does not exist, is refused (exit 2)', async () => {
    const ws = workspace({ 'same.yaml': PIPELINE, marker: '' });
    const ok = await runCli(['execute', 'same.yaml', 'done-run'], { cwd: ws.dir, env: { RUNNABLE_PRM_seed: '1' } });
    expect(ok.code, ok.output).toBe(0);
    const before = ws.read('.run_log_store/done-run.json');

    const again = await runCli(['execute', 'same.yaml'], { cwd: ws.dir, env: { RUNNABLE_RETRY_RUN_ID: 'done-run' } });
    expect(again.code, again.output).toBe(2);
    expect(again.stderr).toContain('succeeded: there is nothing to retry');
    expect(ws.read('.run_log_store/done-run.json')).toBe(before);
    expect(ws.read('first-runs.txt')).toBe('ran\n');

    const missing = await runCli(['execute', 'same.yaml'], { cwd: ws.dir, env: { RUNNABLE_RETRY_RUN_ID: 'never-ran' } });
    expect(missing.code, missing.output).toBe(2);
    expect(missing.stderr).toContain('there is no run "never-ran" in the');
    expect(ws.list('.run_log_store')).toEqual(['done-run.json']);
  });
});
