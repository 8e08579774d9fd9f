import { mockLeaf, runLeaf } from '../engine/leaf.js';
import * as z from '../util/zod.js';
/** What the engine lends a plugin: use these instead of importing them (the CLI bundle has its own engine). */
export interface PluginHost {
    runLeaf: typeof runLeaf;
    mockLeaf: typeof mockLeaf;
}
/** The default export of a plugin module. */
export interface Plugin<T = unknown> {
    /** Checks the service's `config:` mapping (a zod 4 schema); without it the mapping is passed as it is. */
    schema?: z.ZodType;
    /** Makes the service from its checked config: an executor (NodeExecutor or GraphExecutor), store, catalog or secrets. */
    create(config: any, host: PluginHost): T;
}
/**
 * Registers every plugin the configuration names (types already registered are left alone). The file is found as
 * for a run: RUNNABLE_CONFIGURATION_FILE, else `given` (-c), else ./runnable-config.yaml.
 */
export declare function loadPlugins(given: string | undefined, env: NodeJS.ProcessEnv, cwd: string): Promise<void>;
