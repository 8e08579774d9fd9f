// Notebook tasks: the python worker runs a notebook's code cells in order (src/tasks/python/notebook.py), with
// IPython when the interpreter has it and as plain python when it has not (python3 -S hides site-packages);
// then whole pipelines shaped like runnable's notebook examples (sequence, parallel, map with `${var}` returns,
// parameters in and out, secrets), run by the built CLI under the local, mocked and emulator executors.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PythonWorkerPool, type NotebookCall } from '../src/tasks/python/worker-pool.js';
import { runCli } from './helpers/cli.js';
import { dedent, workspace } from './helpers/workspace.js';

/** An nbformat 4 notebook from cell sources; a source starting with `#parameters` is tagged `parameters`. */
function notebook(...cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source, i) =>
      source.startsWith('# md ')
        ? { cell_type: 'markdown', id: `c${i}`, metadata: {}, source: source.slice(5) }
        : {
            cell_type: 'code',
            id: `c${i}`,
            execution_count: null,
            metadata: source.startsWith('#parameters') ? { tags: ['parameters'] } : {},
            outputs: [],
            source: source.split(/(?<=\n)/),
          },
    ),
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

interface Cell {
  cell_type: string;
  execution_count: number | null;
  metadata: { tags?: string[] };
  outputs: Record<string, unknown>[];
  source: string | string[];
}

