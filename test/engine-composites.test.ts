// Composite nodes (parallel, map, conditional, loop) nested in each other and failing, run through the CLI with
// real shell and python tasks: statuses, branch names, merged and reduced parameters in the run log.

import { describe, expect, it } from 'vitest';
import type { RunLog, StepLog } from '../src/services/run-log/model.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { dedent, workspace, type Workspace } from './helpers/workspace.js';

async function run(
  files: Record<string, string>,
  runId = 'run',
  extra: string[] = [],
): Promise<{ ws: Workspace; r: CliResult; log: RunLog }> {
  const ws = workspace(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, dedent(v)])));
  const args = ['execute', 'pipeline.yaml', runId, ...extra];
  if (files['params.yaml'] !== undefined) args.push('-p', 'params.yaml');
  const r = await runCli(args, { cwd: ws.dir });
  expect(r.stderr, r.output).not.toContain('internal error');
  expect(ws.exists(`.run_log_store/${runId}.json`), `no run log:\n${r.output}`).toBe(true);
  return { ws, r, log: ws.runLog(runId) };
}

/** Every step of the log at any depth, by internal name. */
function allSteps(log: RunLog): Record<string, StepLog> {
  const out: Record<string, StepLog> = {};
  const walk = (steps: Record<string, StepLog>) => {
    for (const [k, s] of Object.entries(steps)) {
      out[k] = s;
      for (const b of Object.values(s.branches)) walk(b.steps);
    }
  };
  walk(log.steps);
  return out;
}

const statusOf = (log: RunLog) => Object.fromEntries(Object.entries(allSteps(log)).map(([k, s]) => [k, s.status]));
const value = (log: RunLog, name: string) => log.parameters[name]?.value;

