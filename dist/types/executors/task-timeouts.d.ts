import type { Graph, LeafNode } from '../pipeline/model.js';
/** `timeout` as a config key: seconds or a duration ("90s", "5m", "1h30m"). */
export declare const timeoutSetting: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
/** One entry of `overrides` of an executor that takes other keys freely: its `timeout` is checked. */
export declare const overrideSchema: import("zod/mini").ZodMiniObject<{
    timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
}, import("zod/v4/core").$loose>;
interface TimeoutConfig {
    timeout?: number | string;
    overrides: Record<string, {
        timeout?: number | string;
    }>;
}
/** The limit, in seconds, of a task under `service`'s config, or undefined for none. */
export declare function taskTimeout(service: string, config: TimeoutConfig, node: LeafNode): number | undefined;
/** Every step's `overrides: {<service>: key}` names an override of the config (all problems at once). */
export declare function checkOverrideKeys(service: string, config: TimeoutConfig, graph: Graph): void;
export {};
