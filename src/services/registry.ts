// Service kind + type name -> implementation. The configuration file names services by type; built-ins and
// plugins register here, so a new executor or store slots in without touching the code that reads the config.
import type { ZodType } from '../util/zod.js';
import type { ArtifactTransport } from './catalog/artifact-transport.js';

export type ServiceKind = 'pipeline-executor' | 'run-log-store' | 'catalog' | 'secrets' | 'pickler' | 'job-executor';

export const SERVICE_KINDS: readonly ServiceKind[] = [
  'pipeline-executor',
  'job-executor',
  'run-log-store',
  'catalog',
  'secrets',
  'pickler',
];

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

export class ServiceRegistry {
  private readonly defs = new Map<string, ServiceDefinition>();

  register<T>(def: ServiceDefinition<T>): void {
    this.defs.set(`${def.kind}/${def.type}`, def as ServiceDefinition);
  }

  get(kind: ServiceKind, type: string): ServiceDefinition | undefined {
    return this.defs.get(`${kind}/${type}`);
  }

  types(kind: ServiceKind): string[] {
    return [...this.defs.values()].filter((d) => d.kind === kind).map((d) => d.type);
  }
}

export const registry = new ServiceRegistry();