describe('nesting', () => {
  it('a map inside a parallel branch', async () => {
    const { r, log } = await run({
      'params.yaml': 'numbers: [1, 2]\n',
      'pipeline.yaml': `
        dag:
          start_at: fan
          steps:
            fan:
              type: parallel
              next: success
              branches:
                maps:
                  start_at: each
                  steps:
                    each:
                      type: map
                      iterate_on: numbers
                      iterate_as: n
                      next: success
                      branch:
                        start_at: double
                        steps:
                          double:
                            type: task
                            command_type: shell
                            command: export doubled=$((n * 2))
                            returns: [doubled]
                            next: success
                plain:
                  start_at: hello
                  steps:
                    hello:
                      type: task
                      command_type: shell
                      command: export said=hi
                      returns: [said]
                      next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    expect(log.status).toBe('SUCCESS');
    expect(statusOf(log)).toMatchObject({
      fan: 'SUCCESS',
      'fan.maps.each': 'SUCCESS',
      'fan.maps.each.1.double': 'SUCCESS',
      'fan.maps.each.2.double': 'SUCCESS',
      'fan.plain.hello': 'SUCCESS',
    });
    expect(Object.keys(log.steps.fan.branches['fan.maps'].steps['fan.maps.each'].branches)).toEqual(['fan.maps.each.1', 'fan.maps.each.2']);
    expect(value(log, 'doubled')).toEqual([2, 4]);
    expect(value(log, 'said')).toBe('hi');
  });

  it('a conditional and a parallel inside a map branch (runnable crashes at fan-in; we must not)', async () => {
    const { r, log } = await run({
      'params.yaml': 'modes: [fast, slow]\n',
      'pipeline.yaml': `
        dag:
          start_at: each
          steps:
            each:
              type: map
              iterate_on: modes
              iterate_as: mode
              next: success
              branch:
                start_at: classify
                steps:
                  classify:
                    type: task
                    command_type: shell
                    command: export route="$mode"
                    returns: [route]
                    next: pick
                  pick:
                    type: conditional
                    parameter: route
                    next: both
                    branches:
                      fast:
                        start_at: quick
                        steps:
                          quick:
                            type: task
                            command_type: shell
                            command: export speed=10
                            returns: [speed]
                            next: success
                      slow:
                        start_at: careful
                        steps:
                          careful:
                            type: task
                            command_type: shell
                            command: export speed=1
                            returns: [speed]
                            next: success
                  both:
                    type: parallel
                    next: report
                    branches:
                      a:
                        start_at: s
                        steps:
                          s:
                            type: stub
                            next: success
                      b:
                        start_at: s
                        steps:
                          s:
                            type: stub
                            next: success
                  report:
                    type: task
                    command_type: shell
                    command: export summary="$mode:$speed"
                    returns: [summary, speed]
                    next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    expect(log.status).toBe('SUCCESS');
    expect(statusOf(log)).toMatchObject({
      each: 'SUCCESS',
      'each.fast.pick': 'SUCCESS',
      'each.fast.pick.fast.quick': 'SUCCESS',
      'each.slow.pick.slow.careful': 'SUCCESS',
      'each.fast.both': 'SUCCESS',
      'each.fast.both.a.s': 'SUCCESS',
      'each.slow.both.b.s': 'SUCCESS',
      'each.fast.report': 'SUCCESS',
      'each.slow.report': 'SUCCESS',
    });
    // only the branch named like the value ran
    expect(Object.keys(allSteps(log)).filter((k) => k.includes('careful'))).toEqual(['each.slow.pick.slow.careful']);
    expect(Object.keys(log.steps.each.branches['each.fast'].steps['each.fast.pick'].branches)).toEqual(['each.fast.pick.fast']);
    expect(value(log, 'route')).toEqual(['fast', 'slow']);
    expect(value(log, 'summary')).toEqual(['fast:10', 'slow:1']);
    expect(value(log, 'speed')).toEqual([10, 1]);
  });
});

describe('failures inside composites', () => {
  it('a failing parallel branch: the step FAILs, the other branch still ran, on_failure routes the run on', async () => {
    const { r, log } = await run({
      'pipeline.yaml': `
        dag:
          start_at: fan
          steps:
            fan:
              type: parallel
              next: never
              on_failure: recover
              branches:
                bad:
                  start_at: boom
                  steps:
                    boom:
                      type: task
                      command_type: shell
                      command: exit 3
                      next: success
                good:
                  start_at: fine
                  steps:
                    fine:
                      type: task
                      command_type: shell
                      command: export fine_out=ok
                      returns: [fine_out]
                      next: success
            never:
              type: stub
              next: success
            recover:
              type: task
              command_type: shell
              command: echo recovering
              next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    expect(log.status).toBe('SUCCESS');
    const steps = statusOf(log);
    expect(steps).toMatchObject({
      fan: 'FAIL',
      'fan.bad.boom': 'FAIL',
      'fan.bad.fail': 'SUCCESS',
      'fan.good.fine': 'SUCCESS',
      'fan.good.success': 'SUCCESS',
      recover: 'SUCCESS',
      success: 'SUCCESS',
    });
    expect(steps.never).toBeUndefined();
    expect(log.steps.fan.branches['fan.bad'].status).toBe('FAIL');
    expect(log.steps.fan.branches['fan.good'].status).toBe('SUCCESS');
    expect(log.steps.fan.message).toContain('fan.bad');
    expect(r.stdout).toContain('[recover] recovering');
  });

  it('a conditional with no matching branch: the step FAILs with a message, the run FAILs (exit 1), not left PROCESSING', async () => {
    const { r, log } = await run({
      'params.yaml': 'route: gamma\n',
      'pipeline.yaml': `
        dag:
          start_at: choose
          steps:
            choose:
              type: conditional
              parameter: route
              next: success
              branches:
                alpha:
                  start_at: a
                  steps:
                    a:
                      type: stub
                      next: success
                beta:
                  start_at: b
                  steps:
                    b:
                      type: stub
                      next: success
      `,
    });
    expect(r.code, r.output).toBe(1);
    expect(log.status).toBe('FAIL');
    expect(log.steps.choose.status).toBe('FAIL');
    expect(log.steps.choose.message).toContain('gamma');
    expect(log.steps.choose.message).toMatch(/alpha, beta/);
    expect(log.steps.choose.branches).toEqual({});
    expect(log.steps.fail.status).toBe('SUCCESS');
    expect(r.output).toContain('gamma');
  });

  it('map items containing "." get "_" in their branch names; duplicate items FAIL the step with a message', async () => {
    const { r, log } = await run({
      'params.yaml': 'files: [a.csv, b.csv, 1.5]\ndupes: [x, y, x]\n',
      'pipeline.yaml': `
        dag:
          start_at: per_file
          steps:
            per_file:
              type: map
              iterate_on: files
              iterate_as: file
              next: per_dupe
              branch:
                start_at: show
                steps:
                  show:
                    type: task
                    command_type: shell
                    command: export seen="$file"
                    returns: [seen]
                    next: success
            per_dupe:
              type: map
              iterate_on: dupes
              iterate_as: d
              next: success
              branch:
                start_at: s
                steps:
                  s:
                    type: stub
                    next: success
      `,
    });
    expect(Object.keys(log.steps.per_file.branches)).toEqual(['per_file.a_csv', 'per_file.b_csv', 'per_file.1_5']);
    expect(log.steps.per_file.status).toBe('SUCCESS');
    expect(log.steps.per_file.branches['per_file.a_csv'].steps['per_file.a_csv.show'].status).toBe('SUCCESS');
    // the item itself is passed unchanged (the shell export "1.5" reads back as JSON)
    expect(value(log, 'seen')).toEqual(['a.csv', 'b.csv', 1.5]);
    expect(log.steps.per_file.branches['per_file.1_5'].steps['per_file.1_5.show'].attempts[0].input_parameters.file.value).toBe(1.5);

    expect(log.steps.per_dupe.status).toBe('FAIL');
    expect(log.steps.per_dupe.message).toMatch(/"x"/);
    expect(log.steps.per_dupe.branches).toEqual({});
    expect(log.status).toBe('FAIL');
    expect(r.code, r.output).toBe(1);
  });
});

describe('map fan-in', () => {
  it('an empty list: the map SUCCEEDs and the return no branch set is "" (runnable\'s fan-in)', async () => {
    const { r, log } = await run({
      'params.yaml': 'items: []\n',
      'pipeline.yaml': `
        dag:
          start_at: each
          steps:
            each:
              type: map
              iterate_on: items
              iterate_as: item
              next: after
              branch:
                start_at: work
                steps:
                  work:
                    type: task
                    command_type: shell
                    command: export result=1
                    returns: [result]
                    next: success
            after:
              type: task
              command_type: shell
              command: echo "result=$result"
              next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    expect(log.steps.each.status).toBe('SUCCESS');
    expect(log.steps.each.branches).toEqual({});
    expect(log.parameters.result).toMatchObject({ kind: 'json', value: '' });
    expect(r.stdout).toContain('[after] result=\n');
  });

  it('built-in reducers (max, sum) and a dotted-path python reducer', async () => {
    const { r, log } = await run({
      'params.yaml': 'xs: [3, 9, 4]\n',
      'functions.py': `
        def total(*values):
            return {"total": sum(values), "count": len(values)}
      `,
      'pipeline.yaml': `
        dag:
          start_at: biggest
          steps:
            biggest:
              type: map
              iterate_on: xs
              iterate_as: x
              reducer: max
              next: summed
              branch:
                start_at: t
                steps:
                  t:
                    type: task
                    command_type: shell
                    command: export top=$x
                    returns:
                      - name: top
                        kind: metric
                    next: success
            summed:
              type: map
              iterate_on: xs
              iterate_as: x
              reducer: sum
              next: dotted
              branch:
                start_at: t
                steps:
                  t:
                    type: task
                    command_type: shell
                    command: export added=$((x * 10))
                    returns: [added]
                    next: success
            dotted:
              type: map
              iterate_on: xs
              iterate_as: x
              reducer: functions.total
              next: success
              branch:
                start_at: t
                steps:
                  t:
                    type: task
                    command_type: shell
                    command: export stats=$x
                    returns: [stats]
                    next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    // a reduced value is json whatever the kind of the return
    expect(log.parameters.top).toMatchObject({ kind: 'json', value: 9 });
    expect(log.parameters.added).toMatchObject({ kind: 'json', value: 160 });
    expect(log.parameters.stats).toMatchObject({ kind: 'json', value: { total: 16, count: 3 } });
  });
});

describe('loop', () => {
  it('stops on break_on; index_as is the 0-based index; each iteration starts from the previous one', async () => {
    const { r, log } = await run({
      'params.yaml': 'counter: 0\n',
      'pipeline.yaml': `
        dag:
          start_at: lp
          steps:
            lp:
              type: loop
              max_iterations: 10
              break_on: done
              index_as: idx
              next: show
              branch:
                start_at: bump
                steps:
                  bump:
                    type: task
                    command_type: shell
                    command: |
                      export counter=$((counter + 1))
                      export seen_idx=$idx
                      if [ "$counter" -ge 3 ]; then export done=true; else export done=false; fi
                    returns: [counter, seen_idx, done]
                    next: success
            show:
              type: task
              command_type: shell
              command: echo "counter=$counter idx=$seen_idx done=$done"
              next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    expect(Object.keys(log.steps.lp.branches)).toEqual(['lp.0', 'lp.1', 'lp.2']);
    expect(log.steps.lp.branches['lp.1'].steps['lp.1.bump'].attempts[0].output_parameters.seen_idx.value).toBe(1);
    expect(log.steps.lp.branches['lp.2'].parameters).toMatchObject({ counter: { value: 3 }, done: { value: true } });
    expect(log.parameters).toMatchObject({ counter: { value: 3 }, seen_idx: { value: 2 }, done: { value: true } });
    expect(r.stdout).toContain('[show] counter=3 idx=2 done=true');
  });
});

describe('parameters across branches', () => {
  it('a branch that changes a parent parameter wins over a sibling that does not touch it', async () => {
    const { r, log } = await run({
      'params.yaml': 'level: 1\nuntouched: keep\n',
      'pipeline.yaml': `
        dag:
          start_at: fan
          steps:
            fan:
              type: parallel
              next: show
              branches:
                changes:
                  start_at: up
                  steps:
                    up:
                      type: task
                      command_type: shell
                      command: export level=2
                      returns: [level]
                      next: success
                reads:
                  start_at: look
                  steps:
                    look:
                      type: task
                      command_type: shell
                      command: export looked="$level"
                      returns: [looked]
                      next: success
            show:
              type: task
              command_type: shell
              command: echo "level=$level"
              next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    // the later branch ("reads") still carries level=1 from the fan-out copy; it must not undo the change
    expect(log.parameters.level.value).toBe(2);
    expect(log.parameters.looked.value).toBe(1);
    expect(log.parameters.untouched.value).toBe('keep');
    expect(r.stdout).toContain('[show] level=2');
  });
});
