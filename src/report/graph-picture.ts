// What a picture of a pipeline graph shows, shared by the Mermaid and Graphviz renderers so both draw the same
// nodes with the same titles.

import { childGraphs } from '../pipeline/model.js';
import type { CompositeNode, Graph, PipelineNode } from '../pipeline/model.js';
import { unreachable } from '../util/unreachable.js';

/**
 * The nodes of one graph (not its sub-graphs) that a picture draws, in definition order.
 *
 * Every graph has an implicit `fail` node and every task may fail into it, so drawing it with an edge from each
 * task would double the edges and say nothing new. The `fail` node is therefore drawn only when some node routes
 * to it explicitly through `next` or `on_failure`, or (`failReached`) when a run being drawn reached it. `success` is
 * always drawn: it is where the happy path ends.
 */
export function drawnNodes(graph: Graph, opts: { failReached?: boolean } = {}): PipelineNode[] {
  const referenced = new Set<string>();
  for (const n of Object.values(graph.nodes)) {
    if (n.next) referenced.add(n.next);
    if (n.onFailure) referenced.add(n.onFailure);
  }
  return Object.values(graph.nodes).filter((n) => n.type !== 'fail' || referenced.has(n.name) || opts.failReached);
}

/** Whether the graph's `fail` node is drawn only because a run reached it (no node routes to it explicitly). */
export function failDrawnForRun(graph: Graph): boolean {
  return !Object.values(graph.nodes).some((n) => n.next === 'fail' || n.onFailure === 'fail');
}

/** Edges between drawn nodes of one graph: `next` (solid) and `on_failure` (dotted). */
export interface GraphEdge {
  from: PipelineNode;
  to: PipelineNode;
  kind: 'next' | 'on_failure';
}

export function graphEdges(graph: Graph): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const from of drawnNodes(graph)) {
    const next = from.next ? graph.nodes[from.next] : undefined;
    if (next) edges.push({ from, to: next, kind: 'next' });
    const onFailure = from.onFailure ? graph.nodes[from.onFailure] : undefined;
    if (onFailure) edges.push({ from, to: onFailure, kind: 'on_failure' });
  }
  return edges;
}

/** The title of a composite node's box: its name and its kind. */
export function compositeTitle(node: CompositeNode): string {
  return `${node.name} (${node.type})`;
}

/**
 * The title of one branch box. Map and loop have a single branch whose runs are only known at run time, so their
 * title says how it repeats; conditional branches say which value selects them.
 */
export function branchTitle(node: CompositeNode, key: string): string {
  switch (node.type) {
    case 'map':
      return `for each ${node.iterateAs} in ${node.iterateOn}`;
    case 'loop':
      return `repeat up to ${node.maxIterations} times` + (node.breakOn ? `, until ${node.breakOn}` : '');
    case 'conditional':
      return `${node.parameter} == ${key}`;
    case 'parallel':
      return key;
    default:
      return unreachable(node, 'node type');
  }
}

/** The sub-graphs of a composite in definition order, with their titles. */
export function branchesOf(node: CompositeNode): Array<{ key: string; title: string; graph: Graph }> {
  return Object.entries(childGraphs(node)).map(([key, graph]) => ({ key, title: branchTitle(node, key), graph }));
}
