// Tasks as they really run: python functions and /bin/sh scripts in child processes, with retries, exports,
// secrets and the catalog; checked in the run log, the console output and the execution logs in the catalog.

import { describe, expect, it } from 'vitest';
import type { RunLog } from '../src/services/run-log/model.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { dedent, workspace, type Workspace } from './helpers/workspace.js';

interface Ran {
  ws: Workspace;
  r: CliResult;
  log: RunLog;
}

async function run(files: Record<string, string>, env: Record<string, string> = {}, runId = 'run'): Promise<Ran> {
  const ws = workspace(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, dedent(v)])));
  const args = ['execute', 'pipeline.yaml', runId];
  if (files['config.yaml'] !== undefined) args.push('-c', 'config.yaml');
  const r = await runCli(args, { cwd: ws.dir, env });
  expect(r.stderr, r.output).not.toContain('internal error');
  expect(ws.exists(`.run_log_store/${runId}.json`), `no run log:\n${r.output}`).toBe(true);
  return { ws, r, log: ws.runLog(runId) };
}

/** The execution logs a step left in the run's catalog folder (`<alnum internal name><3 chars>.execution.log`). */
function executionLogs(ws: Workspace, runId: string, step: string): string[] {
  const prefix = step.replace(/[^A-Za-z0-9]/g, '');
  const names = ws
    .list(`.catalog/${runId}`)
    .filter((f) => f.endsWith('.execution.log') && f.startsWith(prefix) && f.length === prefix.length + 3 + '.execution.log'.length);
  return names.map((f) => ws.read(`.catalog/${runId}/${f}`));
}

describe('python tasks', () => {
  it('an exception fails the attempt with its message; the traceback is in the execution log', async () => {
    const { ws, r, log } = await run({
      'functions.py': `
        def prepare():
            return 41


        def explode(value):
            raise ValueError(f"cannot handle {value}")
      `,
      'pipeline.yaml': `
        dag:
          start_at: prepare
          steps:
            prepare:
              type: task
              command: functions.prepare
              returns: [value]
              next: explode
            explode:
              type: task
              command: functions.explode
              returns: [never]
              next: success
      `,
    });
    expect(r.code, r.output).toBe(1);
    expect(log.status).toBe('FAIL');
    const step = log.steps.explode;
    expect(step.status).toBe('FAIL');
    expect(step.attempts).toHaveLength(1);
    expect(step.attempts[0].status).toBe('FAIL');
    expect(step.attempts[0].message).toContain('ValueError');
    expect(step.attempts[0].message).toContain('cannot handle 41');
    expect(step.attempts[0].input_parameters.value).toMatchObject({ kind: 'json', value: 41 });
    expect(log.parameters.never).toBeUndefined();
    expect(log.steps.fail.status).toBe('SUCCESS');

    const logs = executionLogs(ws, 'run', 'explode');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('Traceback');
    expect(logs[0]).toContain('in explode');
    expect(logs[0]).toContain('ValueError: cannot handle 41');
    // the execution log is recorded in the step's data catalog
    expect(step.data_catalog.some((d) => d.name.endsWith('.execution.log') && d.stage === 'put')).toBe(true);
  });
});

