import type { HostPath } from '../host-paths.js';
export interface SecretsStore {
    readonly type: string;
    get(name: string): string;
    /** The file the secrets are read from (dotenv). */
    readonly mountFile?: string;
    /** The configuration keys that name host paths (a dotenv file's location), for executors that run steps elsewhere. */
    hostPaths?(): HostPath[];
}
export declare class SecretNotFoundError extends Error {
    constructor(name: string, where: string);
}
