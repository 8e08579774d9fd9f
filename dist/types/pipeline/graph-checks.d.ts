import { type Graph } from './model.js';
import type { YamlPath } from './yaml-source.js';
export interface GraphIssue {
    path: YamlPath;
    step?: string;
    message: string;
    fix?: string;
    key?: boolean;
}
/**
 * `invalid` holds, by branch internal name, the steps that are in the file but were already reported as invalid
 * (and so left out of the graph): a reference to one of them is not a second problem.
 */
export declare function checkGraph(graph: Graph, path?: YamlPath, invalid?: ReadonlyMap<string, ReadonlySet<string>>): GraphIssue[];
