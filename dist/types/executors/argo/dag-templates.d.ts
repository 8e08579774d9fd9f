import { type Graph } from '../../pipeline/model.js';
import { type TemplateContext } from './pod-templates.js';
import type { DagTask } from './workflow-types.js';
/** Argo stops a workflow whose templates nest deeper than 100; each loop iteration adds two levels. */
export declare const MAX_LOOP_ITERATIONS = 45;
export interface DagContext extends TemplateContext {
    executorName: string;
}
/** The DAG template of a graph (the root, or a branch at `depth` maps/loops deep); returns its name. */
export declare function graphTemplate(ctx: DagContext, graph: Graph, name: string, depth: number, startAfter?: DagTask): string;
