import type { PipelineNode } from '../../pipeline/model.js';
import { type ArgoConfig, type PodOverride } from './config.js';
import type { ArgoTemplate } from './workflow-types.js';
/** Where the shared volume (the PVC) is mounted in every pod, and the pod-local folder for output parameters. */
export declare const VOLUME_MOUNT = "/mnt/runnable";
export declare const OUT_MOUNT = "/mnt/out";
export declare const PVC_VOLUME = "runnable";
export declare const OUT_VOLUME = "runnable-out";
/** Output parameters of the fan template; each has a default, so a skipped or failed producer still resolves. */
export declare const FAN_OUTPUTS: Record<string, string>;
export interface TemplateContext {
    config: ArgoConfig;
    files: {
        pipeline: string;
        config?: string;
        parameters?: string;
    };
    tag: string;
    /** `{{workflow.parameters.run_id}}`, or `{{workflow.name}}` in a CronWorkflow (each scheduled run is a new run). */
    runIdExpr: string;
    /** The templates made so far, by name (insertion order is the output order). */
    templates: Map<string, ArgoTemplate>;
}
/** The override a node names for this executor (runnable: `overrides: {argo: key}`). */
export declare function overrideOf(ctx: TemplateContext, node: PipelineNode, executorName: string): PodOverride | undefined;
/**
 * The template a task, stub, success or fail node runs in: shared by every node with the same settings, retries and
 * secrets. Inputs: `step` (the internal name, "%" for spaces) and `indices` (its position in maps and loops).
 */
export declare function stepTemplate(ctx: TemplateContext, node: PipelineNode, override: PodOverride | undefined): string;
/** The template of every fan-out, fan-in and loop decision: inputs `step`, `indices`, `mode`, `index`. */
export declare function fanTemplate(ctx: TemplateContext): string;
/**
 * The first pod: creates the run log from the parameters file and the workflow's exposed parameters (as
 * RUNNABLE_PRM_ variables, as runnable's first container gets them), recording the workflow's uid.
 */
export declare function startTemplate(ctx: TemplateContext, exposed: string[]): string;
/** The exit handler: a run that never reached its success or fail step (a pod killed, a deadline) is marked FAIL. */
export declare function exitTemplate(ctx: TemplateContext): string;
/** A step's name as the `step` input: the internal name with "%" for spaces. */
export declare const stepArgument: (node: PipelineNode) => string;
