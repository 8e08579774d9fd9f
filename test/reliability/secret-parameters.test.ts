// A returned parameter that holds a declared secret's value (issues 11 and 12): masked in the run log, `show`, the
// timeline HTML and the job summary; a later task that declares the secret gets the clear value, one that does
// not gets the masked value; the step that returned it carries a warning that `show` prints.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/action/summary.js';
import type { RunLog } from '../../src/services/run-log/model.js';
import { expectExit, runCli } from '../helpers/cli.js';
import { dedent, workspace } from '../helpers/workspace.js';

const SECRET = 'tok-5f1d2c9e8a';

describe('a parameter that holds a secret', () => {
  it('is masked wherever it is written, reaches declaring tasks in clear and the others masked, with a warning', async () => {
    const ws = workspace({
      'tasks.py': dedent(`
        import os
        def read_token():
            return {"auth": os.environ["API_TOKEN"], "n": 1}
        def echo(url):
            return url
      `),
      'p.yaml': dedent(`
        dag:
          start_at: make
          steps:
            make:
              type: task
              command_type: shell
              command: export url="https://user:$API_TOKEN@example.org/x"
              secrets: [API_TOKEN]
              returns: [url]
              next: declared
            declared:
              type: task
              command_type: shell
              command: echo "$url" > got-declared
              secrets: [API_TOKEN]
              next: undeclared
            undeclared:
              type: task
              command_type: shell
              command: echo "$url" > got-undeclared
              next: py_make
            py_make: {type: task, command: tasks.read_token, secrets: [API_TOKEN], returns: [header], next: py_echo}
            py_echo: {type: task, command: tasks.echo, returns: [echoed], next: success}
      `),
    });
    const r = await runCli(['execute', 'p.yaml', 'secret-params'], { cwd: ws.dir, env: { API_TOKEN: SECRET } });
    expectExit(r, 0);
    expect(r.output).not.toContain(SECRET);
    expect(r.output).toContain('"url" holds the value of the secret "API_TOKEN"');

    expect(ws.read('got-declared').trim()).toBe(`https://user:${SECRET}@example.org/x`);
    expect(ws.read('got-undeclared').trim()).toBe('https://user:***@example.org/x');

    const text = fs.readFileSync(`${ws.dir}/.run_log_store/secret-params.json`, 'utf8');
    expect(text).not.toContain(SECRET);
    const log = JSON.parse(text) as RunLog;
    expect(log.parameters.url.value).toBe('https://user:***@example.org/x');
    expect(log.parameters.header.value).toEqual({ auth: '***', n: 1 });
    expect(log.parameters.echoed.value).toBe('https://user:***@example.org/x');
    expect(log.steps.make.status).toBe('SUCCESS');
    expect(log.steps.make.attempts[0].message).toMatch(/^warning: returned parameter "url" holds the value of the secret "API_TOKEN"/);
    expect(log.steps.undeclared.attempts[0].message).toBe('');

    const show = await runCli(['show', 'secret-params'], { cwd: ws.dir });
    expectExit(show, 0);
    expect(show.output).toContain('warning: returned parameter "url"');
    expect(show.output).toContain('https://user:***@example.org/x');
    expect(show.output).not.toContain(SECRET);

    const timeline = await runCli(['timeline', 'secret-params', '-o', 't.html'], { cwd: ws.dir });
    expectExit(timeline, 0);
    const html = ws.read('t.html');
    expect(html).toContain('***');
    expect(html).not.toContain(SECRET);

    const summary = renderSummary({ outcome: 'SUCCESS', runLog: log, runId: 'secret-params' } as Parameters<typeof renderSummary>[0]);
    expect(summary).toContain('***');
    expect(summary).not.toContain(SECRET);
  });
});
