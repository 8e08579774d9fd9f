import type { GraphOutcome, GraphRun } from '../../engine/executor.js';
import type { ArgoConfig } from './config.js';
import { type KubeConnection } from './kube.js';
import type { WorkflowManifest } from './workflow-types.js';
/** Label values: at most 63 of [A-Za-z0-9._-], starting and ending alphanumeric. */
export declare function labelValue(text: string): string;
/** The labels a submitted workflow carries. */
export declare function runLabels(runId: string, env: NodeJS.ProcessEnv): Record<string, string>;
/** What a caller (the action) learns while a workflow is submitted and followed: where it is, and its nodes. */
export interface SubmitWatcher {
    /** Right after the create call: the object's kind, namespace and name. */
    submitted?(w: {
        kind: WorkflowManifest['kind'];
        namespace: string;
        name: string;
    }): void;
    /** At every update seen while following: the workflow's phase and its pod nodes under the pipeline's step names. */
    updated?(phase: string | undefined, nodes: NodePhase[]): void;
}
/** One pod node of a followed workflow, named as the pipeline names the step. */
export interface NodePhase {
    id: string;
    step: string;
    phase: string;
    startedAt?: string;
    finishedAt?: string;
    message?: string;
}
interface WorkflowObject {
    metadata: {
        name: string;
        resourceVersion?: string;
    };
    status?: {
        phase?: string;
        finishedAt?: string;
        message?: string;
        nodes?: Record<string, ArgoNode>;
        compressedNodes?: string;
    };
}
interface ArgoNode {
    id: string;
    displayName?: string;
    type?: string;
    phase?: string;
    templateName?: string;
    startedAt?: string;
    finishedAt?: string;
    message?: string;
    inputs?: {
        parameters?: Array<{
            name: string;
            value?: string;
        }>;
    };
}
export declare function submitWorkflow(run: GraphRun, config: ArgoConfig, manifest: WorkflowManifest, watcher?: SubmitWatcher): Promise<GraphOutcome>;
/** The nodes of a status, decompressed when the controller packed them. */
export declare function nodesOf(status: WorkflowObject['status']): Record<string, ArgoNode>;
/** A node's name for the user: the pipeline step (and position) a pod ran, else Argo's display name. */
export declare function describeNode(n: ArgoNode): string;
/** The pod nodes of a status, as the watcher gets them. */
export declare function podPhases(status: WorkflowObject['status']): NodePhase[];
/** Follows the workflow to its end; resolves to its final phase. Cancelled: stops it (or leaves it, detached) and throws. */
export declare function followWorkflow(conn: KubeConnection, name: string, run: GraphRun, detach?: boolean, watcher?: SubmitWatcher): Promise<string>;
/**
 * Sets `spec.shutdown: Stop` (a merge patch): Argo stops the running pods and runs the exit handler, which marks
 * the run log FAIL. With `readFirst`, a workflow that has ended already is left as it is. Resolves to whether it
 * patched, and the phase read ('' when not read or none yet). The action's post step uses it too.
 */
export declare function stopWorkflow(conn: KubeConnection, name: string, readFirst?: boolean): Promise<{
    stopped: boolean;
    phase: string;
}>;
export {};
