// The commands that look at pipelines and runs without running anything new: validate, graph, show, timeline,
// list — through the built CLI, over both on-disk run-log layouts.
import { beforeAll, describe, expect, it } from 'vitest';
import { expectExit, runCli } from './helpers/cli.js';
import { createWorkspace, dedent, type Workspace } from './helpers/workspace.js';

const PIPELINE = dedent(`
  dag:
    start_at: prepare
    steps:
      prepare:
        type: task
        command_type: shell
        command: export items='[1, 2]'
        returns: [items]
        next: fan
      fan:
        type: map
        iterate_on: items
        iterate_as: item
        next: check
        branch:
          start_at: double
          steps:
            double:
              type: task
              command_type: shell
              command: export doubled=$((item * 2))
              returns: [doubled]
              next: success
      check:
        type: task
        command_type: shell
        command: test "$doubled" = "[2, 4]"
        on_failure: report
        next: success
      report:
        type: stub
        next: fail
`);

let ws: Workspace;
beforeAll(async () => {
  ws = createWorkspace({ 'pipeline.yaml': PIPELINE, 'chunked.yaml': 'run-log-store:\n  type: chunked-fs\n' });
  expectExit(await runCli(['execute', 'pipeline.yaml', 'run-fs'], { cwd: ws.dir }), 0);
  expectExit(await runCli(['execute', 'pipeline.yaml', 'run-chunked', '-c', 'chunked.yaml'], { cwd: ws.dir }), 0);
  return () => ws.remove();
});

describe('runnable graph', () => {
  it('draws mermaid with the map as a subgraph and the on_failure edge dotted', async () => {
    const r = await runCli(['graph', 'pipeline.yaml'], { cwd: ws.dir });
    expectExit(r, 0);
    expect(r.stdout).toMatch(/^flowchart TD/);
    expect(r.stdout).toMatch(/subgraph n_fan\[/);
    expect(r.stdout).toContain('n_check -.->|on failure| n_report');
    expect(r.stdout.match(/subgraph /g)?.length).toBe(r.stdout.match(/^\s*end$/gm)?.length);
  });
  it('writes dot and json', async () => {
    const dot = await runCli(['graph', 'pipeline.yaml', '--format', 'dot', '-o', 'g.dot'], { cwd: ws.dir });
    expectExit(dot, 0);
    expect(ws.read('g.dot')).toMatch(/^digraph/);
    const json = await runCli(['graph', 'pipeline.yaml', '--format', 'json'], { cwd: ws.dir });
    expect(JSON.parse(json.stdout).nodes.fan.branches.branch.nodes.double.type).toBe('task');
  });
  it('refuses an unknown format with exit 2', async () => {
    const r = await runCli(['graph', 'pipeline.yaml', '--format', 'png'], { cwd: ws.dir });
    expectExit(r, 2);
    expect(r.stderr).toContain('--format png is not one of mermaid, dot, json');
  });
});

describe('runnable validate', () => {
  it('says a good pipeline is valid', async () => {
    expectExit(await runCli(['validate', 'pipeline.yaml'], { cwd: ws.dir }), 0);
  });
  it('reports every problem at once, as JSON for machines', async () => {
    ws.write('bad.yaml', PIPELINE.replace('iterate_on: items', 'iterate_on: itemz').replace('on_failure: report', 'on_failure: reprot'));
    const r = await runCli(['validate', 'bad.yaml', '--format', 'json'], { cwd: ws.dir });
    expectExit(r, 2);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(false);
    expect(out.issues.map((i: { message: string }) => i.message).join('\n')).toMatch(/reprot[\s\S]*|itemz/);
    expect(out.issues.length).toBe(1); // the graph error stops before parameter checks of a broken graph
    const text = ws.read('bad.yaml').split('\n');
    expect(out.issues[0]).toMatchObject({ file: 'bad.yaml', step: 'check' });
    expect(text[out.issues[0].line - 1]).toContain('on_failure: reprot');
  });
  it('checks parameter references and python targets of a well-formed pipeline', async () => {
    ws.write(
      'refs.yaml',
      dedent(`
        dag:
          start_at: py
          steps:
            py:
              type: task
              command: nowhere.to_be.found
              next: fan
            fan:
              type: map
              iterate_on: itemz
              iterate_as: item
              next: success
              branch:
                start_at: s
                steps:
                  s: {type: stub, next: success}
      `),
    );
    const r = await runCli(['validate', 'refs.yaml'], { cwd: ws.dir });
    expectExit(r, 2);
    expect(r.stderr).toContain('refs.yaml:5:7: step "py": cannot import nowhere.to_be');
    expect(r.stderr).toContain('iterate_on names the parameter "itemz"');
  });

  it('refuses notebook tasks whose notebook is missing or not a notebook, at their lines, and passes a real one', async () => {
    const nb = (name: string) => `    ${name}:\n      type: task\n      command_type: notebook\n      command: ${name}.ipynb\n      next: `;
    ws.write('real.ipynb', JSON.stringify({ cells: [{ cell_type: 'code', source: 'x = 1', metadata: {}, outputs: [] }], nbformat: 4 }));
    ws.write('broken.ipynb', '{"cells": ');
    ws.write('plain.ipynb', '{"nbformat": 4}');
    ws.write(
      'notebooks.yaml',
      `dag:\n  start_at: real\n  steps:\n${nb('real')}absent\n${nb('absent')}broken\n${nb('broken')}plain\n${nb('plain')}success\n    success: {type: success}\n    fail: {type: fail}\n`,
    );
    const r = await runCli(['validate', 'notebooks.yaml'], { cwd: ws.dir });
    expectExit(r, 2);
    expect(r.stderr).toContain('notebooks.yaml:10:7: step "absent": the notebook absent.ipynb does not exist.');
    expect(r.stderr).toContain('step "broken": the notebook broken.ipynb is not JSON (not a Jupyter notebook).');
    expect(r.stderr).toContain('step "plain": the notebook plain.ipynb has no `cells` list');
    expect(r.stderr).not.toContain('step "real"');
  });
});

describe('runnable show, timeline and list', () => {
  for (const id of ['run-fs', 'run-chunked']) {
    it(`shows ${id} with every step and its parameters`, async () => {
      const r = await runCli(['show', id, ...(id === 'run-chunked' ? ['-c', 'chunked.yaml'] : [])], {
        cwd: ws.dir,
        env: { COLUMNS: '120' },
      });
      expectExit(r, 0);
      for (const step of ['prepare', 'fan.1.double', 'fan.2.double', 'check']) expect(r.stdout).toContain(step);
      expect(r.stdout).toContain('doubled');
      for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    });
  }
  it('writes a self-contained timeline', async () => {
    const r = await runCli(['timeline', 'run-fs', '-o', 'run.html'], { cwd: ws.dir });
    expectExit(r, 0);
    const html = ws.read('run.html');
    expect(html).toContain('fan.2.double');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });
  it('lists the runs of the configured store', async () => {
    const r = await runCli(['list', '--format', 'json'], { cwd: ws.dir });
    expectExit(r, 0);
    const ids = JSON.parse(r.stdout).map((x: { run_id: string }) => x.run_id);
    expect(ids).toEqual(expect.arrayContaining(['run-fs', 'run-chunked']));
  });
  it('says which run is missing, with exit 2', async () => {
    const r = await runCli(['show', 'no-such-run'], { cwd: ws.dir });
    expectExit(r, 2);
    expect(r.stderr).toContain('there is no run "no-such-run"');
  });
});
