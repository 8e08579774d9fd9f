// Service kind + type name -> implementation. The configuration file names services by type; built-ins and
// plugins register here, so a new executor or store slots in without touching the code that reads the config.
import type { ZodType } from '../util/zod.js';

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
  create(config: any): T;
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
