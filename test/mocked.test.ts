// The mocked executor over every conformance pipeline: each run finishes SUCCESS and nothing runs — no task
// output, no execution log, no file a task would have made, no python worker — while the wiring (steps, branches,
// parameters that decide maps and conditionals) is exercised. Plus patches and returns_values.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunLog, StepLog } from '../src/services/run-log/model.js';
import { expectExit, runCli } from './helpers/cli.js';
import { CONFORMANCE_CASES as CASES, HAS_SHARED, skippedWithoutShared } from './helpers/shared.js';
import { dedent, workspace } from './helpers/workspace.js';

function allSteps(steps: Record<string, StepLog>, out: StepLog[] = []): StepLog[] {
  for (const s of Object.values(steps)) {
    out.push(s);
    for (const b of Object.values(s.branches)) allSteps(b.steps, out);
  }
  return out;
}

function caseFiles(name: string): Record<string, string> {
  const dir = path.join(CASES, name);
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(dir))
    if (!['case.json', 'expected.json', 'config.yaml'].includes(f)) files[f] = fs.readFileSync(path.join(dir, f), 'utf8');
  return files;
}

skippedWithoutShared('the mocked executor over every conformance pipeline');

describe.skipIf(!HAS_SHARED)('mocked executor over every conformance pipeline', () => {
  const names = !HAS_SHARED ? [] : fs.readdirSync(CASES).filter((n) => fs.existsSync(path.join(CASES, n, 'case.json')));
  it('finds the conformance cases', () => expect(names.length).toBeGreaterThanOrEqual(22));

  for (const name of names) {
    it(`${name}: SUCCESS, and nothing ran`, async () => {
      const spec = JSON.parse(fs.readFileSync(path.join(CASES, name, 'case.json'), 'utf8'));
      // A proof of "nothing ran": python would import this module, shell would find this marker on PATH.
      const ws = workspace({ ...caseFiles(name), 'mocked.yaml': 'pipeline-executor:\n  type: mocked\n' });
      const args = (spec.args as string[]).filter((a, i, all) => a !== '-c' && all[i - 1] !== '-c');
      const r = await runCli(['execute', 'pipeline.yaml', 'mocked-run', ...args, '-c', 'mocked.yaml'], { cwd: ws.dir, env: spec.env });
      expectExit(r, 0);
      const log: RunLog = ws.runLog('mocked-run');
      expect(log.status).toBe('SUCCESS');
      const tasks = allSteps(log.steps).filter((s) => s.step_type === 'task' || s.step_type === 'stub');
      expect(tasks.length).toBeGreaterThan(0);
      for (const t of tasks) {
        expect(t.mock, t.internal_name).toBe(true);
        expect(t.attempts.map((a) => a.status)).toEqual(['SUCCESS']);
      }
      // no task output reached the console, no execution log or data reached the catalog
      expect(r.stdout).not.toMatch(/^\[[^\]]+\] /m);
      expect(ws.walk('.catalog')).toEqual([]);
      // files the tasks would have made do not exist
      for (const made of ['data', 'partial.txt', 'report.txt', '__pycache__']) expect(ws.exists(made), made).toBe(false);
    });
  }
});

describe('mocked executor patches', () => {
  it('runs a patched task with the patch merged over it, pretends returns_values, and records catalog patterns as mocked', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: produce
          steps:
            produce:
              type: task
              command_type: shell
              command: echo real > out.txt && export items='[1,2]'
              returns: [items]
              catalog:
                put: [out.txt]
              next: fan
            fan:
              type: map
              iterate_on: items
              iterate_as: item
              next: shout
              branch:
                start_at: touch
                steps:
                  touch:
                    type: task
                    command_type: shell
                    command: touch "touched-$item"
                    next: success
            shout:
              type: task
              command_type: shell
              command: export said=original
              returns: [said]
              next: success
      `),
      'mocked.yaml': dedent(`
        pipeline-executor:
          type: mocked
          config:
            patches:
              produce:
                returns_values:
                  items: [a, b, c]
              shout:
                command: export said="patched $items"
      `),
    });
    const r = await runCli(['execute', 'pipeline.yaml', 'p1', '-c', 'mocked.yaml'], { cwd: ws.dir });
    expectExit(r, 0);
    const log = ws.runLog('p1');
    expect(Object.keys(log.steps.fan.branches)).toEqual(['fan.a', 'fan.b', 'fan.c']);
    expect(log.parameters.said.value).toBe('patched ["a", "b", "c"]');
    expect(log.steps.shout.mock).toBe(false);
    expect(log.steps.produce.mock).toBe(true);
    expect(log.steps.produce.data_catalog).toEqual([
      { name: 'out.txt', data_hash: '', catalog_relative_path: '', catalog_handler_location: 'mocked', stage: 'put' },
    ]);
    expect(ws.exists('out.txt')).toBe(false);
    expect(ws.list().filter((f) => f.startsWith('touched-'))).toEqual([]);
  });

  it('refuses a patch naming no step, in execute as in validate (exit 2, nothing run, the nearest name offered)', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: produce
          steps:
            produce:
              type: task
              command_type: shell
              command: echo real > out.txt
              next: success
      `),
      'mocked.yaml': dedent(`
        pipeline-executor:
          type: mocked
          config:
            patches:
              prodcue:
                command: echo patched
      `),
    });
    for (const args of [
      ['execute', 'pipeline.yaml', 'p2'],
      ['validate', 'pipeline.yaml'],
    ]) {
      const r = await runCli([...args, '-c', 'mocked.yaml'], { cwd: ws.dir });
      expectExit(r, 2);
      expect(r.stderr).toMatch(
        /mocked\.yaml:\d+:\d+: the mocked executor patches "prodcue", which is not a task or stub of the pipeline\. Did you mean "produce"\?/,
      );
    }
    expect(ws.exists('out.txt')).toBe(false);
    expect(ws.exists('.run_log_store')).toBe(false);
  });
});
