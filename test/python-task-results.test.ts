// Python and notebook tasks share one handling of a call to the python workers (src/tasks/python/worker-call.ts):
// output reaches the task's log as whole lines (a last line without a newline too), a failure is FAIL with the
// worker's message and no outputs, a success carries the outputs (and, for a notebook, the executed notebook for
// the catalog), and a missing interpreter is the machine's failure (InfrastructureError, exit 3), not the task's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskInvocation } from '../src/engine/task-runner.js';
import { InfrastructureError } from '../src/errors.js';
import type { TaskSpec } from '../src/pipeline/model.js';
import { runNotebookTask } from '../src/tasks/notebook-task.js';
import { runPythonTask } from '../src/tasks/python-task.js';
import { PythonWorkerPool } from '../src/tasks/python/worker-pool.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-pytask-'));
fs.writeFileSync(
  path.join(dir, 'funcs.py'),
  [
    'import sys',
    'def ok():',
    '    print("one")',
    '    sys.stdout.write("no newline")',
    '    return 7',
    'def boom():',
    '    raise ValueError("bad value")',
    '',
  ].join('\n'),
);
const cell = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: [source] });
const nb = (source: string) => JSON.stringify({ cells: [cell(source)], metadata: {}, nbformat: 4, nbformat_minor: 5 });
fs.writeFileSync(path.join(dir, 'ok.ipynb'), nb('print("one")\nimport sys; sys.stdout.write("no newline")\nx = 7'));
fs.writeFileSync(path.join(dir, 'boom.ipynb'), nb('raise ValueError("bad value")'));

const pools: PythonWorkerPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});
function pool(python?: string): PythonWorkerPool {
  const p = new PythonWorkerPool({ cwd: dir, env: process.env, ...(python ? { python } : {}) });
  pools.push(p);
  return p;
}

function invocation(command_type: TaskSpec['command_type'], command: string, lines: string[]): TaskInvocation {
  return {
    task: { command_type, command, returns: [{ name: 'x', kind: 'json' }], secrets: [] },
    stepName: 'step',
    params: {},
    iterVariables: {},
    baseEnv: process.env,
    env: {},
    cwd: dir,
    output: (stream, line) => lines.push(`${stream}: ${line}`),
    signal: new AbortController().signal,
    objects: { paths: {}, outDir: dir },
    resources: undefined as never,
  };
}

const kinds = [
  { kind: 'python', ok: 'funcs.ok', boom: 'funcs.boom', run: runPythonTask },
  { kind: 'notebook', ok: 'ok.ipynb', boom: 'boom.ipynb', run: runNotebookTask },
] as const;

describe('python and notebook tasks: one handling of a worker call', () => {
  for (const k of kinds) {
    it(`${k.kind}: whole lines, the last one too, and the outputs of a success`, async () => {
      const lines: string[] = [];
      const r = await k.run(invocation(k.kind, k.ok, lines), pool());
      expect(r.status, r.message).toBe('SUCCESS');
      expect(r.message).toBe('');
      expect(r.outputs.x).toMatchObject({ kind: 'json', value: 7 });
      expect(lines.filter((l) => l.startsWith('stdout'))).toEqual(['stdout: one', 'stdout: no newline']);
      if (k.kind === 'notebook') {
        expect(r.catalogFiles).toEqual([{ name: 'ok-step_out.ipynb', file: path.join(dir, 'ok-step_out.ipynb') }]);
        expect(fs.existsSync(path.join(dir, 'ok-step_out.ipynb'))).toBe(true);
      } else expect(r.catalogFiles).toBeUndefined();
    });

    it(`${k.kind}: a failure is FAIL with the worker's message and no outputs`, async () => {
      const r = await k.run(invocation(k.kind, k.boom, []), pool());
      expect(r).toMatchObject({ status: 'FAIL', outputs: {} });
      expect(r.message).toContain('bad value');
      expect(r.catalogFiles).toBeUndefined();
    });

    it(`${k.kind}: a missing interpreter is an InfrastructureError, not a failed task`, async () => {
      const e = await k.run(invocation(k.kind, k.ok, []), pool(path.join(dir, 'no-such-python'))).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InfrastructureError);
      expect((e as InfrastructureError).exitCode).toBe(3);
    });
  }
});
