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
export declare function connect(config: ArgoConfig, env: NodeJS.ProcessEnv, cwd?: string): Promise<KubeConnection>;
/** An ApiException's HTTP status, or undefined for other errors. */
export declare function statusOf(e: unknown): number | undefined;
/** An error's message without the response body (which may echo request headers). */
export declare function briefly(e: unknown): string;
