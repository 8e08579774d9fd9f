import type { GraphExecutor, GraphOutcome, GraphRun } from '../../engine/executor.js';
import type { ArgoConfig } from './config.js';
import { type WorkflowManifest } from './workflow-types.js';
/** The key nodes use in `overrides:` for this executor (runnable: `overrides: {argo: <key>}`). */
export declare const ARGO_OVERRIDE_KEY = "argo";
/** What `submit` does with a manifest; set by submit.ts so that this file stays free of the Kubernetes client. */
export type Submitter = (run: GraphRun, config: ArgoConfig, manifest: WorkflowManifest) => Promise<GraphOutcome>;
export declare class ArgoExecutor implements GraphExecutor {
    readonly config: ArgoConfig;
    private readonly submitter?;
    readonly model: "whole-graph";
    readonly type = "argo";
    constructor(config: ArgoConfig, submitter?: Submitter | undefined);
    prepare(run: GraphRun): Promise<void>;
    /** The manifest for this run (no run id when only rendering: it is given at submit). */
    manifest(run: GraphRun, labels?: Record<string, string>): WorkflowManifest;
    executeGraph(run: GraphRun): Promise<GraphOutcome>;
}
/** Kubernetes keeps an object in etcd, whose requests are limited: Argo's guidance is 1 MiB per Workflow. */
export declare const ARGO_MANIFEST_LIMIT: number;