describe('max_attempts', () => {
  it('a shell task that fails twice then succeeds: 3 attempts, RUNNABLE_STEP_ATTEMPT 1,2,3, step SUCCESS', async () => {
    const { ws, r, log } = await run({
      'pipeline.yaml': `
        dag:
          start_at: flaky
          steps:
            flaky:
              type: task
              command_type: shell
              max_attempts: 3
              command: |
                n=$(cat count 2>/dev/null || echo 0)
                n=$((n + 1))
                echo $n > count
                echo "$RUNNABLE_STEP_ATTEMPT" >> attempts.txt
                export tries=$n
                [ "$n" -ge 3 ]
              returns: [tries]
              next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    expect(log.status).toBe('SUCCESS');
    const step = log.steps.flaky;
    expect(step.status).toBe('SUCCESS');
    expect(step.attempts.map((a) => [a.attempt_number, a.status])).toEqual([
      [1, 'FAIL'],
      [2, 'FAIL'],
      [3, 'SUCCESS'],
    ]);
    expect(ws.read('attempts.txt')).toBe('1\n2\n3\n');
    // only the successful attempt's outputs reach the parameters
    // as runnable: a failed attempt records no output parameters, even when the script exported before failing
    expect(step.attempts.map((a) => a.output_parameters.tries?.value)).toEqual([undefined, undefined, 3]);
    expect(log.parameters.tries.value).toBe(3);
    expect(executionLogs(ws, 'run', 'flaky')).toHaveLength(3);
  });

  it('a task that keeps failing stops after max_attempts', async () => {
    const { r, log } = await run({
      'pipeline.yaml': `
        dag:
          start_at: broken
          steps:
            broken:
              type: task
              command_type: shell
              max_attempts: 2
              command: exit 4
              next: success
      `,
    });
    expect(r.code, r.output).toBe(1);
    expect(log.steps.broken.attempts.map((a) => a.status)).toEqual(['FAIL', 'FAIL']);
    expect(log.steps.broken.status).toBe('FAIL');
    expect(log.status).toBe('FAIL');
  });
});

describe('shell tasks', () => {
  it('inherit PATH and HOME; a multi-line export survives; output is prefixed with the step name', async () => {
    const { r, log } = await run({
      'pipeline.yaml': `
        dag:
          start_at: write
          steps:
            write:
              type: task
              command_type: shell
              command: |
                export seen_home="$HOME"
                export seen_path="$PATH"
                export poem="first line
                second line = with equals"
              returns: [seen_home, seen_path, poem]
              next: read
            read:
              type: task
              command_type: shell
              command: |
                echo "$poem"
                echo "to stderr" >&2
              next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    expect(log.parameters.seen_home.value).toBe(process.env.HOME);
    expect(log.parameters.seen_path.value).toBe(process.env.PATH);
    expect(log.parameters.poem.value).toBe('first line\nsecond line = with equals');
    const lines = r.stdout.split('\n');
    expect(lines).toContain('[read] first line');
    expect(lines).toContain('[read] second line = with equals');
    expect(lines).toContain('[read] to stderr');
  });

  it('an export before a failing last line: the failed attempt records no outputs (as runnable) and nothing is merged', async () => {
    const { r, log } = await run({
      'pipeline.yaml': `
        dag:
          start_at: half
          steps:
            half:
              type: task
              command_type: shell
              command: |
                export partial=42
                false
              returns: [partial]
              on_failure: check
              next: success
            check:
              type: task
              command_type: shell
              command: echo "partial=\${partial:-unset}"
              next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    const attempt = log.steps.half.attempts[0];
    expect(attempt.status).toBe('FAIL');
    // runnable leaves the message of a failed shell attempt empty
    expect(attempt.message).toBe('');
    expect(attempt.output_parameters).toEqual({});
    expect(attempt.user_defined_metrics).toEqual({});
    expect(log.parameters.partial).toBeUndefined();
    expect(log.steps.check.attempts[0].input_parameters.partial).toBeUndefined();
    expect(r.stdout).toContain('[check] partial=unset');
  });
});

describe('secrets', () => {
  const SECRET = 'hunter2-very-secret-value';
  it('reach only the tasks that list them and never appear in the console, the execution logs or the run log', async () => {
    const { ws, r, log } = await run(
      {
        'functions.py': `
          import os


          def use():
              print("python sees", os.environ.get("API_TOKEN"))
              return len(os.environ.get("API_TOKEN", ""))


          def peek():
              print("python other sees", os.environ.get("API_TOKEN", "nothing"))
        `,
        'pipeline.yaml': `
          dag:
            start_at: shell_user
            steps:
              shell_user:
                type: task
                command_type: shell
                secrets: [API_TOKEN]
                command: |
                  echo "token is $API_TOKEN"
                  echo "again: $API_TOKEN" >&2
                next: python_user
              python_user:
                type: task
                command: functions.use
                secrets: [API_TOKEN]
                returns: [token_length]
                next: shell_other
              shell_other:
                type: task
                command_type: shell
                command: echo "other sees \${API_TOKEN:-nothing}"
                next: python_other
              python_other:
                type: task
                command: functions.peek
                next: success
        `,
      },
      { API_TOKEN: SECRET },
    );
    expect(r.code, r.output).toBe(0);
    expect(log.parameters.token_length.value).toBe(SECRET.length);
    // used, and masked
    expect(r.stdout).toContain('[shell_user] token is ***');
    expect(r.stdout).toContain('[shell_user] again: ***');
    expect(r.stdout).toContain('[python_user] python sees ***');
    // not listed: not there at all
    expect(r.stdout).toContain('[shell_other] other sees nothing');
    expect(r.stdout).toContain('[python_other] python other sees nothing');
    expect(r.output).not.toContain(SECRET);
    const catalog = ws.walk(`.catalog/run`);
    expect(catalog.filter((f) => f.endsWith('.execution.log'))).toHaveLength(4);
    for (const f of catalog) expect(ws.read(`.catalog/run/${f}`), f).not.toContain(SECRET);
    expect(executionLogs(ws, 'run', 'shell_user')[0]).toContain('token is ***');
    expect(ws.read('.run_log_store/run.json')).not.toContain(SECRET);
  });

  it('a multi-line secret (a key file) is masked line by line', async () => {
    const key = '-----BEGIN TEST KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldY\nWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2\n-----END TEST KEY-----';
    const { ws, r } = await run(
      {
        'pipeline.yaml': `
          dag:
            start_at: sign
            steps:
              sign:
                type: task
                command_type: shell
                secrets: [SIGNING_KEY]
                command: |
                  echo "$SIGNING_KEY"
                  printf '%s\\n' "$SIGNING_KEY" | sed -n 2p >&2
                next: success
        `,
      },
      { SIGNING_KEY: key },
    );
    expect(r.code, r.output).toBe(0);
    for (const line of key.split('\n')) {
      expect(r.output).not.toContain(line);
      expect(executionLogs(ws, 'run', 'sign')[0]).not.toContain(line);
    }
    expect(r.stdout.split('\n').filter((l) => l === '[sign] ***')).toHaveLength(5);
  });

  it('a listed secret that is not set fails the step with a message naming it', async () => {
    const { r, log } = await run({
      'pipeline.yaml': `
        dag:
          start_at: needs
          steps:
            needs:
              type: task
              command_type: shell
              secrets: [MISSING_TOKEN]
              command: echo never
              next: success
      `,
    });
    expect(r.code, r.output).toBe(1);
    expect(log.steps.needs.status).toBe('FAIL');
    expect(log.steps.needs.attempts[0].message).toContain('MISSING_TOKEN');
    expect(r.stdout).not.toContain('[needs] never');
    expect(log.status).toBe('FAIL');
  });
});

describe('catalog', () => {
  it('a get with no match fails the step, and the run ends FAIL (not PROCESSING)', async () => {
    const { r, log } = await run({
      'pipeline.yaml': `
        dag:
          start_at: consume
          steps:
            consume:
              type: task
              command_type: shell
              catalog:
                get: [inputs/*.csv]
              command: echo never
              next: success
      `,
    });
    expect(r.code, r.output).toBe(1);
    expect(log.status).toBe('FAIL');
    expect(log.steps.consume.status).toBe('FAIL');
    expect(log.steps.consume.attempts[0].message).toContain('inputs/*.csv');
    expect(r.stdout).not.toContain('[consume] never');
    expect(log.steps.fail.status).toBe('SUCCESS');
  });

  it('put after a failure copies what exists and tolerates missing files; get brings it back later', async () => {
    const { ws, r, log } = await run({
      'pipeline.yaml': `
        dag:
          start_at: produce
          steps:
            produce:
              type: task
              command_type: shell
              command: |
                mkdir -p out
                echo partial > out/a.txt
                exit 1
              catalog:
                put: [out/a.txt, out/b.txt]
              on_failure: salvage
              next: success
            salvage:
              type: task
              command_type: shell
              command: |
                rm -rf out
                cat out/a.txt 2>/dev/null || echo "gone before get"
              next: reread
            reread:
              type: task
              command_type: shell
              catalog:
                get: [out/a.txt]
              command: cat out/a.txt
              next: success
      `,
    });
    expect(r.code, r.output).toBe(0);
    expect(log.status).toBe('SUCCESS');
    expect(log.steps.produce.status).toBe('FAIL');
    expect(log.steps.produce.data_catalog.filter((d) => !d.name.endsWith('.execution.log')).map((d) => [d.stage, d.name])).toEqual([
      ['put', 'out/a.txt'],
    ]);
    expect(ws.read('.catalog/run/out/a.txt')).toBe('partial\n');
    expect(ws.exists('.catalog/run/out/b.txt')).toBe(false);
    expect(r.stdout).toContain('[salvage] gone before get');
    expect(r.stdout).toContain('[reread] partial');
    expect(log.steps.reread.data_catalog.filter((d) => d.stage === 'get').map((d) => d.name)).toEqual(['out/a.txt']);
  });

  it('put after a success with a missing file fails the step', async () => {
    const { r, log } = await run({
      'pipeline.yaml': `
        dag:
          start_at: produce
          steps:
            produce:
              type: task
              command_type: shell
              command: echo nothing written
              catalog:
                put: [result.csv]
              next: success
      `,
    });
    expect(r.code, r.output).toBe(1);
    expect(log.steps.produce.status).toBe('FAIL');
    expect(log.steps.produce.attempts[0].message).toContain('result.csv');
    expect(log.status).toBe('FAIL');
  });
});
