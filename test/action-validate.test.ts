// The action's `mode: validate` (in-process, real @actions/core): nothing runs and no secret is read; every
// problem is one error annotation at its line and the run is refused (exit 2); a clean pipeline shows its mocked
// plan in the job summary and writes no run log.
import { describe, expect, it } from 'vitest';
import { runActionIn } from './helpers/action.js';
import { dedent, lineColOf, workspace } from './helpers/workspace.js';

const functions = dedent(`
  def total(count, scale=1):
      return count * scale
`);

const commands = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error') || l.startsWith('::warning'));

describe('action mode: validate', () => {
  it('runs nothing, reads no secret, and draws the mocked plan in the summary', async () => {
    const ws = workspace({
      'functions.py': functions,
      'pipeline.yaml': dedent(`
        dag:
          start_at: make
          steps:
            make:
              type: task
              command_type: shell
              command: touch ran.txt && export count=2
              returns: [count]
              secrets: [DEPLOY_TOKEN]
              next: sum
            sum:
              type: task
              command: functions.total
              next: success
      `),
    });
    const r = await runActionIn(ws.dir, { pipeline: 'pipeline.yaml', mode: 'validate', 'run-id': 'plan' });
    expect(r.code, r.stdout).toBe(0);
    expect(ws.exists('ran.txt')).toBe(false);
    expect(ws.exists('.run_log_store')).toBe(false);
    expect(r.summary).toContain('runnable: VALID');
    expect(r.summary).toContain('Nothing was run and no secret was read');
    expect(r.summary).toContain('```mermaid');
    expect(r.summary).toMatch(/mocked executor/);
    expect(r.outputs.status).toBe('SUCCESS');
  });

  it('refuses a misspelt argument and an unknown map parameter, one located error annotation each (exit 2)', async () => {
    const pipeline = dedent(`
      dag:
        start_at: make
        steps:
          make:
            type: task
            command_type: shell
            command: export cuont=2
            returns: [cuont]
            next: sum
          sum:
            type: task
            command: functions.total
            next: fan
          fan:
            type: map
            iterate_on: things
            iterate_as: thing
            next: success
            branch:
              start_at: s
              steps:
                s: {type: stub, next: success}
    `);
    const ws = workspace({ 'functions.py': functions, 'pipeline.yaml': pipeline });
    const r = await runActionIn(ws.dir, { pipeline: 'pipeline.yaml', mode: 'validate' });
    expect(r.code).toBe(2);
    const located = commands(r.stdout).filter((c) => c.startsWith('::error ') && c.includes('file=pipeline.yaml'));
    expect(located).toHaveLength(2);
    expect(located[0]).toContain(`line=${lineColOf(pipeline, 'type: task', 'sum:').line}`);
    expect(located[0]).toMatch(/needs the argument "count".*Did you mean "cuont"/);
    expect(located[1]).toContain('iterate_on names the parameter "things"');
    expect(r.summary).toContain('INVALID INPUT');
    expect(ws.exists('.run_log_store')).toBe(false);
  });

  it('refuses an unknown mode, naming the input, with exactly one ::error', async () => {
    const ws = workspace({ 'pipeline.yaml': 'dag: {start_at: a, steps: {a: {type: stub, next: success}}}\n' });
    const r = await runActionIn(ws.dir, { pipeline: 'pipeline.yaml', mode: 'dry-run' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('input "mode": "dry-run" is not a mode.');
    // one ::error per problem: the problem, not a second closing error repeating it
    expect(commands(r.stdout).filter((c) => c.startsWith('::error'))).toHaveLength(1);
  });
});
