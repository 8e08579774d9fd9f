import type { HostPath } from '../host-paths.js';
export interface SecretsStore {
    readonly type: string;
    get(name: string): string;
    /**
     * True when the values come from this process's environment (env-secrets): a step run in another process or a
     * container gets the secrets it declares through its environment, or it would not find them.
     */
    readonly fromEnvironment?: boolean;
    /** The file the secrets are read from (dotenv). */
    readonly mountFile?: string;
    /** The configuration keys that name host paths (a dotenv file's location), for executors that run steps elsewhere. */
    hostPaths?(): HostPath[];
}
export declare class SecretNotFoundError extends Error {
    constructor(name: string, where: string);
}
