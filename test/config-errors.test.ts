// The configuration file, the CLI flags and the parameters file: what is refused (exit 2, located, with a fix,
// nothing created), RUNNABLE_VAR_ templating, which configuration file wins, and an existing run id.
// Pure refusals run main() in this process (fast); the rest, and one refusal of each kind, the built CLI.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './helpers/cli.js';
import { dedent, lineColOf, workspace, type Workspace } from './helpers/workspace.js';

// The task prints the configuration file the run chose (runnable exports it to tasks).
const PIPELINE = dedent(`
  dag:
    start_at: show
    steps:
      show:
        type: task
        command_type: shell
        command: echo "config=$RUNNABLE_CONFIGURATION_FILE"
        next: success
`);

/** A config that puts the file-system run log in `folder`, so the chosen file shows on disk. */
const logsIn = (folder: string) => `run-log-store:\n  type: file-system\n  config:\n    log_folder: ${folder}\n`;

function expectNothingCreated(ws: Workspace): void {
  expect(ws.exists('.run_log_store'), 'a run log folder was created').toBe(false);
  expect(ws.exists('.catalog'), 'a catalog folder was created').toBe(false);
}

function expectRefused(r: CliResult, kind: string): void {
  expect(r.code, r.output).toBe(2);
  expect(r.stderr).toContain(`error: ${kind}`);
  expect(r.stderr).toMatch(/Fix: \S/);
  expect(r.stderr).not.toContain('internal error');
}

describe('configuration errors are refused with exit 2 before anything runs', () => {
  it('the magnus-era top-level key `executor:` names `pipeline-executor`', async () => {
    const config = 'executor:\n  type: local\n';
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'config.yaml': config });
    const r = await runCli(['execute', 'pipeline.yaml', 'r1', '-c', 'config.yaml'], { cwd: ws.dir });
    expectRefused(r, 'invalid configuration');
    expect(r.stderr).toContain('config.yaml:1:1: "executor" is not a configuration key');
    expect(r.stderr).toContain('rename it to "pipeline-executor"');
    expectNothingCreated(ws);
  });

  it('an unknown top-level key gets a suggestion', async () => {
    const config = 'run-log-store:\n  type: buffered\ncatalogue:\n  type: file-system\n';
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'config.yaml': config });
    const r = await runCli(['execute', 'pipeline.yaml', 'r1', '-c', 'config.yaml'], { cwd: ws.dir, inProcess: true });
    expectRefused(r, 'invalid configuration');
    const { line, col } = lineColOf(config, 'catalogue');
    expect(r.stderr).toContain(`config.yaml:${line}:${col}: "catalogue" is not a configuration key. Did you mean "catalog"?`);
    expectNothingCreated(ws);
  });

  it('an unknown service type gets a suggestion and the list of types', async () => {
    const config = dedent(`
      pipeline-executor:
        type: local
      run-log-store:
        type: chunked_fs
    `);
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'config.yaml': config });
    const r = await runCli(['execute', 'pipeline.yaml', 'r1', '-c', 'config.yaml'], { cwd: ws.dir, inProcess: true });
    expectRefused(r, 'invalid configuration');
    const { line, col } = lineColOf(config, 'chunked_fs');
    expect(r.stderr).toContain(`config.yaml:${line}:${col}: "chunked_fs" is not a run-log-store type. Did you mean "chunked-fs"?`);
    expect(r.stderr).toMatch(/Fix: use one of [^\n]*file-system[^\n]*chunked-fs/);
    expectNothingCreated(ws);
  });

  it('an unknown setting of a service, and several problems at once', async () => {
    const config = dedent(`
      run-log-store:
        type: file-system
        config:
          log_foldr: logs
      pipeline-executor:
        type: local
        config:
          enable_paralel: true
    `);
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'config.yaml': config });
    const r = await runCli(['execute', 'pipeline.yaml', 'r1', '-c', 'config.yaml'], { cwd: ws.dir, inProcess: true });
    expectRefused(r, 'invalid configuration (2 problems)');
    let at = lineColOf(config, 'log_foldr');
    expect(r.stderr).toContain(
      `config.yaml:${at.line}:${at.col}: "log_foldr" is not a setting of the file-system run-log-store. Did you mean "log_folder"?`,
    );
    at = lineColOf(config, 'enable_paralel');
    expect(r.stderr).toContain(
      `config.yaml:${at.line}:${at.col}: "enable_paralel" is not a setting of the local pipeline-executor. Did you mean "enable_parallel"?`,
    );
    expect(ws.exists('logs')).toBe(false);
    expectNothingCreated(ws);
  });

  it('a configuration file that does not exist', async () => {
    const ws = workspace({ 'pipeline.yaml': PIPELINE });
    const r = await runCli(['execute', 'pipeline.yaml', 'r1', '-c', 'missing.yaml'], { cwd: ws.dir, inProcess: true });
    expectRefused(r, 'invalid configuration');
    expect(r.stderr).toContain('missing.yaml does not exist');
    expectNothingCreated(ws);
  });

  it('RUNNABLE_CONFIGURATION_FILE naming a missing file is refused even when -c is fine', async () => {
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'cli.yaml': logsIn('logs-cli') });
    const r = await runCli(['execute', 'pipeline.yaml', 'r1', '-c', 'cli.yaml'], {
      cwd: ws.dir,
      inProcess: true,
      env: { RUNNABLE_CONFIGURATION_FILE: 'gone.yaml' },
    });
    expectRefused(r, 'invalid configuration');
    expect(r.stderr).toContain('gone.yaml does not exist');
    expect(ws.exists('logs-cli')).toBe(false);
    expectNothingCreated(ws);
  });
});

