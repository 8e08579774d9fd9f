// The static parameter flow of `runnable validate`: what exists before each step is known from the parameters
// file, RUNNABLE_PRM_ variables and the declared returns of the steps that lead there. Real CLI, real python.
import { describe, expect, it } from 'vitest';
import { expectExit, runCli } from './helpers/cli.js';
import { dedent, lineColOf, workspace } from './helpers/workspace.js';

const functions = dedent(`
  def make():
      return 3

  def use(count, scale=2):
      print(count * scale)
`);

describe('static parameter flow (validate)', () => {
  it("names a python function's required argument that nothing provides, at the step's line, with the nearest candidates", async () => {
    const pipeline = dedent(`
      dag:
        start_at: use_early
        steps:
          use_early:
            type: task
            command: functions.use
            next: make
          make:
            type: task
            command: functions.make
            returns: [cuont]
            next: success
    `);
    const ws = workspace({ 'functions.py': functions, 'pipeline.yaml': pipeline });
    const r = await runCli(['validate', 'pipeline.yaml'], { cwd: ws.dir, env: { RUNNABLE_PRM_counts: '1' } });
    expectExit(r, 2);
    const { line } = lineColOf(pipeline, 'type: task', 'use_early:');
    expect(r.stderr).toContain(`pipeline.yaml:${line}:`);
    expect(r.stderr).toMatch(
      /step "use_early": the function functions\.use needs the argument "count", which no parameters file, RUNNABLE_PRM_ variable, earlier return or default provides\. Did you mean "counts"\?/,
    );
    // `scale` has a default: not reported; `cuont` is returned only after the step: not available to it
    expect(r.stderr).not.toContain('"scale"');
  });

  it('accepts an argument returned by an earlier step, on any path that leads to the step', async () => {
    const ws = workspace({
      'functions.py': functions,
      'pipeline.yaml': dedent(`
        dag:
          start_at: make
          steps:
            make:
              type: task
              command: functions.make
              returns: [count]
              next: use
              on_failure: use
            use:
              type: task
              command: functions.use
              next: success
      `),
    });
    expectExit(await runCli(['validate', 'pipeline.yaml'], { cwd: ws.dir }), 0);
  });

  it('checks iterate_on, a conditional parameter and break_on in order, and warns for a shell $name nothing provides', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: fan
          steps:
            fan:
              type: map
              iterate_on: items
              iterate_as: item
              next: produce
              branch:
                start_at: echo
                steps:
                  echo: {type: task, command_type: shell, command: 'echo "$item $colour"', next: success}
            produce:
              type: task
              command_type: shell
              command: export items='[1]' flag=true done=true
              returns: [items, flag, done]
              next: choose
            choose:
              type: conditional
              parameter: flga
              next: again
              branches:
                "true": {start_at: s, steps: {s: {type: stub, next: success}}}
            again:
              type: loop
              max_iterations: 2
              break_on: stop
              index_as: i
              next: success
              branch:
                start_at: t
                steps:
                  t: {type: task, command_type: shell, command: 'export stop=true; echo $i', returns: [stop], next: success}
      `),
    });
    const r = await runCli(['validate', 'pipeline.yaml', '--format', 'json'], { cwd: ws.dir });
    expectExit(r, 2);
    const out = JSON.parse(r.stdout) as { issues: { step: string; message: string }[]; warnings: string[] };
    expect(out.issues.map((i) => [i.step, i.message.split(',')[0]])).toEqual([
      ['fan', 'iterate_on names the parameter "items"'],
      ['choose', 'parameter names the parameter "flga"'],
    ]);
    expect(out.issues[1].message).toContain('Did you mean "flag"?');
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/step "fan\.map_variable_placeholder\.echo": the command reads \$colour/);
  });
});

describe('declared returns at run time', () => {
  it('warns when a shell task succeeds without setting a return it declares; the run goes on', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: half
          steps:
            half:
              type: task
              command_type: shell
              command: export set_one=1
              returns: [set_one, forgot]
              next: success
      `),
    });
    const r = await runCli(['execute', 'pipeline.yaml', 'forgetful'], { cwd: ws.dir });
    expectExit(r, 0);
    expect(r.stdout + r.stderr).toMatch(/step "half" declares the return "forgot" but its command never set it/);
    expect(ws.runLog('forgetful').parameters.set_one.value).toBe(1);
  });
});
