import { describe, expect, it } from 'vitest';
import { escapeMermaidLabel, mermaidId, renderMermaid } from '../src/report/graph-mermaid.js';
import { graphStatusesFromRunLog } from '../src/report/graph-statuses.js';
import {
  ALL_GRAPHS,
  awkwardNames,
  linearChainWithOnFailure,
  loopGraph,
  mapWithNestedConditional,
  parallelTwoBranches,
} from './helpers/graphs.js';
import { failedRunWithRetriedStep, successfulRunWithParallelAndMap } from './helpers/run-logs.js';

/** Every id a Mermaid text defines or references: node shapes, subgraphs, edge ends, class assignments. */
function idsIn(text: string): string[] {
  const ids: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^subgraph (\S+?)\[/.exec(line))) ids.push(m[1]);
    else if ((m = /^(\S+) (?:-->|-\.->\|on failure\|) (\S+)$/.exec(line))) ids.push(m[1], m[2]);
    else if ((m = /^class (\S+) \w+$/.exec(line))) ids.push(...m[1].split(','));
    else if ((m = /^([^\s[("]+)[[(]/.exec(line))) ids.push(m[1]);
  }
  return ids;
}

describe('renderMermaid', () => {
  for (const [name, build] of Object.entries(ALL_GRAPHS)) {
    it(`matches the snapshot: ${name}`, () => {
      expect(renderMermaid(build())).toMatchSnapshot();
    });

    it(`${name}: ids hold only [A-Za-z0-9_], every subgraph has its end, output is deterministic`, () => {
      const text = renderMermaid(build());
      expect(text.startsWith('flowchart TD\n')).toBe(true);
      const ids = idsIn(text);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_]+$/);
      const lines = text.split('\n').map((l) => l.trim());
      expect(lines.filter((l) => l.startsWith('subgraph ')).length).toBe(lines.filter((l) => l === 'end').length);
      // Blocks nest: the running depth never goes below zero and ends at zero.
      let depth = 0;
      for (const l of lines) {
        if (l.startsWith('subgraph ')) depth++;
        if (l === 'end') depth--;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
      expect(renderMermaid(build())).toBe(text);
    });
  }

  it('draws on_failure as a dotted edge labelled "on failure" and next as a solid edge', () => {
    const text = renderMermaid(linearChainWithOnFailure());
    expect(text).toContain(`${mermaidId('transform')} -.->|on failure| ${mermaidId('notify')}`);
    expect(text).toContain(`${mermaidId('transform')} --> ${mermaidId('load')}`);
    expect(text).toContain(`${mermaidId('extract')} --> ${mermaidId('transform')}`);
  });

  it('gives each node type its shape', () => {
    const text = renderMermaid(linearChainWithOnFailure());
    expect(text).toContain('n_extract["extract"]'); // task: rectangle
    expect(text).toContain('n_load("load")'); // stub: rounded
    expect(text).toContain('n_success(("success"))'); // success: circle
    expect(text).toContain('n_fail((("fail")))'); // fail: double circle
  });

  it('always shows success, and fail only where a node routes to it explicitly', () => {
    // notify --next--> fail: shown.
    expect(renderMermaid(linearChainWithOnFailure())).toContain('n_fail(((');
    // Nobody routes to fail here, in the root or in the branches.
    const par = renderMermaid(parallelTwoBranches());
    expect(par).not.toMatch(/fail/);
    expect(par).toContain('n_success((');
    expect(par).toContain('n_par__left__success((');
    expect(par).toContain('n_par__right__success((');
  });

  it('draws composites as subgraphs holding one subgraph per branch, edges pointing at the composite', () => {
    const par = renderMermaid(parallelTwoBranches());
    expect(par).toContain('subgraph n_par["par #40;parallel#41;"]');
    expect(par).toContain('subgraph n_par__left["left"]');
    expect(par).toContain('subgraph n_par__right["right"]');
    expect(par).toContain('n_prepare --> n_par');
    expect(par).toContain('n_par --> n_success');
    // Branch nodes are declared inside their branch block.
    const lines = par.split('\n');
    const open = lines.findIndex((l) => l.includes('subgraph n_par__left['));
    const close = lines.findIndex((l, i) => i > open && l.trim() === 'end');
    expect(lines.slice(open, close).some((l) => l.includes('n_par__left__a["a"]'))).toBe(true);
  });

  it('titles a map branch with iterate_as/iterate_on and a loop branch with max_iterations', () => {
    const map = renderMermaid(mapWithNestedConditional());
    expect(map).toContain('subgraph n_map_state__map_variable_placeholder["for each chunk in chunks"]');
    expect(map).toContain('["toss == heads"]');
    expect(map).toContain('n_map_state__map_variable_placeholder__cond__heads__h["h"]');
    const loop = renderMermaid(loopGraph());
    expect(loop).toContain('subgraph n_lp__loop_variable_placeholder["repeat up to 5 times, until done"]');
  });

  it('escapes labels: no raw quotes, brackets, #, < or > inside a label', () => {
    const text = renderMermaid(awkwardNames());
    expect(text).toContain('["hello #34;world#34; #91;1#93;"]');
    expect(text).toContain('("a#60;b#62; #38; #35;c")');
    for (const m of text.matchAll(/"([^"\n]*)"/g)) expect(m[1]).not.toMatch(/[<>[\]]/);
    expect(escapeMermaidLabel('a\nb')).toBe('a b');
    // A node literally called "end" must not end a block.
    expect(text).toContain('n_end["end"]');
  });

  it('derives ids from internal names one-to-one', () => {
    expect(mermaidId('par.left.a')).toBe('n_par__left__a');
    expect(mermaidId('map_state.map_variable_placeholder.x')).toBe('n_map_state__map_variable_placeholder__x');
    const names = ['a.b', 'a__b', 'a_b', 'a b', 'a-b', 'a..b', 'a._b', 'a_.b', 'é', 'end', ''];
    const ids = names.map(mermaidId);
    expect(new Set(ids).size).toBe(names.length);
    for (const id of ids) expect(id).toMatch(/^n_[A-Za-z0-9_]*$/);
    expect(mermaidId('a b')).toBe(mermaidId('a b'));
  });

  it('with statuses, defines the classes and assigns them to nodes and boxes', () => {
    const graph = mapWithNestedConditional();
    const statuses = graphStatusesFromRunLog(successfulRunWithParallelAndMap());
    expect(statuses['map_state.map_variable_placeholder.execute']).toBe('SUCCESS');
    const text = renderMermaid(graph, {
      statuses: { ...statuses, collect: 'FAIL', 'map_state.map_variable_placeholder.cond': 'PROCESSING', nowhere: 'FAIL' },
    });
    expect(text).toMatch(/^ {4}classDef success .*fill:/m);
    expect(text).toMatch(/^ {4}classDef fail .*fill:/m);
    expect(text).toMatch(/^ {4}classDef processing .*fill:/m);
    const classLine = (cls: string) => text.split('\n').find((l) => l.trim().startsWith('class ') && l.trim().endsWith(` ${cls}`));
    expect(classLine('success')).toContain('n_map_state__map_variable_placeholder__execute');
    expect(classLine('success')).toContain('n_map_state,'); // the composite box itself
    expect(classLine('fail')).toContain('n_collect');
    expect(classLine('fail')).not.toContain('nowhere');
    expect(classLine('processing')).toContain('n_map_state__map_variable_placeholder__cond');
    for (const id of idsIn(text)) expect(id).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('without statuses, adds no classes', () => {
    expect(renderMermaid(parallelTwoBranches())).not.toContain('classDef');
  });
});

describe('graphStatusesFromRunLog', () => {
  it('folds map iterations into the placeholder branch, the worst status winning', () => {
    const log = successfulRunWithParallelAndMap();
    const second = log.steps['map_state'].branches['map_state.2'];
    second.steps['map_state.2.execute'].status = 'FAIL';
    const statuses = graphStatusesFromRunLog(log);
    expect(statuses['map_state.map_variable_placeholder.execute']).toBe('FAIL');
    expect(statuses['map_state.map_variable_placeholder']).toBe('SUCCESS');
    expect(statuses['par.left.a']).toBe('SUCCESS');
    expect(statuses['par.right']).toBe('SUCCESS');
    expect(Object.keys(statuses)).not.toContain('map_state.1.execute');
  });

  it('keeps root step names as they are; a reached fail node is a failure (its attempt says SUCCESS)', () => {
    const log = failedRunWithRetriedStep();
    expect(log.steps.fail.status).toBe('SUCCESS');
    expect(graphStatusesFromRunLog(log)).toEqual({
      extract: 'SUCCESS',
      transform: 'FAIL',
      notify: 'SUCCESS',
      fail: 'FAIL',
    });
  });
});
