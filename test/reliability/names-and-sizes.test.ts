// Names and sizes that used to break a run (issue 12): names longer than a file name may be, "/" and "\" in step
// names, names every JavaScript object has, execution-log names that collide, lines without end.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { executionLogName } from '../../src/engine/execution-log.js';
import type { Catalog } from '../../src/services/catalog/catalog.js';
import { LineSplitter, MAX_LINE, cutMarker } from '../../src/util/line-splitter.js';
import { fitFileName } from '../../src/util/file-names.js';
import { expectExit, runCli } from '../helpers/cli.js';
import { dedent, workspace } from '../helpers/workspace.js';

const LONG = 'a'.repeat(300);

function expectCleanInputError(r: { code: number; stderr: string; output: string }, file: string, text: RegExp) {
  expectExit(r as never, 2);
  expect(r.stderr).toContain(file);
  expect(r.stderr).toMatch(text);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('long names', () => {
  it('a step and map items whose names exceed 255 bytes run on chunked-fs; every file name fits; show reads it back', async () => {
    const ws = workspace({
      'config.yaml': 'run-log-store:\n  type: chunked-fs\n',
      'params.yaml': `items: ["${'x'.repeat(260)}1", "${'x'.repeat(260)}2"]\n`,
      'p.yaml': dedent(`
        dag:
          start_at: fan
          steps:
            fan:
              type: map
              iterate_on: items
              iterate_as: item
              next: success
              branch:
                start_at: ${LONG}
                steps:
                  ${LONG}:
                    type: task
                    command_type: shell
                    command: echo "$item" | wc -c
                    next: success
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'long', '-c', 'config.yaml', '-p', 'params.yaml'], { cwd: ws.dir });
    expectExit(r, 0);
    const files = [...ws.walk('.run_log_store'), ...ws.walk('.catalog')];
    expect(files.filter((f) => f.startsWith('long/BranchLog-'))).toHaveLength(2);
    for (const f of files) for (const part of f.split('/')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
    expect(files.filter((f) => f.endsWith('.execution.log'))).toHaveLength(2);
    const show = await runCli(['show', 'long', '-c', 'config.yaml', '--format', 'json'], { cwd: ws.dir });
    expectExit(show, 0);
    const log = JSON.parse(show.stdout);
    expect(Object.keys(log.steps.fan.branches)).toHaveLength(2);
    for (const b of Object.values(log.steps.fan.branches) as Array<{ status: string }>) expect(b.status).toBe('SUCCESS');
  });

  it('fitFileName keeps short names and maps long ones to distinct names of at most 255 bytes', () => {
    expect(fitFileName('BranchLog-', 'map.1', '.json')).toBe('BranchLog-map.1.json');
    const a = fitFileName('BranchLog-', `${'é'.repeat(200)}a`, '.json');
    const b = fitFileName('BranchLog-', `${'é'.repeat(200)}b`, '.json');
    expect(a).not.toBe(b);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(255);
    expect(a).toMatch(/^BranchLog-é+~[0-9a-f]{16}\.json$/);
  });
});

describe('names refused at load', () => {
  const pipelineWith = (stepName: string, extra = '') =>
    dedent(`
      dag:
        start_at: "${stepName}"
        steps:
          "${stepName}":
            type: stub
            next: success
    `) + extra;

  for (const [name, text] of [
    ['a/b', /contains "\/" or "\\"/],
    ['a\\\\b', /contains "\/" or "\\"/],
    ['__proto__', /cannot name a step/],
    ['constructor', /cannot name a step/],
    ['toString', /cannot name a step/],
    ['hasOwnProperty', /cannot name a step/],
  ] as const) {
    it(`the step name ${name}: a clean exit-2 error at its line`, async () => {
      const ws = workspace({ 'p.yaml': pipelineWith(name) });
      const r = await runCli(['validate', 'p.yaml'], { cwd: ws.dir, inProcess: true });
      expectCleanInputError(r, 'p.yaml:4:', text);
    });
  }

  it('`next: toString` is an unknown step, not an internal error', async () => {
    const ws = workspace({
      'p.yaml': dedent(`
        dag:
          start_at: a
          steps:
            a:
              type: stub
              next: toString
      `),
    });
    const r = await runCli(['execute', 'p.yaml'], { cwd: ws.dir, inProcess: true });
    expectCleanInputError(r, 'p.yaml:', /toString/);
    expect(ws.exists('.run_log_store')).toBe(false);
  });

  it('a __proto__ parameter (file or RUNNABLE_PRM_) is refused and never changes the parameters object', async () => {
    const ws = workspace({ 'p.yaml': pipelineWith('a'), 'prm.yaml': 'ok: 1\n__proto__: {polluted: 1}\n' });
    const r = await runCli(['execute', 'p.yaml', '-p', 'prm.yaml'], { cwd: ws.dir, inProcess: true });
    expectCleanInputError(r, 'prm.yaml:2:', /"__proto__" cannot name a parameter/);
    const env = await runCli(['execute', 'p.yaml'], { cwd: ws.dir, inProcess: true, env: { RUNNABLE_PRM___proto__: '{"x": 1}' } });
    expectExit(env, 2);
    expect(env.stderr).toMatch(/RUNNABLE_PRM___proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a branch and a return named after Object.prototype members are refused', async () => {
    const ws = workspace({
      'p.yaml': dedent(`
        dag:
          start_at: par
          steps:
            par:
              type: parallel
              next: success
              branches:
                constructor:
                  start_at: t
                  steps:
                    t:
                      type: task
                      command_type: shell
                      command: "true"
                      returns: [__proto__]
                      next: success
      `),
    });
    const r = await runCli(['validate', 'p.yaml'], { cwd: ws.dir, inProcess: true });
    expectCleanInputError(r, 'p.yaml:', /"constructor" cannot name a branch[\s\S]*"__proto__" cannot name a return/);
  });
});

describe('execution logs and output lines', () => {
  it('an execution-log name is drawn again while the catalog already holds it', () => {
    let asked = 0;
    const catalog = { storedPath: () => (++asked <= 5 ? '/exists' : undefined) } as unknown as Catalog;
    const name = executionLogName(catalog, 'run', 'map.x.step');
    expect(asked).toBe(6);
    expect(name).toMatch(/^mapxstep[A-Za-z0-9]{3}\.execution\.log$/);
  });

  it('30 attempts of one step leave 30 distinct execution logs', async () => {
    const ws = workspace({
      'p.yaml': dedent(`
        dag:
          start_at: flaky
          steps:
            flaky:
              type: task
              command_type: shell
              command: echo "attempt $RUNNABLE_STEP_ATTEMPT"; exit 1
              max_attempts: 30
              next: success
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'many'], { cwd: ws.dir, inProcess: true });
    expectExit(r, 1);
    const logs = ws.list('.catalog/many').filter((f) => f.endsWith('.execution.log'));
    expect(logs).toHaveLength(30);
    const texts = logs.map((f) => ws.read(`.catalog/many/${f}`).split('\n')[0]).sort();
    expect(new Set(texts).size).toBe(30);
  });

  it('splits in one pass: a line over the limit is cut with a marker, the rest of the lines are whole', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l), 10);
    s.push('short\r\nabcdefghij');
    s.push('klmnop');
    s.push('qrs\nlast');
    s.end();
    expect(lines).toEqual(['short', `abcdefghij${cutMarker(9)}`, 'last']);

    // 40 MB without a newline, in 64 KB chunks: one line of MAX_LINE characters plus the marker
    const big: string[] = [];
    const splitter = new LineSplitter((l) => big.push(l));
    const chunk = 'x'.repeat(65536);
    for (let i = 0; i < 640; i++) splitter.push(chunk);
    splitter.end();
    expect(big).toEqual([`${'x'.repeat(MAX_LINE)}${cutMarker(640 * 65536 - MAX_LINE)}`]);
  });

  it('a task printing a 5 MB line gets it cut in its execution log and on the console', async () => {
    const ws = workspace({
      'p.yaml': dedent(`
        dag:
          start_at: loud
          steps:
            loud:
              type: task
              command_type: shell
              command: head -c 5000000 /dev/zero | tr '\\0' y; echo; echo after
              next: success
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'loud'], { cwd: ws.dir });
    expectExit(r, 0);
    const [log] = ws.list('.catalog/loud').filter((f) => f.endsWith('.execution.log'));
    const text = fs.readFileSync(ws.path(`.catalog/loud/${log}`), 'utf8');
    expect(text).toBe(`${'y'.repeat(MAX_LINE)}${cutMarker(5_000_000 - MAX_LINE)}\nafter\n`);
    expect(r.stdout).toContain(cutMarker(5_000_000 - MAX_LINE));
  });
});
