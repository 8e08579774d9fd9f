import * as z from '../util/zod.js';
import type { RunContext, Scope } from '../engine/run-context.js';
import type { InputIssue } from '../errors.js';
import { type LeafNode, type Pipeline, type SourceLocation } from '../pipeline/model.js';
import { type StepLog } from '../services/run-log/model.js';
import type { NodeExecutor } from '../engine/executor.js';
export declare const mockedConfigSchema: import("zod/mini").ZodMiniObject<{
    patches: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        command: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        command_type: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
            shell: "shell";
            python: "python";
            typescript: "typescript";
        }>>;
        returns: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
            name: import("zod/mini").ZodMiniString<string>;
            kind: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniEnum<{
                object: "object";
                json: "json";
                metric: "metric";
            }>>;
        }, import("zod/v4/core").$strip>]>>>;
        secrets: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
        returns_values: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnknown>>;
    }, import("zod/v4/core").$loose>>>;
}, import("zod/v4/core").$loose>;
export declare class MockedExecutor implements NodeExecutor {
    readonly type = "mocked";
    readonly maxConcurrency = 1;
    private readonly patches;
    constructor(config: z.infer<typeof mockedConfigSchema>);
    executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void>;
}
/**
 * Patches of a mocked executor configuration that name no task or stub of the pipeline: an error in `execute`
 * as in `validate` (a misspelt patch would otherwise let the real command run). runnable ignores them silently.
 */
export declare function unknownPatchIssues(executor: {
    type: string;
    config: Record<string, unknown>;
    location?: SourceLocation;
}, pipeline: Pipeline): InputIssue[];
