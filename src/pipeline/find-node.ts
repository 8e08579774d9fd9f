// Finds a node from its definition-time internal name (`map_state.map_variable_placeholder.execute_python`):
// the single-node entry point receives that name, as Argo pods and containers do.
import { LOOP_PLACEHOLDER, MAP_PLACEHOLDER, type Graph, type PipelineNode } from './model.js';

export interface FoundNode {
  node: PipelineNode;
  /** The loops the node sits in, outermost first (their index_as become env vars of its tasks). */
  loops: Array<{ indexAs: string }>;
}

export function findNode(root: Graph, internalName: string): FoundNode | undefined {
  const parts = internalName.split('.');
  let graph: Graph | undefined = root;
  const loops: FoundNode['loops'] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const node: PipelineNode | undefined = graph?.nodes[parts[i]];
    if (!node) return undefined;
    if (i === parts.length - 1) return { node, loops };
    const key = parts[i + 1];
    if (node.type === 'map' && key === MAP_PLACEHOLDER) graph = node.branch;
    else if (node.type === 'loop' && key === LOOP_PLACEHOLDER) {
      loops.push({ indexAs: node.indexAs });
      graph = node.branch;
    } else if (node.type === 'parallel' || node.type === 'conditional') graph = node.branches[key];
    else return undefined;
  }
  return undefined;
}
