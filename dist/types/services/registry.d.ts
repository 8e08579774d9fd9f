import type { ZodType } from '../util/zod.js';
export type ServiceKind = 'pipeline-executor' | 'run-log-store' | 'catalog' | 'secrets' | 'pickler' | 'job-executor';
export declare const SERVICE_KINDS: readonly ServiceKind[];
export interface ServiceDefinition<T = unknown> {
    kind: ServiceKind;
    type: string;
    /** Validates the `config:` mapping of the service; unknown keys should be errors. */
    schema: ZodType;
    create(config: any): T;
}
export declare class ServiceRegistry {
    private readonly defs;
    register<T>(def: ServiceDefinition<T>): void;
    get(kind: ServiceKind, type: string): ServiceDefinition | undefined;
    types(kind: ServiceKind): string[];
}
export declare const registry: ServiceRegistry;
