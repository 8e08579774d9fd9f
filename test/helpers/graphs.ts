// Pipeline graphs built by hand, as the YAML loader would build them (implicit success/fail in every graph,
// internal names as dot-paths with the map/loop placeholders), for the graph renderers' tests.

import { LOOP_PLACEHOLDER, MAP_PLACEHOLDER } from '../../src/pipeline/model.js';
import type { Graph, PipelineNode, TaskNode } from '../../src/pipeline/model.js';

type NodeSpec =
  | { type: 'task'; next: string; onFailure?: string; command?: string; maxAttempts?: number }
  | { type: 'stub'; next: string; onFailure?: string }
  | { type: 'parallel'; next: string; onFailure?: string; branches: Record<string, GraphSpec> }
  | { type: 'conditional'; next: string; onFailure?: string; parameter: string; branches: Record<string, GraphSpec> }
  | { type: 'map'; next: string; onFailure?: string; iterateOn: string; iterateAs: string; branch: GraphSpec }
  | { type: 'loop'; next: string; onFailure?: string; maxIterations: number; breakOn: string; indexAs: string; branch: GraphSpec };

export interface GraphSpec {
  startAt: string;
  steps: Record<string, NodeSpec>;
  description?: string;
}

/** Builds a Graph whose nodes carry dot-path internal names under `branchName` ('' for the root). */
export function buildGraph(spec: GraphSpec, branchName = ''): Graph {
  const nodes: Record<string, PipelineNode> = {};
  const internal = (name: string) => (branchName ? `${branchName}.${name}` : name);
  for (const [name, s] of Object.entries(spec.steps)) {
    const base = { name, internalName: internal(name), next: s.next, onFailure: s.onFailure ?? '', overrides: {} };
    switch (s.type) {
      case 'task': {
        const task: TaskNode = {
          ...base,
          type: 'task',
          task: { command_type: 'shell', command: s.command ?? `echo ${name}`, returns: [], secrets: [] },
          maxAttempts: s.maxAttempts ?? 1,
          // SDK tasks carry a function: renderers must never print or serialise it.
          fn: () => 'not serialisable',
        };
        nodes[name] = task;
        break;
      }
      case 'stub':
        nodes[name] = { ...base, type: 'stub', maxAttempts: 1, extras: {} };
        break;
      case 'parallel':
      case 'conditional': {
        const branches: Record<string, Graph> = {};
        for (const [key, b] of Object.entries(s.branches)) branches[key] = buildGraph(b, `${base.internalName}.${key}`);
        nodes[name] =
          s.type === 'parallel'
            ? { ...base, type: 'parallel', branches }
            : { ...base, type: 'conditional', parameter: s.parameter, branches };
        break;
      }
      case 'map':
        nodes[name] = {
          ...base,
          type: 'map',
          iterateOn: s.iterateOn,
          iterateAs: s.iterateAs,
          branch: buildGraph(s.branch, `${base.internalName}.${MAP_PLACEHOLDER}`),
        };
        break;
      case 'loop':
        nodes[name] = {
          ...base,
          type: 'loop',
          maxIterations: s.maxIterations,
          breakOn: s.breakOn,
          indexAs: s.indexAs,
          branch: buildGraph(s.branch, `${base.internalName}.${LOOP_PLACEHOLDER}`),
        };
        break;
    }
  }
  // The implicit terminal nodes every graph gets (reference §1.1).
  for (const type of ['success', 'fail'] as const) {
    nodes[type] = { type, name: type, internalName: internal(type), next: '', onFailure: '', overrides: {} };
  }
  return {
    internalBranchName: branchName,
    startAt: spec.startAt,
    description: spec.description ?? '',
    nodes,
    location: { file: 'pipeline.yaml', line: 1, col: 1 },
  };
}

/** extract -> transform -> load; transform fails over to `notify`, which routes to `fail` explicitly. */
export const linearChainWithOnFailure = (): Graph =>
  buildGraph({
    description: 'a linear chain',
    startAt: 'extract',
    steps: {
      extract: { type: 'task', next: 'transform' },
      transform: { type: 'task', next: 'load', onFailure: 'notify', maxAttempts: 3 },
      load: { type: 'stub', next: 'success' },
      notify: { type: 'task', next: 'fail', command: 'echo "failed: <transform> & [retry] #1"' },
    },
  });

/** prepare -> par{left: a -> b, right: c} -> success. */
export const parallelTwoBranches = (): Graph =>
  buildGraph({
    startAt: 'prepare',
    steps: {
      prepare: { type: 'stub', next: 'par' },
      par: {
        type: 'parallel',
        next: 'success',
        branches: {
          left: { startAt: 'a', steps: { a: { type: 'task', next: 'b' }, b: { type: 'task', next: 'success' } } },
          right: { startAt: 'c', steps: { c: { type: 'task', next: 'success' } } },
        },
      },
    },
  });

/** A map over `chunks` whose branch holds a conditional on `toss` (heads/tails), then a final task. */
export const mapWithNestedConditional = (): Graph =>
  buildGraph({
    startAt: 'map_state',
    steps: {
      map_state: {
        type: 'map',
        next: 'collect',
        iterateOn: 'chunks',
        iterateAs: 'chunk',
        branch: {
          startAt: 'execute',
          steps: {
            execute: { type: 'task', next: 'cond' },
            cond: {
              type: 'conditional',
              next: 'success',
              parameter: 'toss',
              branches: {
                heads: { startAt: 'h', steps: { h: { type: 'task', next: 'success' } } },
                tails: { startAt: 't', steps: { t: { type: 'stub', next: 'success' } } },
              },
            },
          },
        },
      },
      collect: { type: 'task', next: 'success' },
    },
  });

/** A loop of at most 5 iterations of `body`, breaking on `done`, then `show`. */
export const loopGraph = (): Graph =>
  buildGraph({
    startAt: 'lp',
    steps: {
      lp: {
        type: 'loop',
        next: 'show',
        maxIterations: 5,
        breakOn: 'done',
        indexAs: 'loop_idx',
        branch: { startAt: 'body', steps: { body: { type: 'task', next: 'success' } } },
      },
      show: { type: 'task', next: 'success' },
    },
  });

/** A node name with spaces and Mermaid/DOT/HTML-hostile characters, to exercise ids and escaping. */
export const awkwardNames = (): Graph =>
  buildGraph({
    startAt: 'hello "world" [1]',
    steps: {
      'hello "world" [1]': { type: 'task', next: 'a<b> & #c', onFailure: 'end' },
      'a<b> & #c': { type: 'stub', next: 'success' },
      end: { type: 'task', next: 'success' },
    },
  });

export const ALL_GRAPHS = {
  linearChainWithOnFailure,
  parallelTwoBranches,
  mapWithNestedConditional,
  loopGraph,
  awkwardNames,
};
