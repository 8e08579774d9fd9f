// The SDK as runnable's users know it: runnable's option spellings (function, terminate_with_success, on_failure,
// catalog.store_copy, iterate_on...), NotebookTask, Pipeline.fromYAML / toYAML round trips over every example
// (same graph, same run log), and execute() choosing the executor from RUNNABLE_CONFIGURATION_FILE like the CLI,
// with a TypeScript function run by the emulator through execute-single-node, imported from its module by path.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Map, NotebookTask, Pipeline, PythonTask, ShellTask, Stub, TypeScriptTask, metric } from '../src/index.js';
import { loadPipelineFile } from '../src/pipeline/load.js';
import type { RunLog } from '../src/services/run-log/model.js';
import { REPO_ROOT, cliEnv, runCli } from './helpers/cli.js';
import { workspace } from './helpers/workspace.js';

/** Every pipeline YAML under examples/ (not configurations, parameters or workflows). */
function exampleYamls(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!['configs', 'github', 'plugins'].includes(e.name)) walk(p);
      } else if (/\.ya?ml$/.test(e.name) && /^\s*dag:/m.test(fs.readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  walk(path.join(REPO_ROOT, 'examples'));
  return out.sort();
}

/** What must match between two runs of one pipeline: statuses, parameters, every step's attempts and outputs. */
function summary(log: RunLog) {
  const steps: Record<string, unknown> = {};
  const visit = (s: RunLog['steps']) => {
    for (const step of Object.values(s)) {
      steps[step.internal_name] = { status: step.status, attempts: step.attempts.map((a) => [a.status, a.output_parameters]) };
      for (const b of Object.values(step.branches)) visit(b.steps);
    }
  };
  visit(log.steps);
  return { status: log.status, dag_hash: log.dag_hash, parameters: log.parameters, steps };
}

describe("runnable's SDK spellings", () => {
  it('snake_case options build the same pipeline as camelCase ones; `function` is `fn`', () => {
    const step1 = () => 1;
    const snake = new Pipeline({
      steps: [
        new TypeScriptTask({
          name: 'process',
          function: step1,
          returns: ['x'],
          max_attempts: 2,
          on_failure: new Pipeline({ steps: [new Stub({ name: 'recover' })] }),
        }),
        new Map({
          name: 'each',
          iterate_on: 'xs',
          iterate_as: 'x',
          branch: new Pipeline({
            steps: [new ShellTask({ name: 'echo', command: 'echo $x', catalog: { put: ['out/*'], store_copy: false } })],
          }),
        } as never),
        new Stub({ name: 'done', terminate_with_success: true }),
      ],
    });
    const camel = new Pipeline({
      steps: [
        new TypeScriptTask({
          name: 'process',
          fn: step1,
          returns: ['x'],
          maxAttempts: 2,
          onFailure: new Pipeline({ steps: [new Stub({ name: 'recover' })] }),
        }),
        new Map({
          name: 'each',
          iterateOn: 'xs',
          iterateAs: 'x',
          branch: new Pipeline({
            steps: [new ShellTask({ name: 'echo', command: 'echo $x', catalog: { put: ['out/*'], storeCopy: false } })],
          }),
        }),
        new Stub({ name: 'done', terminateWithSuccess: true }),
      ],
    });
    expect(snake.toDefinition()).toEqual(camel.toDefinition());
    expect(snake.dagHash).toBe(camel.dagHash);
    const steps = snake.toDefinition().dag.steps as Record<string, Record<string, unknown>>;
    expect(steps.process).toMatchObject({ max_attempts: 2, on_failure: 'recover' });
    expect((steps.each!.branch as { steps: Record<string, unknown> }).steps.echo).toMatchObject({
      catalog: { put: ['out/*'], store_copy: false },
    });
  });

  it('NotebookTask writes a notebook task', () => {
    const p = new Pipeline({
      steps: [new NotebookTask({ name: 'score', notebook: 'notebooks/score.ipynb', returns: [metric('accuracy')] })],
    });
    expect(p.toYAML()).toContain('command_type: notebook');
    expect(p.graph.nodes.score).toMatchObject({ task: { command_type: 'notebook', command: 'notebooks/score.ipynb' } });
  });
});

describe('Pipeline.fromYAML and toYAML', () => {
  const files = exampleYamls();
  it('finds the examples', () => expect(files.length).toBeGreaterThanOrEqual(10));

  it('every example: YAML -> SDK -> YAML gives the same graph and dag hash', () => {
    const ws = workspace();
    for (const file of files) {
      const p = Pipeline.fromYAML(file);
      expect(p.dagHash, file).toBe(loadPipelineFile(file).dagHash);
      const again = ws.path(`${path.basename(file)}.yaml`);
      fs.writeFileSync(again, p.toYAML());
      expect(loadPipelineFile(again).dagHash, file).toBe(p.dagHash);
      expect(Pipeline.fromYAML(again).toDefinition(), file).toEqual(p.toDefinition());
    }
  });

  it('a pipeline built in code -> YAML -> the CLI runs it with the same run log as execute() in code', async () => {
    const ws = workspace();
    fs.cpSync(path.join(REPO_ROOT, 'examples'), ws.path('examples'), { recursive: true });
    const built = new Pipeline({
      steps: [
        new PythonTask({ name: 'hello', function: 'examples.common.functions.hello' }),
        new ShellTask({ name: 'say', command: 'export said=yes', returns: ['said'] }),
      ],
    });
    fs.writeFileSync(ws.path('built.yaml'), built.toYAML());
    const saved = process.cwd();
    process.chdir(ws.dir);
    const inCode = await built.execute({ runId: 'code', env: cliEnv(ws.dir) }).finally(() => process.chdir(saved));
    expect(inCode.status).toBe('SUCCESS');
    const r = await runCli(['execute', 'built.yaml', 'file'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    expect(summary(ws.runLog('file'))).toEqual(summary(ws.runLog('code')));
  });

  it('an example read with fromYAML runs in code with the same run log as the CLI gives the file', async () => {
    const ws = workspace();
    fs.cpSync(path.join(REPO_ROOT, 'examples'), ws.path('examples'), { recursive: true });
    const file = 'examples/02-sequential/traversal.yaml';
    const r = await runCli(['execute', file, 'cli'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    const saved = process.cwd();
    process.chdir(ws.dir);
    const inCode = await Pipeline.fromYAML(file)
      .execute({ runId: 'sdk', env: cliEnv(ws.dir) })
      .finally(() => process.chdir(saved));
    expect(inCode.status).toBe('SUCCESS');
    expect(summary(ws.runLog('sdk'))).toEqual(summary(ws.runLog('cli')));
    expect(ws.runLog('sdk').run_config.pipeline_definition_file).toBe(file);
  });
});

describe('execute() and RUNNABLE_CONFIGURATION_FILE', () => {
  it('the emulator runs a TypeScript function in another process, imported by path from the module that exports it', () => {
    const lib = path.join(REPO_ROOT, 'dist/lib/index.js');
    if (!fs.existsSync(lib)) throw new Error(`${lib} is missing: run \`npm run build\` first.`);
    const ws = workspace({
      'emulator.yaml': 'pipeline-executor:\n  type: emulator\n',
      'pipeline.mjs': [
        "import { fileURLToPath } from 'node:url';",
        "import { Pipeline, ShellTask, TypeScriptTask } from 'runnable';",
        '',
        '// exported, so that execute-single-node can import it by name in another process',
        'export function step1() {',
        '  return { pid: process.pid, from: "step1" };',
        '}',
        '',
        'export const pipeline = new Pipeline({',
        '  steps: [',
        "    new TypeScriptTask({ function: step1, name: 'process', returns: ['x'] }),",
        "    new ShellTask({ name: 'report', command: 'echo \"got $x\"' }),",
        '  ],',
        '});',
        '',
        '// run only when this file is the program, not when a step imports it for step1',
        'if (process.argv[1] === fileURLToPath(import.meta.url)) {',
        '  const { status } = await pipeline.execute({ runId: "emu", console: true });',
        "  process.exitCode = status === 'SUCCESS' ? 0 : 1;",
        '}',
        '',
      ].join('\n'),
    });
    // the package as installed: the library and the CLI bundle its executors start
    fs.cpSync(path.dirname(lib), ws.path('node_modules/runnable/dist/lib'), { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, 'dist/cli'), ws.path('node_modules/runnable/dist/cli'), { recursive: true });
    fs.writeFileSync(
      ws.path('node_modules/runnable/package.json'),
      JSON.stringify({ name: 'runnable', type: 'module', exports: './dist/lib/index.js' }),
    );
    const r = spawnSync(process.execPath, ['pipeline.mjs'], {
      cwd: ws.dir,
      env: { ...cliEnv(ws.dir), RUNNABLE_CONFIGURATION_FILE: 'emulator.yaml' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    const log = ws.runLog('emu');
    expect(log.status).toBe('SUCCESS');
    expect(log.run_config.pipeline_executor).toMatchObject({ service_name: 'emulator' });
    const x = log.parameters.x?.value as { pid: number; from: string };
    expect(x.from).toBe('step1');
    expect(x.pid).not.toBe(r.pid); // it ran in the emulator's subprocess
    expect(r.stdout).toContain('got {"pid":');
  });

  it('an anonymous function cannot run elsewhere: refused by name with the fix', async () => {
    const ws = workspace({ 'emulator.yaml': 'pipeline-executor:\n  type: emulator\n' });
    const p = new Pipeline({ steps: [new TypeScriptTask({ name: 'anon', function: () => 1 })] });
    await expect(
      p.execute({ runId: 'anon', env: { ...cliEnv(ws.dir), RUNNABLE_CONFIGURATION_FILE: ws.path('emulator.yaml') } }),
    ).rejects.toThrow(/export/);
  });
});

describe('a pipeline read with fromYAML inside a code pipeline', () => {
  it('is a branch like any other', () => {
    const ws = workspace({
      'branch.yaml':
        'dag:\n  start_at: hi\n  steps:\n    hi:\n      type: task\n      command_type: shell\n      command: echo hi\n      next: success\n',
    });
    const p = new Pipeline({
      steps: [new Map({ name: 'each', iterateOn: 'xs', iterateAs: 'x', branch: Pipeline.fromYAML(ws.path('branch.yaml')) })],
    });
    const branch = (p.toDefinition().dag.steps as Record<string, { branch: { start_at: string } }>).each!.branch;
    expect(branch.start_at).toBe('hi');
    expect(p.graph.nodes.each).toMatchObject({ branch: { startAt: 'hi' } });
  });
});
