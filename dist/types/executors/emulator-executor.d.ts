import * as z from '../util/zod.js';
import type { RunContext, Scope } from '../engine/run-context.js';
import type { LeafNode } from '../pipeline/model.js';
import type { StepLog } from '../services/run-log/model.js';
import type { NodeExecutor } from '../engine/executor.js';
export declare const emulatorConfigSchema: import("zod/mini").ZodMiniObject<{
    enable_parallel: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    max_concurrency: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
    timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
    }, import("zod/v4/core").$loose>>>;
}, import("zod/v4/core").$strict>;
export declare class EmulatorExecutor implements NodeExecutor {
    private readonly config;
    readonly type = "emulator";
    readonly leavesRunElsewhere = true;
    maxConcurrency: number;
    constructor(config: z.infer<typeof emulatorConfigSchema>);
    prepare(run: RunContext): Promise<void>;
    /** Asked inside the step process, which reads the same configuration (execute-single-node runs the leaf there). */
    taskTimeout(node: LeafNode): number | undefined;
    executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void>;
}
