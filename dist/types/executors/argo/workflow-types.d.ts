/** A template parameter or a task argument. */
export interface ArgoParameter {
    name: string;
    value?: string;
    default?: string;
    valueFrom?: {
        path: string;
        default: string;
    };
}
export interface DagTask {
    name: string;
    template: string;
    depends?: string;
    when?: string;
    withParam?: string;
    arguments?: {
        parameters: ArgoParameter[];
    };
}
export interface ArgoTemplate {
    name: string;
    inputs?: {
        parameters: ArgoParameter[];
    };
    outputs?: {
        parameters: ArgoParameter[];
    };
    dag?: {
        tasks: DagTask[];
        failFast?: boolean;
    };
    container?: Record<string, unknown>;
    retryStrategy?: Record<string, unknown>;
    activeDeadlineSeconds?: number;
    timeout?: string;
    nodeSelector?: Record<string, string>;
    tolerations?: Record<string, unknown>[];
    parallelism?: number;
}
export interface WorkflowSpec {
    entrypoint: string;
    onExit?: string;
    arguments: {
        parameters: ArgoParameter[];
    };
    templates: ArgoTemplate[];
    volumes?: Record<string, unknown>[];
    [key: string]: unknown;
}
export interface WorkflowManifest {
    apiVersion: 'argoproj.io/v1alpha1';
    kind: 'Workflow' | 'CronWorkflow';
    metadata: {
        name?: string;
        generateName?: string;
        namespace?: string;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
    };
    spec: WorkflowSpec | {
        schedules: string[];
        timezone?: string;
        workflowSpec: WorkflowSpec;
        [key: string]: unknown;
    };
}
/** The Workflow spec of a manifest, whether it is a Workflow or a CronWorkflow. */
export declare function workflowSpecOf(m: WorkflowManifest): WorkflowSpec;