describe('flags and the parameters file', () => {
  it('an unknown flag: exit 2 with the usage', async () => {
    const ws = workspace({ 'pipeline.yaml': PIPELINE });
    const r = await runCli(['execute', 'pipeline.yaml', '--nope'], { cwd: ws.dir });
    expectRefused(r, 'invalid arguments');
    expect(r.stderr).toContain('has no option --nope');
    expect(r.stderr).toContain('usage: runnable execute PIPELINE.yaml [RUN_ID]');
    expectNothingCreated(ws);
  });

  it('a bad --log-level: exit 2 naming the levels', async () => {
    const ws = workspace({ 'pipeline.yaml': PIPELINE });
    const r = await runCli(['execute', 'pipeline.yaml', 'r1', '--log-level', 'LOUD'], { cwd: ws.dir, inProcess: true });
    expectRefused(r, 'invalid arguments');
    expect(r.stderr).toContain('LOUD');
    expect(r.stderr).toMatch(/DEBUG, INFO, WARNING, ERROR/);
    expectNothingCreated(ws);
  });

  it('a parameters file that is a list: exit 2', async () => {
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'params.yaml': '- 1\n- 2\n' });
    const r = await runCli(['execute', 'pipeline.yaml', 'r1', '-p', 'params.yaml'], { cwd: ws.dir, inProcess: true });
    expectRefused(r, 'invalid parameters');
    expect(r.stderr).toContain('params.yaml:1:1: the parameters file must be a mapping');
    expectNothingCreated(ws);
  });
});

