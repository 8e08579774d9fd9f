import type { SecretsStore } from './secrets.js';
export declare class DoNothingSecrets implements SecretsStore {
    readonly type = "do-nothing";
    get(): string;
}
