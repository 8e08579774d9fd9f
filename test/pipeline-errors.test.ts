// A broken pipeline file is refused before anything runs: exit 2, every problem of the file reported at once,
// each with file:line:col (the line computed from the fixture text), the step it is in, and a "Fix:"; and no
// run log or catalog left behind.

import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './helpers/cli.js';
import { dedent, lineColOf, workspace, type Workspace } from './helpers/workspace.js';

interface Expected {
  /** The text at the reported position: its first occurrence (from the first occurrence of `after`) gives line:col. */
  at: string;
  after?: string;
  step?: string;
  message: string | RegExp;
  /** Default true: every issue of a pipeline should say how to fix it. */
  fix?: boolean;
}

/** The issue lines of an InvalidInputError as main() prints them ("  file:line:col: ..."). */
function issueLines(r: CliResult): string[] {
  return r.stderr.split('\n').filter((l) => l.startsWith('  '));
}

// The loader's refusals run main() in this process (fast: nothing but the CLI's own code runs); the last test
// checks that the built CLI, run as a child process, refuses the same way.
async function refuse(ws: Workspace, inProcess = true): Promise<CliResult> {
  const r = await runCli(['execute', 'pipeline.yaml', 'run-1'], { cwd: ws.dir, inProcess });
  expect(r.code, r.output).toBe(2);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).not.toContain('internal error');
  // nothing was created: bad input never leaves a run behind
  expect(ws.exists('.run_log_store'), 'a run log folder was created').toBe(false);
  expect(ws.exists('.catalog'), 'a catalog folder was created').toBe(false);
  expect(r.stdout).not.toContain('Run run-1');
  return r;
}

function expectIssue(lines: string[], text: string, e: Expected): void {
  const { line, col } = lineColOf(text, e.at, e.after);
  const prefix = `  pipeline.yaml:${line}:${col}: ${e.step ? `step "${e.step}": ` : ''}`;
  const found = lines.filter((l) => l.startsWith(prefix));
  expect(found, `no issue starts with ${JSON.stringify(prefix)} in:\n${lines.join('\n')}`).toHaveLength(1);
  const rest = found[0].slice(prefix.length);
  if (typeof e.message === 'string') expect(rest).toContain(e.message);
  else expect(rest).toMatch(e.message);
  if (e.fix !== false) expect(rest).toMatch(/ Fix: \S/);
}

/** One pipeline with exactly the listed problems (and no follow-on complaints). */
async function expectProblems(pipeline: string, expected: Expected[], inProcess = true): Promise<CliResult> {
  const text = dedent(pipeline);
  const ws = workspace({ 'pipeline.yaml': text });
  const r = await refuse(ws, inProcess);
  const lines = issueLines(r);
  for (const e of expected) expectIssue(lines, text, e);
  expect(lines, `expected exactly ${expected.length} problem(s):\n${r.stderr}`).toHaveLength(expected.length);
  if (expected.length > 1) expect(r.stderr).toContain(`(${expected.length} problems)`);
  return r;
}

