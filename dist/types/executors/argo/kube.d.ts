import type { KubeConfig } from '@kubernetes/client-node';
import type { ArgoConfig } from './config.js';
export type KubeModule = typeof import('@kubernetes/client-node');
export declare const ARGO_GROUP = "argoproj.io";
export declare const ARGO_VERSION = "v1alpha1";
export interface KubeConnection {
    k8s: KubeModule;
    kc: KubeConfig;
    namespace: string;
    /** Where the credentials came from, for messages (a path or "in-cluster"; never their content). */
    source: string;
}
/** What a connection needs of the configuration (the action's post step has only these, saved by the main step). */
export type ConnectionSettings = Pick<ArgoConfig, 'kubeconfig' | 'context'> & {
    argoWorkflow: {
        metadata: {
            namespace: string;
        };
    };
};
export declare function connect(config: ConnectionSettings, env: NodeJS.ProcessEnv, cwd?: string): Promise<KubeConnection>;
/** An ApiException's HTTP status, or undefined for other errors. */
export declare function statusOf(e: unknown): number | undefined;
/** An error's message without the response body (which may echo request headers). */
export declare function briefly(e: unknown): string;
