import type { GraphExecutor, GraphOutcome, GraphRun } from '../../engine/executor.js';
import { type GithubConfig } from './config.js';
export declare class GithubExecutor implements GraphExecutor {
    private readonly config;
    readonly model: "whole-graph";
    readonly type = "github";
    constructor(config: GithubConfig);
    prepare(run: GraphRun): Promise<void>;
    executeGraph(run: GraphRun): Promise<GraphOutcome>;
}