describe('a broken pipeline file is refused with exit 2 and a located message', () => {
  it('YAML syntax error', async () => {
    await expectProblems(
      `
      dag:
        start_at: a
        steps:
          a:
            type: stub
            next: success: now
      `,
      [{ at: 'success: now', message: 'not valid YAML' }],
    );
  });

  it('no `dag` key', async () => {
    await expectProblems(
      `
      pipeline:
        start_at: a
        steps: {}
      `,
      [{ at: 'pipeline:', message: 'no top-level "dag" key' }],
    );
  });

  it('missing start_at', async () => {
    await expectProblems(
      `
      dag:
        steps:
          a:
            type: stub
            next: success
      `,
      [{ at: 'steps:', message: '"start_at"' }],
    );
  });

  it('start_at naming a missing step, with a suggestion', async () => {
    await expectProblems(
      `
      dag:
        start_at: prepare
        steps:
          prepair:
            type: stub
            next: success
      `,
      [{ at: 'prepare', message: /start_at names "prepare", which is not a step.*Did you mean "prepair"\?/ }],
    );
  });

  it('`next` to a missing step, with "did you mean"', async () => {
    await expectProblems(
      `
      dag:
        start_at: prepare
        steps:
          prepare:
            type: stub
            next: trian
          train:
            type: stub
            next: success
      `,
      [{ at: 'trian', step: 'prepare', message: /next names "trian".*Did you mean "train"\?/ }],
    );
  });

  it('`on_failure` to a missing step', async () => {
    await expectProblems(
      `
      dag:
        start_at: prepare
        steps:
          prepare:
            type: stub
            on_failure: cleanup
            next: success
      `,
      [{ at: 'cleanup', step: 'prepare', message: 'on_failure names "cleanup"' }],
    );
  });

  it('a cycle', async () => {
    await expectProblems(
      `
      dag:
        start_at: a
        steps:
          a:
            type: stub
            next: b
          b:
            type: stub
            next: c
          c:
            type: stub
            next: a
      `,
      [{ at: 'a:', after: 'steps:', step: 'a', message: 'cycle: a -> b -> c -> a' }],
    );
  });

  it('a step name with "."', async () => {
    await expectProblems(
      `
      dag:
        start_at: load.data
        steps:
          load.data:
            type: stub
            next: success
      `,
      [{ at: 'load.data:', step: 'load.data', message: 'contains "."' }],
    );
  });

  it('an unknown key on a task, with a suggestion, while a stub accepts unknown keys', async () => {
    await expectProblems(
      `
      dag:
        start_at: placeholder
        steps:
          placeholder:
            type: stub
            comand: anything
            owner: someone
            next: train
          train:
            type: task
            command_type: shell
            comand: echo typo
            command: echo hi
            next: success
      `,
      [{ at: 'comand: echo typo', step: 'train', message: /"comand" is not a key of a task step\. Did you mean "command"\?/ }],
    );
  });

  it('a bad node type', async () => {
    await expectProblems(
      `
      dag:
        start_at: a
        steps:
          a:
            type: tsak
            command: functions.f
            next: success
      `,
      [{ at: 'tsak', step: 'a', message: /"tsak" is not a node type\. Did you mean "task"\?/ }],
    );
  });

  it('a missing `next`', async () => {
    await expectProblems(
      `
      dag:
        start_at: a
        steps:
          a:
            type: task
            command_type: shell
            command: echo hi
      `,
      [{ at: 'type: task', step: 'a', message: 'no "next"' }],
    );
  });

  it('a shell task returning kind object', async () => {
    await expectProblems(
      `
      dag:
        start_at: a
        steps:
          a:
            type: task
            command_type: shell
            command: echo hi
            returns:
              - name: frame
                kind: object
            next: success
      `,
      [{ at: '- name: frame', step: 'a', message: 'cannot return an object' }],
    );
  });

  it('catalog patterns with ".." and an absolute one', async () => {
    await expectProblems(
      `
      dag:
        start_at: a
        steps:
          a:
            type: stub
            catalog:
              get:
                - ../secrets.txt
              put:
                - data/*.csv
                - /etc/passwd
            next: success
      `,
      [
        { at: '../secrets.txt', step: 'a', message: 'leaves the data folder' },
        { at: '/etc/passwd', step: 'a', message: 'absolute path' },
      ],
    );
  });

  it('a map without iterate_on', async () => {
    await expectProblems(
      `
      dag:
        start_at: per_item
        steps:
          per_item:
            type: map
            iterate_as: item
            next: success
            branch:
              start_at: work
              steps:
                work:
                  type: stub
                  next: success
      `,
      [{ at: 'type: map', step: 'per_item', message: 'no "iterate_on"' }],
    );
  });

  it('an explicit terminal node with a wrong name', async () => {
    await expectProblems(
      `
      dag:
        start_at: a
        steps:
          a:
            type: stub
            next: done
          done:
            type: success
      `,
      [{ at: 'done:', step: 'done', message: 'must be named "success"' }],
    );
  });

  it('a problem inside a branch names the step by its internal name', async () => {
    await expectProblems(
      `
      dag:
        start_at: fan
        steps:
          fan:
            type: parallel
            next: success
            branches:
              left:
                start_at: a
                steps:
                  a:
                    type: stub
                    next: b
              right:
                start_at: a
                steps:
                  a:
                    type: stub
                    next: success
      `,
      [{ at: 'b', after: 'next: b', step: 'fan.left.a', message: 'next names "b", which is not a step of branch "fan.left"' }],
    );
  });

  it('a parallel branch name with "/" (it names a file of the chunked-fs store)', async () => {
    await expectProblems(
      `
      dag:
        start_at: fan
        steps:
          fan:
            type: parallel
            next: success
            branches:
              in/out:
                start_at: a
                steps:
                  a:
                    type: stub
                    next: success
      `,
      [{ at: 'in/out', step: 'fan', message: 'contains "/"' }],
    );
  });

  it('a map inside a map reusing the outer iterate_as (the outer item would be lost)', async () => {
    await expectProblems(
      `
      dag:
        start_at: outer
        steps:
          outer:
            type: map
            iterate_on: xs
            iterate_as: item
            next: success
            branch:
              start_at: inner
              steps:
                inner:
                  type: map
                  iterate_on: ys
                  iterate_as: item
                  next: success
                  branch:
                    start_at: show
                    steps:
                      show:
                        type: stub
                        next: success
      `,
      [
        {
          at: 'item',
          after: 'iterate_on: ys',
          step: 'outer.map_variable_placeholder.inner',
          message: 'iterate_as "item" is already the item of an enclosing map',
        },
      ],
    );
  });

  const SEVERAL = `
      dag:
        start_at: first
        steps:
          first:
            type: task
            command_type: shell
            command: echo hi
            retruns: []
            next: second
          second:
            type: stub
            next: thrid
          third.step:
            type: stub
            next: success
          fourth:
            type: stub
            catalog:
              put: [../out.txt]
            next: success
      `;
  const SEVERAL_PROBLEMS: Expected[] = [
    { at: 'retruns', step: 'first', message: '"retruns" is not a key of a task step' },
    { at: 'thrid', step: 'second', message: 'next names "thrid"' },
    { at: 'third.step:', step: 'third.step', message: 'contains "."' },
    { at: '../out.txt', step: 'fourth', message: 'leaves the data folder' },
  ];

  it("each node kind's own checks: task commands and returns, branches, a loop's index_as", async () => {
    await expectProblems(
      `
      dag:
        start_at: sh
        steps:
          sh:
            type: task
            command_type: shell
            command: echo hi
            returns: [not-a-name]
            next: py
          py:
            type: task
            command: not_dotted
            next: nb
          nb:
            type: task
            command_type: notebook
            command: nb.py
            next: old
          old:
            type: task
            command_type: async-python
            command: m.f
            next: fan
          fan:
            type: parallel
            next: pick
            branches: {}
          pick:
            type: conditional
            parameter: x
            next: again
            branches:
              constructor:
                start_at: s
                steps:
                  s:
                    type: stub
                    next: success
          again:
            type: loop
            max_iterations: 2
            break_on: done
            index_as: 1bad
            next: success
            branch:
              start_at: s
              steps:
                s:
                  type: stub
                  next: success
      `,
      [
        { at: '[not-a-name]', step: 'sh', message: 'the return "not-a-name" is not a valid environment variable name' },
        { at: 'not_dotted', step: 'py', message: '"not_dotted" is not a dotted path to a python function.' },
        { at: 'nb.py', step: 'nb', message: 'is not a notebook' },
        { at: 'async-python', after: 'old:', step: 'old', message: 'async-python tasks are not supported' },
        { at: '{}', step: 'fan', message: 'a parallel step needs at least one branch.', fix: false },
        { at: 'constructor', step: 'pick', message: '"constructor" cannot name a branch' },
        { at: '1bad', step: 'again', message: '"1bad" is not a valid environment variable name.' },
      ],
    );
  });

  it('several problems in one file are all reported at once', async () => {
    await expectProblems(SEVERAL, SEVERAL_PROBLEMS);
  });

  it('the built CLI, run as a child process, refuses alike', async () => {
    const inProcess = await expectProblems(SEVERAL, SEVERAL_PROBLEMS);
    const spawned = await expectProblems(SEVERAL, SEVERAL_PROBLEMS, false);
    expect(spawned.stderr).toBe(inProcess.stderr);
    expect(spawned.stdout).toBe(inProcess.stdout);
  });

  it('a pipeline file that does not exist', async () => {
    const ws = workspace({});
    const r = await refuse(ws, false);
    expect(r.stderr).toContain('pipeline.yaml does not exist');
    expect(r.stderr).toMatch(/Fix: \S/);
  });
});
