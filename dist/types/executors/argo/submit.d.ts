import type { GraphOutcome, GraphRun } from '../../engine/executor.js';
import type { ArgoConfig } from './config.js';
import { type KubeConnection } from './kube.js';
import type { WorkflowManifest } from './workflow-types.js';
/** Label values: at most 63 of [A-Za-z0-9._-], starting and ending alphanumeric. */
export declare function labelValue(text: string): string;
/** The labels a submitted workflow carries. */
export declare function runLabels(runId: string, env: NodeJS.ProcessEnv): Record<string, string>;
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
    inputs?: {
        parameters?: Array<{
            name: string;
            value?: string;
        }>;
    };
}
export declare function submitWorkflow(run: GraphRun, config: ArgoConfig, manifest: WorkflowManifest): Promise<GraphOutcome>;
/** The nodes of a status, decompressed when the controller packed them. */
export declare function nodesOf(status: WorkflowObject['status']): Record<string, ArgoNode>;
/** A node's name for the user: the pipeline step (and position) a pod ran, else Argo's display name. */
export declare function describeNode(n: ArgoNode): string;
/** Follows the workflow to its end; resolves to its final phase. */
export declare function followWorkflow(conn: KubeConnection, name: string, run: GraphRun): Promise<string>;
export {};
