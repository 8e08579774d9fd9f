import { type SecretsStore } from './secrets.js';
export declare class EnvSecrets implements SecretsStore {
    private readonly env;
    readonly type = "env-secrets";
    readonly fromEnvironment = true;
    constructor(env?: NodeJS.ProcessEnv);
    get(name: string): string;
}
