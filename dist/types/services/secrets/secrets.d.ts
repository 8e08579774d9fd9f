export interface SecretsStore {
    readonly type: string;
    get(name: string): string;
    /** Files to mount into containers (dotenv), host path -> container path. */
    readonly mountFile?: string;
}
export declare class SecretNotFoundError extends Error {
    constructor(name: string, where: string);
}
