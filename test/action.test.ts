// The GitHub Action's main step, run in-process with the REAL @actions/core: inputs as INPUT_* variables
// (hyphens kept), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY as temp files, GITHUB_WORKSPACE the test's
// workspace; what the runner would read is this process's stdout, captured. The built bundle is run as a
// child process in action-dist.test.ts.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UrgentReport, type RunOptions } from '../src/action/main.js';
import { ANNOTATIONS_PER_TYPE } from '../src/action/annotations.js';
import { ActionLog } from '../src/action/log.js';
import { SecretRegistry } from '../src/action/masking.js';
import { renderSummary } from '../src/action/summary.js';
import { SecretMasker } from '../src/services/secrets/masker.js';
import { buildPipeline } from '../src/pipeline/build.js';
import { YamlSource } from '../src/pipeline/yaml-source.js';
import type { RunLog, StepLog } from '../src/services/run-log/model.js';
import { runActionIn, type ActionResult } from './helpers/action.js';
import { dedent, lineColOf, workspace, type Workspace } from './helpers/workspace.js';

/** The action's main step in `ws`, in-process (test/helpers/action.ts). */
const runAction = (ws: Workspace, inputs: Record<string, string>, env: Record<string, string | undefined> = {}, options: RunOptions = {}) =>
  runActionIn(ws.dir, inputs, env, options);

/** Whether workflow commands are stopped (`::stop-commands::T` seen, `::T::` not yet) at line `index`. */
function commandsStoppedAt(lines: string[], index: number): boolean {
  let token: string | undefined;
  for (const line of lines.slice(0, index)) {
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) token = stop[1];
    else if (token !== undefined && line === `::${token}::`) token = undefined;
  }
  return token !== undefined;
}

/** Lines the runner would read as workflow commands (outside stop-commands sections). */
function commands(r: ActionResult): string[] {
  return r.lines.filter((l, i) => l.startsWith('::') && !commandsStoppedAt(r.lines, i) && !/^::stop-commands::/.test(l));
}

function expectCode(r: ActionResult, code: number): void {
  if (r.code !== code)
    throw new Error(`expected exit code ${code}, got ${r.code}.\n--- stdout ---\n${r.stdout}\n--- summary ---\n${r.summary}`);
}

afterEach(() => {
  process.exitCode = undefined;
});

const SUCCEEDING = dedent(`
  dag:
    start_at: hello
    steps:
      hello:
        type: task
        command_type: shell
        command: |
          echo "hello $name"
          echo "::warning::x"
          echo "::add-mask::hello"
          export greeting="hi $name"
        returns: [greeting]
        next: fan
      fan:
        type: parallel
        branches:
          left:
            start_at: one
            steps:
              one:
                type: task
                command_type: shell
                command: echo "from the left"
                next: success
          right:
            start_at: two
            steps:
              two:
                type: stub
                next: success
        next: success
`);

const FAILING = dedent(`
  dag:
    start_at: fine
    steps:
      fine:
        type: stub
        next: broken
      broken:
        type: task
        command_type: shell
        command: |
          echo "about to fail"
          exit 3
        next: success
`);

