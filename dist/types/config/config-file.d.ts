import type { SourceLocation } from '../pipeline/model.js';
import { type ServiceKind } from '../services/registry.js';
export interface ServiceConfig {
    type: string;
    config: Record<string, unknown>;
    location?: SourceLocation;
}
export interface RunnableConfig {
    /** The file read, or undefined for the built-in defaults. */
    file?: string;
    services: Record<ServiceKind, ServiceConfig>;
    /** Names of RUNNABLE_VAR_ variables that were referenced but not set. */
    unresolvedVariables: string[];
}
export declare const DEFAULT_SERVICES: Record<ServiceKind, ServiceConfig>;
/** runnable's precedence: RUNNABLE_CONFIGURATION_FILE > -c > ./runnable-config.yaml > defaults. */
export declare function findConfigFile(cliPath: string | undefined, env?: NodeJS.ProcessEnv, cwd?: string): string | undefined;
/** Python string.Template.safe_substitute over string values: `$name` and `${name}` from RUNNABLE_VAR_<name>. */
export declare function substituteVariables(value: unknown, vars: Record<string, string>, unresolved: Set<string>): unknown;
export declare function templateVariables(env?: NodeJS.ProcessEnv): Record<string, string>;
export declare function loadConfig(file: string | undefined, env?: NodeJS.ProcessEnv): RunnableConfig;
