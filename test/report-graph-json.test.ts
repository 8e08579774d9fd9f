import { describe, expect, it } from 'vitest';
import { graphToJson } from '../src/report/graph-json.js';
import type { GraphJson } from '../src/report/graph-json.js';
import { ALL_GRAPHS, linearChainWithOnFailure, loopGraph, mapWithNestedConditional, parallelTwoBranches } from './helpers/graphs.js';

function allKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      allKeys(v, out);
    }
  }
  return out;
}

describe('graphToJson', () => {
  for (const [name, build] of Object.entries(ALL_GRAPHS)) {
    it(`matches the snapshot: ${name}`, () => {
      expect(graphToJson(build())).toMatchSnapshot();
    });

    it(`${name}: is plain JSON (survives a round trip), with no functions or source locations`, () => {
      const json = graphToJson(build());
      expect(JSON.parse(JSON.stringify(json))).toEqual(json);
      const keys = allKeys(json);
      expect(keys.has('fn')).toBe(false);
      expect(keys.has('location')).toBe(false);
      expect(JSON.stringify(json)).not.toContain('not serialisable');
      expect(JSON.stringify(graphToJson(build()))).toBe(JSON.stringify(json));
    });
  }

  it('describes each node with type, next, on_failure and internal name, in definition order', () => {
    const json = graphToJson(linearChainWithOnFailure());
    expect(Object.keys(json.nodes)).toEqual(['extract', 'transform', 'load', 'notify', 'success', 'fail']);
    expect(json).toMatchObject({ internal_branch_name: '', start_at: 'extract', description: 'a linear chain' });
    expect(json.nodes.transform).toMatchObject({
      type: 'task',
      internal_name: 'transform',
      next: 'load',
      on_failure: 'notify',
      max_attempts: 3,
      command_type: 'shell',
    });
    expect(json.nodes.success).toEqual({
      type: 'success',
      name: 'success',
      internal_name: 'success',
      next: '',
      on_failure: '',
      overrides: {},
    });
  });

  it('nests branches recursively', () => {
    const par = graphToJson(parallelTwoBranches());
    expect(Object.keys(par.nodes.par.branches ?? {})).toEqual(['left', 'right']);
    expect(par.nodes.par.branches?.left.nodes.a.internal_name).toBe('par.left.a');

    const map = graphToJson(mapWithNestedConditional()).nodes.map_state;
    expect(map).toMatchObject({ type: 'map', iterate_on: 'chunks', iterate_as: 'chunk' });
    const branch = map.branches?.branch as GraphJson;
    expect(branch.internal_branch_name).toBe('map_state.map_variable_placeholder');
    expect(branch.nodes.cond).toMatchObject({ type: 'conditional', parameter: 'toss' });
    expect(branch.nodes.cond.branches?.heads.nodes.h.internal_name).toBe('map_state.map_variable_placeholder.cond.heads.h');

    const loop = graphToJson(loopGraph()).nodes.lp;
    expect(loop).toMatchObject({ type: 'loop', max_iterations: 5, break_on: 'done', index_as: 'loop_idx' });
    expect(loop.branches?.branch.nodes.body.internal_name).toBe('lp.loop_variable_placeholder.body');
  });
});
