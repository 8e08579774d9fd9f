import * as z from '../util/zod.js';
import type { RunContext, Scope } from '../engine/run-context.js';
import type { LeafNode } from '../pipeline/model.js';
import type { StepLog } from '../services/run-log/model.js';
import type { NodeExecutor } from '../engine/executor.js';
export declare const localConfigSchema: import("zod/mini").ZodMiniObject<{
    enable_parallel: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    max_concurrency: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
    object_serialisation: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
    }, import("zod/v4/core").$loose>>>;
}, import("zod/v4/core").$strict>;
export type LocalConfig = z.infer<typeof localConfigSchema>;
export declare class LocalExecutor implements NodeExecutor {
    protected readonly config: LocalConfig;
    readonly type: string;
    maxConcurrency: number;
    constructor(config: LocalConfig);
    get objectSerialisation(): boolean;
    prepare(run: RunContext): Promise<void>;
    taskTimeout(node: LeafNode): number | undefined;
    executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void>;
}
/** The number of branches to run at once, with runnable's warning when the store cannot take it. */
export declare function parallelism(run: RunContext, enabled: boolean, max: number | undefined): number;
