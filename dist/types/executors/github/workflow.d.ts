import { type Graph } from '../../pipeline/model.js';
import type { GithubConfig } from './config.js';
import { type JobSpec } from './job-spec.js';
export interface WorkflowSource {
    graph: Graph;
    config: GithubConfig;
    /** Paths as the jobs see them, relative to the repository root. */
    pipelineFile: string;
    configFile?: string;
    parametersFile?: string;
    /** The workflow's name. */
    name: string;
    logLevel?: string;
}
export interface Workflow {
    /** The YAML text, header comment included. */
    text: string;
    jobs: JobSpec[];
    /** Matrix jobs the workflow may start at most (every map's budget). */
    matrixJobs: number;
}
export declare function buildWorkflow(src: WorkflowSource): Workflow;
