import { describe, expect, it } from 'vitest';
import { dotQuote, renderDot } from '../src/report/graph-dot.js';
import {
  ALL_GRAPHS,
  awkwardNames,
  linearChainWithOnFailure,
  loopGraph,
  mapWithNestedConditional,
  parallelTwoBranches,
} from './helpers/graphs.js';

/** Braces outside quoted strings balance and never close more than they opened. */
function bracesBalance(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0 && !inString;
}

describe('renderDot', () => {
  for (const [name, build] of Object.entries(ALL_GRAPHS)) {
    it(`matches the snapshot: ${name}`, () => {
      expect(renderDot(build())).toMatchSnapshot();
    });

    it(`${name}: braces and quotes balance`, () => {
      const text = renderDot(build());
      expect(text.startsWith('digraph pipeline {\n')).toBe(true);
      expect(bracesBalance(text)).toBe(true);
    });
  }

  it('draws on_failure dotted with a label, next plain', () => {
    const text = renderDot(linearChainWithOnFailure());
    expect(text).toContain('"transform" -> "notify" [style=dotted, label="on failure"];');
    expect(text).toContain('"transform" -> "load";');
    expect(text).toContain('"notify" -> "fail";');
    expect(text).toContain('"fail" [label="fail", shape=doublecircle];');
  });

  it('draws branches as nested clusters and clips edges at a composite with lhead/ltail', () => {
    const text = renderDot(parallelTwoBranches());
    expect(text).toContain('compound=true;');
    expect(text).toContain('subgraph "cluster_par" {');
    expect(text).toContain('subgraph "cluster_par.left" {');
    expect(text).toContain('subgraph "cluster_par.right" {');
    expect(text).toContain('"prepare" -> "par.left.a" [lhead="cluster_par"];');
    expect(text).toContain('"par.left.success" -> "success" [ltail="cluster_par"];');
    expect(text).not.toContain('"fail"');
  });

  it('enters a composite whose branch starts with a composite at the innermost start node', () => {
    const text = renderDot(mapWithNestedConditional());
    expect(text).toContain('subgraph "cluster_map_state.map_variable_placeholder" {');
    expect(text).toContain('label="for each chunk in chunks";');
    expect(text).toContain(
      '"map_state.map_variable_placeholder.execute" -> "map_state.map_variable_placeholder.cond.heads.h" [lhead="cluster_map_state.map_variable_placeholder.cond"];',
    );
    expect(renderDot(loopGraph())).toContain('label="repeat up to 5 times, until done";');
  });

  it('quotes and escapes names', () => {
    expect(dotQuote('say "hi" \\ now\n')).toBe('"say \\"hi\\" \\\\ now\\n"');
    const text = renderDot(awkwardNames());
    expect(text).toContain('"hello \\"world\\" [1]" [label="hello \\"world\\" [1]", shape=box];');
  });
});
