import type { Pipeline } from '../../pipeline/model.js';
import type { Parameters } from '../../services/run-log/model.js';
import type { ArgoConfig } from './config.js';
import type { WorkflowManifest } from './workflow-types.js';
export declare const ROOT_TEMPLATE = "runnable-dag";
export interface ManifestInput {
    pipeline: Pipeline;
    config: ArgoConfig;
    /** The name the configuration file gives the executor in nodes' `overrides` (runnable: `argo`). */
    executorName: string;
    parameters: Parameters;
    files: {
        pipeline: string;
        config?: string;
        parameters?: string;
    };
    tag: string;
    /** The run id to submit with; undefined leaves `run_id` to be given at submit (`argo submit -p run_id=...`). */
    runId?: string;
    /** Labels added to the workflow (run id, GitHub repository...). */
    labels?: Record<string, string>;
}
export declare function buildManifest(input: ManifestInput): WorkflowManifest;
/** The manifest as YAML: no anchors, no line folding, so the text is stable. */
export declare function manifestYaml(m: WorkflowManifest): string;
