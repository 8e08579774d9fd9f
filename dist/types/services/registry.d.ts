import type { ZodType } from '../util/zod.js';
import type { ArtifactTransport } from './catalog/artifact-transport.js';
export type ServiceKind = 'pipeline-executor' | 'run-log-store' | 'catalog' | 'secrets' | 'pickler' | 'job-executor';
export declare const SERVICE_KINDS: readonly ServiceKind[];
export interface ServiceDefinition<T = unknown> {
    kind: ServiceKind;
    type: string;
    /** Validates the `config:` mapping of the service; unknown keys should be errors. */
    schema: ZodType;
    create(config: any, context: ServiceContext): T;
}
/**
 * What the adapter that assembles a run hands to the services it creates, for this run only (never kept in a
 * module, so two runs in one process keep their own).
 */
export interface ServiceContext {
    /** GitHub's artifact service, which the action opens (the `github-artifacts` catalog needs it). */
    artifactTransport?: ArtifactTransport;
}
export declare class ServiceRegistry {
    private readonly defs;
    register<T>(def: ServiceDefinition<T>): void;
    get(kind: ServiceKind, type: string): ServiceDefinition | undefined;
    types(kind: ServiceKind): string[];
}
export declare const registry: ServiceRegistry;