const hasIPython = (() => {
  try {
    execFileSync('python3', ['-c', 'import IPython'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the worker runs notebooks', () => {
  let dir: string;
  let plainPython: string;
  const pools: PythonWorkerPool[] = [];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-nb-'));
    // an interpreter without site-packages, so without IPython
    plainPython = path.join(dir, 'python-plain');
    fs.writeFileSync(plainPython, '#!/bin/sh\nexec python3 -S "$@"\n', { mode: 0o755 });
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function runNotebook(python: string, source: string, call: Partial<NotebookCall> = {}) {
    const pool = new PythonWorkerPool({ cwd: dir, python });
    pools.push(pool);
    const file = path.join(dir, `nb${pools.length}.ipynb`);
    fs.writeFileSync(file, source);
    const out = path.join(dir, `nb${pools.length}-out.ipynb`);
    const printed: string[] = [];
    const result = await pool.notebook(
      {
        notebook: file,
        label: 'nb.ipynb',
        outPath: out,
        parameters: {},
        iterVariables: {},
        returns: [],
        env: {},
        objectPaths: {},
        objectOutDir: dir,
        ...call,
      },
      (_s, text) => printed.push(text),
    );
    const executed = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as { cells: Cell[]; nbformat: number }) : undefined;
    return { result, executed, printed: printed.join('') };
  }

  const interpreters = [
    { label: 'plain python', python: () => plainPython },
    ...(hasIPython ? [{ label: 'IPython', python: () => 'python3' }] : []),
  ];
  it.skipIf(!hasIPython)('(IPython is importable by python3 here, so both modes are tested)', () => {});

  for (const mode of interpreters) {
    it(`${mode.label}: parameters injected after the tagged cell, returns from the namespace, outputs and counts recorded`, async () => {
      const { result, executed, printed } = await runNotebook(
        mode.python(),
        notebook(
          '# md # Title',
          'import os\nseen = []',
          '#parameters\nthreshold = 0.1\nmodel = "tree"',
          'label = f"{model}@{threshold}"\nprint(label)\nsecret = os.environ["TOKEN"]\nthreshold * 2',
        ),
        {
          parameters: { threshold: { kind: 'json', value: 0.5 }, flags: { kind: 'json', value: { on: true, off: null } } },
          iterVariables: { model: 'forest' },
          env: { TOKEN: 's3cret' },
          returns: [
            { name: 'label', kind: 'json' },
            { name: 'secret', kind: 'metric' },
          ],
        },
      );
      expect(result).toMatchObject({
        ok: true,
        message: '',
        outputs: { label: { kind: 'json', value: 'forest@0.5' }, secret: { kind: 'metric', value: 's3cret' } },
      });
      expect(printed).toContain('forest@0.5\n');
      const cells = executed!.cells;
      expect(executed!.nbformat).toBe(4);
      // the injected cell sits right after the `parameters` cell
      expect(cells.map((c) => c.metadata.tags ?? [])).toEqual([[], [], ['parameters'], ['injected-parameters'], []]);
      const injected = [cells[3]!.source].flat().join('');
      expect(injected).toContain("model = 'forest'");
      expect(injected).toContain("flags = {'on': True, 'off': None}");
      expect(cells.map((c) => c.execution_count)).toEqual([undefined, 1, 2, 3, 4]);
      expect(cells[4]!.outputs).toEqual([
        { output_type: 'stream', name: 'stdout', text: 'forest@0.5\n' },
        { output_type: 'execute_result', execution_count: 4, data: { 'text/plain': '1.0' }, metadata: {} },
      ]);
      expect(process.env.TOKEN).toBeUndefined();
    });

    it(`${mode.label}: a failing cell fails the call with its traceback; later cells are not run`, async () => {
      const { result, executed } = await runNotebook(
        mode.python(),
        notebook('x = 1', 'def f():\n    raise KeyError("lost")\nf()', 'x = 2'),
        {
          returns: [{ name: 'x', kind: 'json' }],
        },
      );
      expect(result.ok).toBe(false);
      expect(result.outputs).toEqual({});
      expect(result.message).toMatch(/^The notebook nb\.ipynb failed in cell 2 \(code cell 2\):/);
      expect(result.message).toContain('KeyError');
      expect(result.message).toContain('raise KeyError("lost")');
      const cells = executed!.cells;
      expect(cells.map((c) => c.execution_count)).toEqual([1, 2, null]);
      expect(cells[1]!.outputs).toEqual([expect.objectContaining({ output_type: 'error', ename: 'KeyError', evalue: "'lost'" })]);
      expect(cells[2]!.outputs).toEqual([]);
    });

    it(`${mode.label}: no tagged cell puts the parameters first; a missing return fails`, async () => {
      const { result, executed } = await runNotebook(mode.python(), notebook('y = n + 1'), {
        parameters: { n: { kind: 'json', value: 2 } },
        returns: [
          { name: 'y', kind: 'json' },
          { name: 'z', kind: 'json' },
        ],
      });
      expect(result.ok).toBe(false);
      expect(result.message).toBe("The notebook nb.ipynb did not define 'z', a declared return");
      expect(executed!.cells[0]!.metadata.tags).toEqual(['injected-parameters']);
      expect(executed!.cells[1]!.execution_count).toBe(2);
    });
  }

  it('plain python: a magic fails its cell with a message saying to install IPython', async () => {
    const { result } = await runNotebook(plainPython, notebook('x = 1', '%time y = 2'));
    expect(result.ok).toBe(false);
    expect(result.message).toContain('Cell 2 uses the IPython syntax `%time y = 2`');
    expect(result.message).toContain('pip install ipython');
  });

  it.skipIf(!hasIPython)('IPython: magics and display() work', async () => {
    const { result, executed } = await runNotebook(
      'python3',
      notebook('%time y = 2', 'from IPython.display import display\ndisplay({"a": y})'),
      {
        returns: [{ name: 'y', kind: 'json' }],
      },
    );
    expect(result).toMatchObject({ ok: true, outputs: { y: { kind: 'json', value: 2 } } });
    expect(executed!.cells[0]!.outputs[0]).toMatchObject({
      output_type: 'stream',
      name: 'stdout',
      text: expect.stringContaining('Wall time'),
    });
    expect(executed!.cells[1]!.outputs).toEqual([{ output_type: 'display_data', data: { 'text/plain': "{'a': 2}" }, metadata: {} }]);
  });

  it('the worker serves python calls after a notebook, with none of its names left behind', async () => {
    fs.writeFileSync(path.join(dir, 'after_nb.py'), 'def check():\n    import builtins\n    return hasattr(builtins, "leaked")\n');
    const pool = new PythonWorkerPool({ cwd: dir, python: 'python3' });
    pools.push(pool);
    const file = path.join(dir, 'leaky.ipynb');
    fs.writeFileSync(file, notebook('leaked = 1'));
    const base = { parameters: {}, iterVariables: {}, env: {}, objectPaths: {}, objectOutDir: dir };
    const first = await pool.notebook(
      { ...base, notebook: file, label: 'l', outPath: path.join(dir, 'l-out.ipynb'), returns: [] },
      () => {},
    );
    expect(first.ok).toBe(true);
    fs.writeFileSync(file, notebook('other = 2'));
    const again = await pool.notebook(
      { ...base, notebook: file, label: 'l', outPath: path.join(dir, 'l-out.ipynb'), returns: [{ name: 'leaked', kind: 'json' }] },
      () => {},
    );
    expect(again.message).toBe("The notebook l did not define 'leaked', a declared return");
    const call = await pool.call({ ...base, command: 'after_nb.check', returns: [{ name: 'r', kind: 'json' }] }, () => {});
    expect(call.outputs).toMatchObject({ r: { kind: 'json', value: false } });
  });
});

/** A pipeline shaped like runnable's notebook examples: a sequence, parallel branches, a map with `${var}` returns. */
const EXAMPLE = {
  'params.yaml': 'integer: 1\nchunks: [1, 2]\n',
  'secrets.env': 'API_TOKEN=t0ken\n',
  'config.yaml': 'secrets:\n  type: dotenv\n  config:\n    location: secrets.env\n',
  'notebooks/read_and_write.ipynb': notebook(
    '#parameters\ninteger = 0',
    'import os\nassert os.environ["API_TOKEN"] == "t0ken"\ndoubled = integer * 2\nscore = 0.5\nbox = frozenset([doubled])\nprint("doubled", doubled)',
  ),
  'notebooks/branch.ipynb': notebook('#parameters\ndoubled = 0\nside = "?"', 'seen = f"{side}:{doubled}"'),
  'notebooks/chunk.ipynb': notebook('#parameters\nchunk = 0', 'globals()[f"processed_{chunk}"] = chunk * 10'),
  'functions.py':
    'def check(doubled, score, left, right, box, **rest):\n    assert box == frozenset([doubled])\n    return f"{doubled} {score} {left} {right} {rest[\'processed_${chunk}\']!r}"\n',
  'pipeline.yaml': `
    dag:
      start_at: read and write
      steps:
        read and write:
          type: task
          command_type: notebook
          command: notebooks/read_and_write.ipynb
          secrets: [API_TOKEN]
          returns:
            - name: doubled
            - name: score
              kind: metric
            - name: box
              kind: object
          next: sides
        sides:
          type: parallel
          next: per chunk
          branches:
            left:
              start_at: see
              steps:
                see:
                  type: task
                  command_type: shell
                  command: export side=left
                  returns: [{name: side}]
                  next: notebook
                notebook:
                  type: task
                  command_type: notebook
                  command: notebooks/branch.ipynb
                  returns: [{name: seen}]
                  next: rename
                rename:
                  type: task
                  command_type: shell
                  command: export left="$seen"
                  returns: [{name: left}]
                  next: success
            right:
              start_at: see
              steps:
                see:
                  type: task
                  command_type: shell
                  command: export side=right
                  returns: [{name: side}]
                  next: notebook
                notebook:
                  type: task
                  command_type: notebook
                  command: notebooks/branch.ipynb
                  returns: [{name: seen}]
                  next: rename
                rename:
                  type: task
                  command_type: shell
                  command: export right="$seen"
                  returns: [{name: right}]
                  next: success
        per chunk:
          type: map
          iterate_on: chunks
          iterate_as: chunk
          next: check
          branch:
            start_at: process
            steps:
              process:
                type: task
                command_type: notebook
                command: notebooks/chunk.ipynb
                returns:
                  - name: processed_\${chunk}
                next: success
        check:
          type: task
          command: functions.check
          returns: [{name: summary}]
          next: success
  `,
};

describe('notebook pipelines', () => {
  function exampleWorkspace(config?: string) {
    const files = Object.fromEntries(Object.entries(EXAMPLE).map(([k, v]) => [k, k.endsWith('.ipynb') ? v : dedent(v)]));
    if (config) files['config.yaml'] += config;
    return workspace(files);
  }

  for (const executor of ['local', 'emulator']) {
    it(`${executor}: parameters in and out of notebooks in a sequence, parallel branches and a map with \${var} returns`, async () => {
      const ws = exampleWorkspace(`pipeline-executor:\n  type: ${executor}\n`);
      const r = await runCli(['execute', 'pipeline.yaml', 'nb', '-p', 'params.yaml', '-c', 'config.yaml'], { cwd: ws.dir });
      expect(r.code, r.output).toBe(0);
      const log = ws.runLog('nb');
      expect(log.status).toBe('SUCCESS');
      // the map's fan-in reduces the declared (unfilled) name, which no branch sets: runnable's "" (as runnable)
      expect(log.parameters.summary?.value).toBe("2 0.5 left:2 right:2 ''");
      expect(log.parameters.score).toMatchObject({ kind: 'metric', value: 0.5 });
      expect(log.steps['read and write']!.attempts[0]!.user_defined_metrics).toMatchObject({ score: { kind: 'metric', value: 0.5 } });
      expect(log.steps['per chunk']!.branches['per chunk.2']!.steps['per chunk.2.process']!.attempts[0]!.output_parameters).toMatchObject({
        processed_2: { kind: 'json', value: 20 },
      });
      expect(log.steps['per chunk']!.branches['per chunk.1']!.parameters).toMatchObject({ processed_1: { kind: 'json', value: 10 } });
      // the executed notebooks, runnable's names, in the catalog (and not in the steps' data_catalog)
      const files = ws
        .walk('.catalog/nb')
        .filter((f) => f.endsWith('.ipynb'))
        .sort();
      expect(files).toEqual([
        'notebooks/branch-notebook_out.ipynb',
        'notebooks/chunk-chunk1process_out.ipynb',
        'notebooks/chunk-chunk2process_out.ipynb',
        'notebooks/read_and_write-readandwrite_out.ipynb',
      ]);
      expect(log.steps['read and write']!.data_catalog.map((c) => c.name)).not.toContain('notebooks/read_and_write-readandwrite_out.ipynb');
      const executed = JSON.parse(ws.read('.catalog/nb/notebooks/read_and_write-readandwrite_out.ipynb')) as { cells: Cell[] };
      expect(executed.cells[1]!.source).toContain('integer = 1');
      expect(executed.cells[2]!.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'doubled 2\n' }]);
      expect(ws.exists('.catalog/nb/box.dill')).toBe(true);
      expect(r.stdout).toContain('doubled 2');
    });
  }

  it('mocked: notebook tasks are mocked like any task', async () => {
    const ws = exampleWorkspace('pipeline-executor:\n  type: mocked\n');
    const r = await runCli(['execute', 'pipeline.yaml', 'nb', '-p', 'params.yaml', '-c', 'config.yaml'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    const log = ws.runLog('nb');
    expect(log.status).toBe('SUCCESS');
    expect(log.steps['read and write']!.mock).toBe(true);
    expect(ws.walk('.').filter((f) => f.endsWith('_out.ipynb'))).toEqual([]);
  });

  it('a notebook task whose command is not a .ipynb is refused before the run, with the fix', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: nb
          steps:
            nb:
              type: task
              command_type: notebook
              command: notebooks/thing.py
              next: success
      `),
    });
    const r = await runCli(['execute', 'pipeline.yaml', 'bad'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pipeline.yaml:7');
    expect(r.stderr).toContain('write `command: path/to/notebook.ipynb`');
  });
});

describe.skipIf(process.env.RUNNABLE_TEST_NO_DOCKER === '1')('notebook tasks in containers (local-container)', () => {
  it('a notebook runs in the container like any task: parameters in, returns out, executed notebook in the catalog', async () => {
    const ws = workspace({
      'params.yaml': 'threshold: 0.5\n',
      'score.ipynb': notebook('#parameters\nthreshold = 0.1', 'import os\nlabel = f"{threshold}@{os.path.exists(\'/.dockerenv\')}"'),
      'config.yaml': dedent(`
        pipeline-executor:
          type: local-container
          config:
            docker_image: runnable-test/node-python:1
            pull_policy: never
            network: none
      `),
      'pipeline.yaml': dedent(`
        dag:
          start_at: score
          steps:
            score:
              type: task
              command_type: notebook
              command: score.ipynb
              returns: [{name: label}]
              next: success
      `),
    });
    const r = await runCli(['execute', 'pipeline.yaml', 'nbc', '-p', 'params.yaml', '-c', 'config.yaml'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    const log = ws.runLog('nbc');
    expect(log.parameters.label?.value).toBe('0.5@True'); // it ran inside the container
    expect(ws.exists('.catalog/nbc/score-score_out.ipynb')).toBe(true);
  });
});
