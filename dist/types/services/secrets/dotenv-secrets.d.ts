import type { HostPath } from '../host-paths.js';
import { type SecretsStore } from './secrets.js';
export declare function parseDotenv(text: string): Record<string, string>;
export declare class DotenvSecrets implements SecretsStore {
    readonly type = "dotenv";
    readonly mountFile: string;
    private values;
    constructor(config?: {
        location?: string;
    });
    hostPaths(): HostPath[];
    get(name: string): string;
}
