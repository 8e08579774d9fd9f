import type { Executor } from '../engine/executor.js';
import type { Catalog } from '../services/catalog/catalog.js';
import { type ServiceContext } from '../services/registry.js';
import type { RunLogStore } from '../services/run-log/store.js';
import type { SecretsStore } from '../services/secrets/secrets.js';
import type { RunnableConfig } from './config-file.js';
export interface Services {
    executor: Executor;
    store: RunLogStore;
    catalog: Catalog;
    secrets: SecretsStore;
    /** run_config entries, as runnable records its services. */
    summary: Record<string, unknown>;
    /** Each service's `{type, config}` as configured. */
    configs: Record<string, {
        type: string;
        config: Record<string, unknown>;
    }>;
}
/** The services as a run request takes them (engine/run-pipeline.ts RunRequest). */
export declare function requestServices(s: Services): {
    store: RunLogStore;
    catalog: Catalog;
    secrets: SecretsStore;
    executor: Executor;
    serviceSummary: Record<string, unknown>;
    serviceConfigs: Record<string, {
        type: string;
        config: Record<string, unknown>;
    }>;
};
export declare function createServices(config: RunnableConfig, context?: ServiceContext): Services;
