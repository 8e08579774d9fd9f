// Plugins a CLI user installs: the worked example under examples/plugins/ is copied into a temporary
// node_modules, and pipelines run from YAML on its node-by-node executor (step-timer) and its whole-graph one
// (plan), by the built CLI; a plugin named by path; two packages claiming one type; a broken plugin.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runActionIn } from './helpers/action.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { dedent, workspace } from './helpers/workspace.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/plugins/runnable-step-timer');
const PIPELINE = dedent(`
  dag:
    start_at: hello
    steps:
      hello:
        type: task
        command_type: shell
        command: export greeting=hello
        returns: [greeting]
        next: pair
      pair:
        type: parallel
        next: success
        branches:
          a:
            start_at: echo
            steps:
              echo:
                type: task
                command_type: shell
                command: echo "a says $greeting"
                next: success
          b:
            start_at: wait
            steps:
              wait:
                type: stub
                next: success
`);

function withInstalledExample(extra: Record<string, string> = {}) {
  const ws = workspace({ 'pipeline.yaml': PIPELINE, ...extra });
  fs.cpSync(EXAMPLE, ws.path('node_modules/runnable-step-timer'), { recursive: true });
  return ws;
}

describe('plugins installed in node_modules', () => {
  it('a node-by-node executor from a package runs a pipeline from YAML, every leaf through the engine', async () => {
    const ws = withInstalledExample({ 'config.yaml': 'pipeline-executor:\n  type: step-timer\n  config:\n    report: timings.tsv\n' });
    const r = await runCli(['execute', 'pipeline.yaml', 'timed', '-c', 'config.yaml'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    const log = ws.runLog('timed');
    expect(log.status).toBe('SUCCESS');
    expect(log.parameters.greeting?.value).toBe('hello');
    expect(log.run_config.pipeline_executor).toMatchObject({ service_name: 'step-timer' });
    const rows = ws
      .read('timings.tsv')
      .trim()
      .split('\n')
      .map((l) => l.split('\t').slice(0, 2).join(' '));
    expect(rows[0]).toBe('step status');
    // tasks and stubs come to the executor; success and fail nodes are the engine's own
    expect(rows.slice(1).sort()).toEqual(['hello SUCCESS', 'pair.a.echo SUCCESS', 'pair.b.wait SUCCESS']);
    expect(r.stdout).toContain('a says hello');
  });

  it('the action finds the same installed plugin as the CLI (execute and validate modes)', async () => {
    const ws = withInstalledExample({ 'config.yaml': 'pipeline-executor:\n  type: step-timer\n  config:\n    report: timings.tsv\n' });
    const run = await runActionIn(ws.dir, { pipeline: 'pipeline.yaml', config: 'config.yaml', 'run-id': 'from-action' });
    expect(run.code, run.stdout).toBe(0);
    expect(ws.runLog('from-action').run_config.pipeline_executor).toMatchObject({ service_name: 'step-timer' });
    expect(ws.read('timings.tsv')).toContain('hello');
    const validate = await runActionIn(ws.dir, { pipeline: 'pipeline.yaml', config: 'config.yaml', mode: 'validate' });
    expect(validate.code, validate.stdout).toBe(0);
  });

  it('a whole-graph executor from a package renders the pipeline (execute and transpile) and runs nothing', async () => {
    const ws = withInstalledExample({ 'config.yaml': 'pipeline-executor:\n  type: plan\n  config:\n    output: plan.txt\n' });
    const r = await runCli(['execute', 'pipeline.yaml', 'planned', '-c', 'config.yaml'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('plan of run planned written to plan.txt');
    expect(ws.read('plan.txt')).toBe(
      'hello\ttask\t-> pair\npair\tparallel\t-> success\n  pair.a.echo\ttask\t-> success\n  pair.a.success\tsuccess\n  pair.b.wait\tstub\t-> success\n  pair.b.success\tsuccess\nsuccess\tsuccess\n',
    );
    expect(r.output).not.toContain('a says hello');
    fs.rmSync(ws.path('plan.txt'));
    const t = await runCli(['transpile', 'pipeline.yaml', '-c', 'config.yaml'], { cwd: ws.dir });
    expect(t.code, t.output).toBe(0);
    expect(ws.exists('plan.txt')).toBe(true);
  });

  it('a plugin named by path (type: ./plugins/x.js)', async () => {
    const ws = workspace({
      'pipeline.yaml': PIPELINE,
      'plugins/timer.js': fs.readFileSync(path.join(EXAMPLE, 'step-timer.js'), 'utf8'),
      'config.yaml': 'pipeline-executor:\n  type: ./plugins/timer.js\n',
    });
    const r = await runCli(['execute', 'pipeline.yaml', 'bypath', '-c', 'config.yaml'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    expect(ws.read('step-timings.tsv')).toContain('pair.a.echo\tSUCCESS');
  });

  it('two installed packages claiming one type: an error naming both, before anything runs', async () => {
    const ws = withInstalledExample({ 'config.yaml': 'pipeline-executor:\n  type: step-timer\n' });
    fs.cpSync(EXAMPLE, ws.path('node_modules/@acme/timer'), { recursive: true });
    const manifest = JSON.parse(ws.read('node_modules/@acme/timer/package.json'));
    ws.write('node_modules/@acme/timer/package.json', JSON.stringify({ ...manifest, name: '@acme/timer' }));
    const r = await runCli(['execute', 'pipeline.yaml', 'twice', '-c', 'config.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config.yaml:2');
    expect(r.stderr).toMatch(
      /provided by two installed packages: (runnable-step-timer and @acme\/timer|@acme\/timer and runnable-step-timer)/,
    );
    expect(ws.exists('.run_log_store')).toBe(false);
  });

  it('an unknown type still lists the known ones; a plugin without create() is refused with the fix', async () => {
    const ws = workspace({
      'pipeline.yaml': PIPELINE,
      'config.yaml': 'pipeline-executor:\n  type: nowhere\n',
      'bad.yaml': 'pipeline-executor:\n  type: ./plugins/bad.js\n',
      'plugins/bad.js': 'export default { make() {} };\n',
    });
    const r = await runCli(['execute', 'pipeline.yaml', 'x', '-c', 'config.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"nowhere" is not a pipeline-executor type');
    const b = await runCli(['execute', 'pipeline.yaml', 'x', '-c', 'bad.yaml'], { cwd: ws.dir });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('has no default export with a create(config, host) function');
  });
});

describe('plugins of the other kinds', () => {
  it('a secrets store named by path gives tasks their secrets', async () => {
    const ws = workspace({
      'plugins/vault.js': 'export default { create: (config) => ({ type: "vault", get: (name) => `${config.prefix}-${name}` }) };\n',
      'config.yaml': 'secrets:\n  type: ./plugins/vault.js\n  config:\n    prefix: from-vault\n',
      'pipeline.yaml': dedent(`
        dag:
          start_at: read
          steps:
            read:
              type: task
              command_type: shell
              command: printf '%s' "$TOKEN" > seen.txt; export seen="$TOKEN"
              secrets: [TOKEN]
              returns: [seen]
              next: success
      `),
    });
    const r = await runCli(['execute', 'pipeline.yaml', 'vault', '-c', 'config.yaml'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    expect(ws.read('seen.txt')).toBe('from-vault-TOKEN');
    // a returned parameter holding the secret is kept masked in the run log (test/reliability/secret-parameters.test.ts)
    expect(ws.runLog('vault').parameters.seen?.value).toBe('***');
  });
});
