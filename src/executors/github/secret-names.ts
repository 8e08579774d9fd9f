// The tasks under a node, at any depth: whose secrets a job's env must carry (`secrets.<NAME>`), and which the
// workflow_call trigger declares so a calling workflow can pass them.
import { childGraphs, type Graph, type PipelineNode, type TaskNode } from '../../pipeline/model.js';

/** The task itself, or every task inside a composite (only branch `branchKey` when given). */
export function allTaskNodes(node: PipelineNode, branchKey?: string): TaskNode[] {
  if (node.type === 'task') return [node];
  const graphs = Object.entries(childGraphs(node))
    .filter(([k]) => branchKey === undefined || k === branchKey)
    .map(([, g]) => g);
  return graphs.flatMap(tasksOfGraph);
}

function tasksOfGraph(g: Graph): TaskNode[] {
  return Object.values(g.nodes).flatMap((n) => allTaskNodes(n));
}

/** Every secret name of the pipeline, sorted. */
export function pipelineSecrets(graph: Graph): string[] {
  return [...new Set(tasksOfGraph(graph).flatMap((t) => t.task.secrets))].sort();
}