describe('RUNNABLE_VAR_ templating', () => {
  it('fills $name and ${name}; an unresolved variable is left as it is, with a warning', async () => {
    const config = dedent(`
      run-log-store:
        type: file-system
        config:
          log_folder: $logs
      catalog:
        type: file-system
        config:
          catalog_location: "\${store}-catalog"
      secrets:
        type: dotenv
        config:
          location: $not_set/.env
    `);
    const ws = workspace({ 'pipeline.yaml': PIPELINE, 'config.yaml': config });
    const r = await runCli(['execute', 'pipeline.yaml', 'tpl', '-c', 'config.yaml'], {
      cwd: ws.dir,
      env: { RUNNABLE_VAR_logs: 'my-logs', RUNNABLE_VAR_store: 'team' },
    });
    expect(r.code, r.output).toBe(0);
    expect(ws.exists('my-logs/tpl.json')).toBe(true);
    expect(ws.readJson('my-logs/tpl.json').status).toBe('SUCCESS');
    expect(ws.list('team-catalog/tpl').some((f) => f.endsWith('.execution.log'))).toBe(true);
    expect(ws.exists('.run_log_store')).toBe(false);
    expect(ws.exists('.catalog')).toBe(false);
    expect(r.stderr).toContain('warning: the configuration uses $not_set, but RUNNABLE_VAR_not_set is not set');
    expect(r.stderr).not.toMatch(/\$logs|\$\{?store/);
  });
});

describe('which configuration file is used', () => {
  it('RUNNABLE_CONFIGURATION_FILE beats -c, which beats ./runnable-config.yaml, which beats the defaults', async () => {
    const ws = workspace({
      'pipeline.yaml': PIPELINE,
      'env.yaml': logsIn('logs-env'),
      'cli.yaml': logsIn('logs-cli'),
      'runnable-config.yaml': logsIn('logs-local'),
    });
    let r = await runCli(['execute', 'pipeline.yaml', 'p1', '-c', 'cli.yaml'], {
      cwd: ws.dir,
      env: { RUNNABLE_CONFIGURATION_FILE: 'env.yaml' },
    });
    expect(r.code, r.output).toBe(0);
    expect(ws.list('logs-env')).toEqual(['p1.json']);
    expect(r.stdout).toContain('[show] config=env.yaml');

    r = await runCli(['execute', 'pipeline.yaml', 'p2', '-c', 'cli.yaml'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    expect(ws.list('logs-cli')).toEqual(['p2.json']);
    expect(r.stdout).toContain('[show] config=cli.yaml');

    r = await runCli(['execute', 'pipeline.yaml', 'p3'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    expect(ws.list('logs-local')).toEqual(['p3.json']);
    expect(r.stdout).toContain('[show] config=runnable-config.yaml');

    fs.rmSync(ws.path('runnable-config.yaml'));
    r = await runCli(['execute', 'pipeline.yaml', 'p4'], { cwd: ws.dir });
    expect(r.code, r.output).toBe(0);
    expect(ws.list('.run_log_store')).toEqual(['p4.json']);
    expect(ws.runLog('p4').run_config.run_log_store).toMatchObject({ service_name: 'file-system' });

    // each run went to exactly one place
    expect(ws.list('logs-env')).toEqual(['p1.json']);
    expect(ws.list('logs-cli')).toEqual(['p2.json']);
    expect(ws.list('logs-local')).toEqual(['p3.json']);
  });
});

describe('an existing run id', () => {
  it('is refused with exit 2 and the first run log is untouched', async () => {
    const ws = workspace({ 'pipeline.yaml': PIPELINE });
    const first = await runCli(['execute', 'pipeline.yaml', 'same-id'], { cwd: ws.dir });
    expect(first.code, first.output).toBe(0);
    const before = ws.read('.run_log_store/same-id.json');
    const catalogBefore = ws.walk('.catalog');

    const again = await runCli(['execute', 'pipeline.yaml', 'same-id', '--tag', 'second'], { cwd: ws.dir });
    expectRefused(again, 'run id exists');
    expect(again.stderr).toContain('"same-id" already exists');
    expect(again.stdout).not.toContain('[show]');
    expect(ws.read('.run_log_store/same-id.json')).toBe(before);
    expect(ws.walk('.catalog')).toEqual(catalogBefore);
    expect(ws.list('.run_log_store')).toEqual(['same-id.json']);

    // RUNNABLE_RUN_ID is the same run id by another route
    const viaEnv = await runCli(['execute', 'pipeline.yaml'], { cwd: ws.dir, env: { RUNNABLE_RUN_ID: 'same-id' } });
    expectRefused(viaEnv, 'run id exists');
    expect(ws.read('.run_log_store/same-id.json')).toBe(before);
  });
});
