// Places where we used to differ from runnable without meaning to (found by running runnable's examples through
// both): each now matches runnable, checked on the run log the built CLI writes. Notebook tasks under the mocked
// executor are in notebook-task.test.ts; a map return no branch sets is also a conformance case (mocked_map_reduce).

import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { dedent, workspace } from './helpers/workspace.js';

async function run(files: Record<string, string>, args: string[] = []) {
  const ws = workspace(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, dedent(v)])));
  const r = await runCli(['execute', 'pipeline.yaml', 'div', ...args], { cwd: ws.dir });
  expect(r.stderr, r.output).not.toContain('internal error');
  return { ws, r, log: ws.runLog('div') };
}

const OBJECTS = {
  'functions.py': `
    def make():
        return frozenset([1, 2, 3])


    def use(table):
        return len(table)
  `,
  'pipeline.yaml': `
    dag:
      start_at: make
      steps:
        make:
          type: task
          command: functions.make
          returns: [{name: table, kind: object}]
          next: use
        use:
          type: task
          command: functions.use
          returns: [{name: count}]
          next: success
  `,
};

describe('matching runnable', () => {
  it('object_serialisation: false keeps returned objects out of the catalog; later steps still get them', async () => {
    const { ws, r, log } = await run(
      { ...OBJECTS, 'config.yaml': 'pipeline-executor:\n  type: local\n  config:\n    object_serialisation: false\n' },
      ['-c', 'config.yaml'],
    );
    expect(r.code, r.output).toBe(0);
    expect(log.parameters.count?.value).toBe(3);
    expect(log.parameters.table).toMatchObject({ kind: 'object', value: 'table' });
    expect(ws.walk('.catalog/div').filter((f) => f.endsWith('.dill'))).toEqual([]);
    // the default pickles it into the catalog
    const { ws: ws2, log: log2 } = await run(OBJECTS);
    expect(log2.parameters.count?.value).toBe(3);
    expect(ws2.walk('.catalog/div')).toContain('table.dill');
  });

  it('a map where no branch sets a declared return gives it "" (a custom reducer too)', async () => {
    const { r, log } = await run(
      {
        'params.yaml': 'items: [1, 2]\n',
        'config.yaml': 'pipeline-executor:\n  type: mocked\n',
        'pipeline.yaml': `
          dag:
            start_at: each
            steps:
              each:
                type: map
                iterate_on: items
                iterate_as: item
                reducer: "lambda *x: max(x)"
                next: success
                branch:
                  start_at: work
                  steps:
                    work:
                      type: task
                      command: functions.never_called
                      returns: [doubled]
                      next: success
        `,
      },
      ['-p', 'params.yaml', '-c', 'config.yaml'],
    );
    expect(r.code, r.output).toBe(0);
    expect(log.parameters.doubled).toMatchObject({ kind: 'json', value: '' });
  });

  it('a dotted path whose module parts are not identifiers is imported with importlib (examples.09-retry.linear.check)', async () => {
    const files = {
      'examples/09-retry/linear.py': 'def check():\n    return "imported"\n',
      'pipeline.yaml': `
        dag:
          start_at: check
          steps:
            check:
              type: task
              command: examples.09-retry.linear.check
              returns: [result]
              next: success
      `,
    };
    const { ws, r, log } = await run(files);
    expect(r.code, r.output).toBe(0);
    expect(log.parameters.result?.value).toBe('imported');
    const v = await runCli(['validate', 'pipeline.yaml'], { cwd: ws.dir });
    expect(v.code, v.output).toBe(0);
  });

  it("a loop whose body fails rolls the failed iteration's parameters back before on_failure runs", async () => {
    const { r, log } = await run({
      'pipeline.yaml': `
        dag:
          start_at: repeat
          steps:
            repeat:
              type: loop
              max_iterations: 5
              break_on: done
              index_as: idx
              on_failure: handler
              next: success
              branch:
                start_at: bump
                steps:
                  bump:
                    type: task
                    command_type: shell
                    command: |
                      export counter=$((\${counter:-0} + 1))
                    returns: [counter]
                    next: maybe fail
                  maybe fail:
                    type: task
                    command_type: shell
                    command: test "$idx" -lt 2
                    next: success
            handler:
              type: task
              command_type: shell
              command: export seen="$counter"
              returns: [seen]
              next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    expect(log.steps.repeat.status).toBe('FAIL');
    // iteration 2 bumped the counter to 3 before its second step failed: the handler sees 3
    expect(log.parameters.counter?.value).toBe(3);
    expect(log.parameters.seen?.value).toBe(3);
  });
});
