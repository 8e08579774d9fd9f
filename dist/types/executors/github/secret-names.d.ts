import { type Graph, type PipelineNode, type TaskNode } from '../../pipeline/model.js';
/** The task itself, or every task inside a composite (only branch `branchKey` when given). */
export declare function allTaskNodes(node: PipelineNode, branchKey?: string): TaskNode[];
/** Every secret name of the pipeline, sorted. */
export declare function pipelineSecrets(graph: Graph): string[];
