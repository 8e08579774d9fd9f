import type { PipelineNode } from '../../pipeline/model.js';
import { type GithubConfig } from './config.js';
import type { JobIds } from './job-names.js';
import { type NodeJobs } from './job-spec.js';
export interface BuildContext {
    config: GithubConfig;
    ids: JobIds;
    /** Matrix jobs each map may use (the config's budget shared between the top-level maps). */
    matrixJobsPerMap: number;
}
/** The jobs of a top-level task, stub or composite (terminal nodes have none: the finish job records them). */
export declare function jobsFor(node: Exclude<PipelineNode, {
    type: 'success' | 'fail';
}>, ctx: BuildContext): NodeJobs;
