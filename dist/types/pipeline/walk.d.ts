import { type Graph, type PipelineNode } from './model.js';
/** A node and the graph it belongs to (`graph.internalBranchName` '' for the root). */
export interface WalkedNode {
    node: PipelineNode;
    graph: Graph;
}
/** Every node of `graph` and of the graphs nested in it, each node before the nodes of its branches. */
export declare function walkNodes(graph: Graph): Generator<WalkedNode>;
/** Every secret a task of the pipeline declares: these reach only the tasks that list them. */
export declare function declaredSecrets(graph: Graph): Set<string>;