describe('the action (in-process, real @actions/core)', () => {
  it('runs a pipeline: outputs, one log group per top-level step, and a summary with the graph and the step table', async () => {
    const ws = workspace({ 'pipeline.yaml': SUCCEEDING });
    const r = await runAction(ws, { pipeline: 'pipeline.yaml', 'run-id': 'ok-run', parameters: '{"name": "world"}' });
    expectCode(r, 0);

    expect(r.outputs).toEqual({
      'run-id': 'ok-run',
      status: 'SUCCESS',
      'failed-steps': '[]',
      'run-log': path.join(ws.dir, '.run_log_store', 'ok-run.json'),
    });
    expect(ws.runLog('ok-run').status).toBe('SUCCESS');
    expect(r.state.runId).toBe('ok-run');

    // groups: one per top-level step, the composite's inner steps inside its group
    const cmds = commands(r);
    expect(cmds.filter((c) => c.startsWith('::group::'))).toEqual(['::group::hello', '::group::fan (parallel)']);
    expect(cmds.filter((c) => c === '::endgroup::')).toHaveLength(2);
    const fanGroup = r.lines.indexOf('::group::fan (parallel)');
    const inner = r.lines.findIndex((l) => l === '[fan.left.one] from the left');
    expect(inner).toBeGreaterThan(fanGroup);
    expect(inner).toBeLessThan(r.lines.indexOf('::endgroup::', fanGroup));
    expect(r.lines).toContain('hello world');

    // the summary: heading, Mermaid fence with the step ids and status classes, the table
    expect(r.summary).toMatch(/^## ✅ runnable: SUCCESS · `pipeline\.yaml`/);
    const fence = /```mermaid\n([\s\S]*?)\n```/.exec(r.summary);
    expect(fence).not.toBeNull();
    const mermaid = fence![1];
    for (const id of ['n_hello', 'n_fan', 'n_fan__left__one', 'n_fan__right__two']) expect(mermaid).toContain(id);
    expect(mermaid).toMatch(/classDef success fill:/);
    expect(mermaid).toMatch(/class [^\n]*\bn_hello\b[^\n]* success/);
    expect(r.summary).toContain('| step | status | attempts | duration | outputs |');
    expect(r.summary).toMatch(/\| hello \| ✅ SUCCESS \| 1 \| [^|]+ \| greeting="hi world" \|/);
    expect(r.summary).toMatch(/\| &nbsp;&nbsp;↳ left \| ✅ SUCCESS \|/);
    expect(r.summary).toMatch(/\| &nbsp;&nbsp;&nbsp;&nbsp;one \| ✅ SUCCESS \| 1 \|/);
  });

  it('never lets task output act as a workflow command: it is printed inside stop-commands', async () => {
    const ws = workspace({ 'pipeline.yaml': SUCCEEDING });
    const r = await runAction(ws, { pipeline: 'pipeline.yaml', 'run-id': 'commands' });
    expectCode(r, 0);
    for (const forged of ['::warning::x', '::add-mask::hello']) {
      const at = r.lines.indexOf(forged);
      expect(at, forged).toBeGreaterThan(0);
      expect(commandsStoppedAt(r.lines, at), forged).toBe(true);
    }
    // and nothing but the action's own commands is read by the runner
    for (const c of commands(r)) expect(c).toMatch(/^::(group::|endgroup::|[0-9a-f]{32}::$)/);
    // commands are on again when the step ends
    expect(commandsStoppedAt(r.lines, r.lines.length)).toBe(false);
  });

  it('fails a failing pipeline with exit 1, status FAIL and an error annotation at the failed step', async () => {
    const ws = workspace({ 'pipeline.yaml': FAILING });
    const r = await runAction(ws, { pipeline: 'pipeline.yaml', 'run-id': 'failing' });
    expectCode(r, 1);
    expect(r.outputs['run-id']).toBe('failing');
    expect(r.outputs.status).toBe('FAIL');
    expect(JSON.parse(r.outputs['failed-steps'])).toEqual(['broken']);

    const { line, col } = lineColOf(FAILING, 'type: task', 'broken:');
    const annotation = commands(r).find((c) => c.startsWith('::error ') && c.includes('file=pipeline.yaml'));
    expect(annotation).toBe(
      `::error title=step broken failed,file=pipeline.yaml,line=${line},col=${col}::step "broken" failed.%0ALast output:%0A  about to fail%0A  [runnable] the command exited with code 3`,
    );
    // the failure itself is the last annotation
    expect(commands(r).at(-1)).toBe('::error::run failing failed: broken.');

    expect(r.summary).toMatch(/^## ❌ runnable: FAIL/);
    expect(r.summary).toContain('- step "broken" failed.');
    expect(r.summary).toMatch(/class [^\n]*n_broken[^\n]* fail/);
    expect(r.summary).toMatch(/\| broken \| ❌ FAIL \| 1 \|/);
  });

  it('rejects an invalid pipeline with exit 2 and one located error annotation per problem; nothing runs', async () => {
    const pipeline = dedent(`
      dag:
        start_at: first
        steps:
          first:
            type: task
            command_type: shell
            command: echo hi
            next: nowhere
          second:
            type: bogus
            next: success
    `);
    const ws = workspace({ 'flows/pipeline.yaml': pipeline });
    const r = await runAction(ws, { pipeline: 'pipeline.yaml', 'working-directory': 'flows', 'run-id': 'invalid' });
    expectCode(r, 2);
    const located = commands(r).filter((c) => /^::error [^:]*file=/.test(c));
    const at = (needle: string, after: string) => lineColOf(pipeline, needle, after);
    // paths are relative to GITHUB_WORKSPACE, so the annotations attach to the file in the diff
    expect(located.map((c) => /file=([^,]+),line=(\d+),col=(\d+)::/.exec(c)!.slice(1).join(':')).sort()).toEqual(
      [
        `flows/pipeline.yaml:${at('nowhere', 'first:').line}:${at('nowhere', 'first:').col}`,
        `flows/pipeline.yaml:${at('bogus', 'second:').line}:${at('bogus', 'second:').col}`,
      ].sort(),
    );
    expect(located.every((c) => c.startsWith('::error title=invalid pipeline,file=flows/pipeline.yaml,'))).toBe(true);
    expect(located.some((c) => c.includes('step "second": "bogus" is not a node type. Fix: use one of task'))).toBe(true);
    expect(r.outputs.status).toBe('FAIL');
    expect(r.outputs['failed-steps']).toBe('[]');
    expect(ws.exists('flows/.run_log_store')).toBe(false);
    expect(r.summary).toMatch(/^## ❌ runnable: INVALID INPUT · `flows\/pipeline\.yaml`/);
    expect(r.summary).toContain('- pipeline.yaml:10:13: step "second": "bogus" is not a node type.');
  });

  it('refuses a run id that exists (exit 2) without claiming that run: no run-log output, no state for the post step', async () => {
    const ws = workspace({ 'pipeline.yaml': SUCCEEDING });
    expectCode(await runAction(ws, { pipeline: 'pipeline.yaml', 'run-id': 'taken' }), 0);
    const again = await runAction(ws, { pipeline: 'pipeline.yaml', 'run-id': 'taken' });
    expectCode(again, 2);
    expect(again.stdout).toContain('a run with id "taken" already exists');
    expect(again.outputs).toMatchObject({ status: 'FAIL', 'run-log': '' });
    expect(again.state.runId).toBeUndefined();
    expect(ws.runLog('taken').status).toBe('SUCCESS');
  });

  it('keeps to 10 error annotations per step, the last places saying how many more there are', async () => {
    const steps = Array.from({ length: 12 }, (_, i) => `    s${i}:\n      type: bogus${i}\n      next: success\n`).join('');
    const ws = workspace({ 'pipeline.yaml': `dag:\n  start_at: s0\n  steps:\n${steps}` });
    const r = await runAction(ws, { pipeline: 'pipeline.yaml' });
    expectCode(r, 2);
    const errors = commands(r).filter((c) => c.startsWith('::error'));
    expect(errors).toHaveLength(ANNOTATIONS_PER_TYPE);
    // one ::error per problem: no closing error repeats them
    expect(errors.filter((c) => c.includes('file=pipeline.yaml'))).toHaveLength(ANNOTATIONS_PER_TYPE - 1);
    expect(errors.at(-1)).toMatch(/^::error title=more problems::3 more problems/);
    // every problem is in the log all the same
    for (let i = 0; i < 12; i++) expect(r.stdout).toContain(`"bogus${i}" is not a node type`);
  });

  it('fails bad inputs with exit 2, naming each input and the fix', async () => {
    const ws = workspace({ 'pipeline.yaml': SUCCEEDING });
    const r = await runAction(ws, { pipeline: 'missing.yaml', 'run-id': 'has spaces', 'log-level': 'loud', parameters: '{not: [valid' });
    expectCode(r, 2);
    const errors = commands(r).filter((c) => c.startsWith('::error'));
    const text = errors.join('\n');
    expect(text).toContain('input "pipeline": the file missing.yaml does not exist in');
    expect(text).toContain('Fix: set `pipeline:` to the path of the pipeline YAML');
    expect(text).toContain('input "run-id": "has spaces" cannot be used as a run id');
    expect(text).toContain('input "log-level": "LOUD" is not a log level. Fix: use one of DEBUG, INFO, WARNING, ERROR, FATAL.');
    expect(text).toContain('input "parameters": it is not valid YAML or JSON');
    expect(errors.every((c) => c.startsWith('::error title=invalid action inputs::') || c.startsWith('::error::'))).toBe(true);
    expect(r.outputs.status).toBe('FAIL');
    expect(r.outputs['run-id']).toBe('');

    const noPipeline = await runAction(ws, { 'working-directory': 'nope' });
    expectCode(noPipeline, 2);
    expect(noPipeline.stdout).toContain('input "pipeline": it is required');
    expect(noPipeline.stdout).toContain('input "working-directory": the folder');
  });

  it('writes one ::error per bad input, in every mode (no closing error repeats one)', async () => {
    const ws = workspace({ 'pipeline.yaml': SUCCEEDING });
    for (const mode of ['', 'validate', 'step']) {
      const r = await runAction(ws, { pipeline: 'pipeline.yaml', 'log-level': 'loud', ...(mode ? { mode } : {}) });
      expectCode(r, 2);
      const errors = commands(r).filter((c) => c.startsWith('::error'));
      expect(errors, `mode ${mode || 'run'}`).toEqual([
        '::error title=invalid action inputs::input "log-level": "LOUD" is not a log level. Fix: use one of DEBUG, INFO, WARNING, ERROR, FATAL.',
      ]);
    }
    // two bad inputs: two errors
    const two = await runAction(ws, { pipeline: 'pipeline.yaml', 'log-level': 'loud', mode: 'step', 'run-id': 'has spaces' });
    expect(commands(two).filter((c) => c.startsWith('::error'))).toHaveLength(2);
  });

  it('on a second signal, the report is written at once through the UrgentReport the entry holds', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: wait
          steps:
            wait:
              type: task
              command_type: shell
              command: touch started && sleep 60
              next: success
            success:
              type: success
            fail:
              type: fail
      `),
    });
    const urgent = new UrgentReport();
    const controller = new AbortController();
    const running = runAction(ws, { pipeline: 'pipeline.yaml', 'run-id': 'urgent' }, {}, { signal: controller.signal, urgent });
    while (!ws.exists('started')) await new Promise((r) => setTimeout(r, 50));
    urgent.report('SIGTERM'); // the runner's second signal, while the task still runs
    controller.abort('SIGTERM');
    const r = await running;
    expectCode(r, 143);
    expect(r.outputs['run-id']).toBe('urgent');
    expect(r.outputs.status).toBe('FAIL');
    // written once, by the urgent report: the run's own report at its end is skipped
    expect(r.summary.match(/^## /gm)).toHaveLength(1);
    expect(r.summary).toContain('the run was cancelled by SIGTERM and did not stop in time');
    expect(commands(r).filter((c) => c.startsWith('::error'))).toEqual(['::error::the run was cancelled by SIGTERM.']);
  });

  it('masks every secret the run reads before anything can print it (::add-mask:: first), in the log and the summary', async () => {
    const secret = 's3cr3t-token-value';
    const pem = 'first-line-of-key\nsecond-line-of-key';
    const pipeline = dedent(`
      dag:
        start_at: leak
        steps:
          leak:
            type: task
            command_type: shell
            secrets: [API_TOKEN, PEM_KEY]
            command: |
              echo "token is $API_TOKEN"
              echo "$PEM_KEY"
              export copied="$API_TOKEN"
            returns: [copied]
            next: success
    `);
    const ws = workspace({ 'pipeline.yaml': pipeline });
    const r = await runAction(ws, { pipeline: 'pipeline.yaml', 'run-id': 'secrets' }, { API_TOKEN: secret, PEM_KEY: pem });
    expectCode(r, 0);
    const maskAt = r.lines.indexOf(`::add-mask::${secret}`);
    expect(maskAt).toBeGreaterThanOrEqual(0);
    expect(commandsStoppedAt(r.lines, maskAt)).toBe(false);
    // the only line holding the value is the mask command itself
    expect(r.lines.filter((l) => l.includes(secret))).toEqual([`::add-mask::${secret}`]);
    // a multi-line value is masked whole and line by line
    for (const l of ['first-line-of-key', 'second-line-of-key']) {
      expect(r.lines.filter((x) => x.includes(l)).every((x) => x.startsWith('::add-mask::'))).toBe(true);
      expect(r.lines).toContain(`::add-mask::${l}`);
    }
    expect(r.lines).toContain('token is ***');
    expect(r.summary).not.toContain(secret);
    expect(r.summary).toContain('copied="***"');
  });

  it('masks a value the wrapped secrets store hands out, before returning it', () => {
    const masker = new SecretMasker();
    const written: string[] = [];
    const savedWrite = process.stdout.write;
    process.stdout.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      const log = new ActionLog(masker, (t) => void process.stdout.write(t));
      const store = new SecretRegistry(log, masker).wrap({ type: 'env-secrets', mountFile: '/x/.env', get: (name) => `value-of-${name}` });
      log.text('commands are stopped now');
      expect(store.get('KEY')).toBe('value-of-KEY');
      expect(store.mountFile).toBe('/x/.env');
      log.text('value-of-KEY printed');
    } finally {
      process.stdout.write = savedWrite;
    }
    const lines = written.join('').split('\n');
    const mask = lines.indexOf('::add-mask::value-of-KEY');
    expect(mask).toBeGreaterThan(0);
    expect(commandsStoppedAt(lines, mask)).toBe(false);
    expect(lines).toContain('*** printed');
  });

  it('renders the summary within its limits: rows cut with a note, an oversized graph left out with a note', () => {
    const pipeline = buildPipelineText(
      dedent(`
      dag:
        start_at: m
        steps:
          m:
            type: stub
            next: success
    `),
    );
    const steps: Record<string, StepLog> = {};
    for (let i = 0; i < 2000; i++) {
      const name = `step_${i}`;
      steps[name] = {
        name,
        internal_name: name,
        status: 'SUCCESS',
        step_type: 'task',
        message: '',
        mock: false,
        attempts: [],
        branches: {},
        data_catalog: [],
      };
    }
    const runLog = { run_id: 'big', dag_hash: '', tag: '', status: 'SUCCESS', steps, job: null, parameters: {}, run_config: {} } as RunLog;
    const text = renderSummary(
      { outcome: 'SUCCESS', runId: 'big', pipeline, runLog },
      { maxBytes: 20_000, maxMermaidChars: 10, maxDetails: 20 },
    );
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(20_000);
    expect(text).toMatch(/\| … \d+ more rows not shown, to keep the summary under GitHub's 1 MiB/);
    expect(text).not.toContain('```mermaid');
    expect(text).toContain("over Mermaid's limit of 10");
  });
});

function buildPipelineText(text: string) {
  const src = YamlSource.fromText(text, 'pipeline.yaml', 'pipeline');
  return buildPipeline(src.data, 'pipeline.yaml', (p, o) => src.locate(p, o));
}
