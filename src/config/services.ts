// Turns a configuration into live services, through the registry, and the run_config summary runnable records.
import type { Executor } from '../engine/executor.js';
import type { Catalog } from '../services/catalog/catalog.js';
import { registry, type ServiceContext, type ServiceKind } from '../services/registry.js';
import type { RunLogStore } from '../services/run-log/store.js';
import type { SecretsStore } from '../services/secrets/secrets.js';
import * as z from '../util/zod.js';
import type { RunnableConfig } from './config-file.js';

export interface Services {
  executor: Executor;
  store: RunLogStore;
  catalog: Catalog;
  secrets: SecretsStore;
  /** run_config entries, as runnable records its services. */
  summary: Record<string, unknown>;
  /** Each service's `{type, config}` as configured. */
  configs: Record<string, { type: string; config: Record<string, unknown> }>;
}

/** The services as a run request takes them (engine/run-pipeline.ts RunRequest). */
export function requestServices(s: Services) {
  return {
    store: s.store,
    catalog: s.catalog,
    secrets: s.secrets,
    executor: s.executor,
    serviceSummary: s.summary,
    serviceConfigs: s.configs,
  };
}

function create<T>(config: RunnableConfig, kind: ServiceKind, context: ServiceContext): T {
  const s = config.services[kind];
  const def = registry.get(kind, s.type);
  if (!def) throw new Error(`internal: ${kind} ${s.type} is not registered`);
  // parse again so defaults of the schema apply even to the built-in default services
  return def.create(z.parse(def.schema, s.config), context) as T;
}

export function createServices(config: RunnableConfig, context: ServiceContext = {}): Services {
  const executor = create<Executor>(config, 'pipeline-executor', context);
  const store = create<RunLogStore>(config, 'run-log-store', context);
  const catalog = create<Catalog>(config, 'catalog', context);
  const secrets = create<SecretsStore>(config, 'secrets', context);
  const s = config.services;
  return {
    executor,
    store,
    catalog,
    secrets,
    configs: Object.fromEntries(Object.entries(s).map(([kind, c]) => [kind, { type: c.type, config: c.config }])),
    summary: {
      pipeline_executor: { service_name: s['pipeline-executor'].type, service_type: 'pipeline_executor', overrides: {} },
      catalog: { service_name: s.catalog.type, service_type: 'catalog', compute_data_folder: '.' },
      secrets: { service_name: s.secrets.type, service_type: 'secrets' },
      pickler: { extension: '.dill', service_name: 'pickle', service_type: 'pickler' },
      run_log_store: {
        service_name: s['run-log-store'].type,
        service_type: 'run_log_store',
        supports_parallel_writes: store.supportsParallelWrites,
      },
    },
  };
}
