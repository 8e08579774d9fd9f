// A pipeline graph as plain JSON (`runnable graph --format json`): stable keys and order, snake_case like the run
// log, and nothing that cannot or should not be serialised (SDK task functions, source locations).

import { childGraphs, isComposite } from '../pipeline/model.js';
import type { CatalogSpec, Graph, PipelineNode, ReturnSpec } from '../pipeline/model.js';
import { unreachable } from '../util/unreachable.js';

export interface GraphJson {
  internal_branch_name: string;
  start_at: string;
  description: string;
  /** Keyed by node name, in definition order. */
  nodes: Record<string, NodeJson>;
}

export interface NodeJson {
  type: PipelineNode['type'];
  name: string;
  internal_name: string;
  next: string;
  on_failure: string;
  overrides: Record<string, string>;
  // task
  command_type?: string;
  command?: string;
  returns?: ReturnSpec[];
  secrets?: string[];
  // task, stub
  max_attempts?: number;
  catalog?: CatalogSpec;
  // map
  iterate_on?: string;
  iterate_as?: string;
  reducer?: string;
  // conditional
  parameter?: string;
  // loop
  max_iterations?: number;
  break_on?: string;
  index_as?: string;
  /** Composite nodes: sub-graphs by branch key (map and loop: the single key "branch", as `childGraphs`). */
  branches?: Record<string, GraphJson>;
}

export function graphToJson(graph: Graph): GraphJson {
  const nodes: Record<string, NodeJson> = {};
  for (const node of Object.values(graph.nodes)) nodes[node.name] = nodeToJson(node);
  return {
    internal_branch_name: graph.internalBranchName,
    start_at: graph.startAt,
    description: graph.description,
    nodes,
  };
}

function nodeToJson(node: PipelineNode): NodeJson {
  const out: NodeJson = {
    type: node.type,
    name: node.name,
    internal_name: node.internalName,
    next: node.next,
    on_failure: node.onFailure,
    overrides: { ...node.overrides },
  };
  switch (node.type) {
    case 'task':
      out.command_type = node.task.command_type;
      out.command = node.task.command;
      out.returns = node.task.returns.map((r) => ({ name: r.name, kind: r.kind }));
      out.secrets = [...node.task.secrets];
      out.max_attempts = node.maxAttempts;
      if (node.catalog) out.catalog = copyCatalog(node.catalog);
      break;
    case 'stub':
      // A stub's extra keys are ignored by runnable and may hold anything the SDK was given: left out.
      out.max_attempts = node.maxAttempts;
      if (node.catalog) out.catalog = copyCatalog(node.catalog);
      break;
    case 'map':
      out.iterate_on = node.iterateOn;
      out.iterate_as = node.iterateAs;
      if (node.reducer !== undefined) out.reducer = node.reducer;
      break;
    case 'conditional':
      out.parameter = node.parameter;
      break;
    case 'loop':
      out.max_iterations = node.maxIterations;
      out.break_on = node.breakOn;
      out.index_as = node.indexAs;
      break;
    case 'parallel':
    case 'success':
    case 'fail':
      break;
    default:
      unreachable(node, 'node type');
  }
  if (isComposite(node)) {
    out.branches = {};
    for (const [key, sub] of Object.entries(childGraphs(node))) out.branches[key] = graphToJson(sub);
  }
  return out;
}

const copyCatalog = (c: CatalogSpec): CatalogSpec => ({ get: [...c.get], put: [...c.put], store_copy: c.store_copy });
