// The one walk over a pipeline's graphs: every node, depth first, with the graph that holds it. Checks, the dag
// dump, secrets and reporters that need "every node" use it instead of recursing through childGraphs themselves.
import { childGraphs, type Graph, type PipelineNode } from './model.js';

/** A node and the graph it belongs to (`graph.internalBranchName` '' for the root). */
export interface WalkedNode {
  node: PipelineNode;
  graph: Graph;
}

/** Every node of `graph` and of the graphs nested in it, each node before the nodes of its branches. */
export function* walkNodes(graph: Graph): Generator<WalkedNode> {
  const pending: Graph[] = [graph];
  for (let g = pending.pop(); g; g = pending.pop()) {
    const nested: Graph[] = [];
    for (const node of Object.values(g.nodes)) {
      yield { node, graph: g };
      nested.push(...Object.values(childGraphs(node)));
    }
    pending.push(...nested.reverse());
  }
}

/** Every secret a task of the pipeline declares: these reach only the tasks that list them. */
export function declaredSecrets(graph: Graph): Set<string> {
  const out = new Set<string>();
  for (const { node } of walkNodes(graph)) if (node.type === 'task') for (const s of node.task.secrets) out.add(s);
  return out;
}
