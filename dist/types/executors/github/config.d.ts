import * as z from '../../util/zod.js';
/** The name steps select an override with: `overrides: {github: KEY}`. */
export declare const GITHUB_SERVICE_NAME = "github";
/** GitHub's matrix limit: 256 jobs per workflow run, across every matrix in it (reference §8). */
export declare const GITHUB_MATRIX_LIMIT = 256;
/** GitHub refuses to start a run of a workflow file larger than this (reference §8). */
export declare const GITHUB_WORKFLOW_SIZE_LIMIT: number;
/** One step of a job's set-up, written as in a workflow (`uses:`/`with:` or `run:`). */
declare const setupStep: import("zod/mini").ZodMiniObject<{
    name: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    uses: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    with: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>>>;
    run: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    env: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
    shell: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
}, import("zod/v4/core").$loose>;
export declare const githubOverrideSchema: import("zod/mini").ZodMiniObject<{
    runs_on: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>]>>;
    container: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        image: import("zod/mini").ZodMiniString<string>;
    }, import("zod/v4/core").$loose>]>>;
    services: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        image: import("zod/mini").ZodMiniString<string>;
    }, import("zod/v4/core").$loose>>>;
    setup: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniObject<{
        name: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        uses: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        with: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>>>;
        run: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        env: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        shell: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    }, import("zod/v4/core").$loose>>>;
    environment: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    timeout_minutes: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
}, import("zod/v4/core").$strict>;
export declare const githubConfigSchema: import("zod/mini").ZodMiniObject<{
    output_file: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    name: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    action_ref: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
    checkout: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
    runs_on: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>]>>;
    container: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        image: import("zod/mini").ZodMiniString<string>;
    }, import("zod/v4/core").$loose>]>>;
    services: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        image: import("zod/mini").ZodMiniString<string>;
    }, import("zod/v4/core").$loose>>>;
    setup: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniObject<{
        name: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        uses: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        with: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>>>;
        run: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        env: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        shell: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    }, import("zod/v4/core").$loose>>>;
    environment: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    timeout_minutes: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniInt>;
    max_matrix_jobs: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniInt>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        runs_on: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>]>>;
        container: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
            image: import("zod/mini").ZodMiniString<string>;
        }, import("zod/v4/core").$loose>]>>;
        services: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
            image: import("zod/mini").ZodMiniString<string>;
        }, import("zod/v4/core").$loose>>>;
        setup: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniObject<{
            name: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            uses: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            with: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>>>;
            run: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            env: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
            shell: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        }, import("zod/v4/core").$loose>>>;
        environment: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        timeout_minutes: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
    }, import("zod/v4/core").$strict>>>;
}, import("zod/v4/core").$strict>;
export type GithubConfig = z.infer<typeof githubConfigSchema>;
export type GithubOverride = z.infer<typeof githubOverrideSchema>;
export type SetupStep = z.infer<typeof setupStep>;
/** How one job is placed: the executor's settings with a step's override laid over them (shallowly). */
export interface JobPlacement {
    runs_on: string | string[];
    container?: GithubConfig['container'];
    services?: GithubConfig['services'];
    setup: SetupStep[];
    environment?: string;
    timeout_minutes: number;
}
export declare function placementFor(config: GithubConfig, override: GithubOverride | undefined): JobPlacement;
export {};
