export declare const taskSchema: import("zod/mini").ZodMiniObject<{
    command_type: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniEnum<{
        shell: "shell";
        python: "python";
        notebook: "notebook";
        typescript: "typescript";
        "async-python": "async-python";
    }>>;
    command: import("zod/mini").ZodMiniString<string>;
    returns: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        name: import("zod/mini").ZodMiniString<string>;
        kind: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniEnum<{
            object: "object";
            json: "json";
            metric: "metric";
        }>>;
    }, import("zod/v4/core").$strict>]>>>;
    secrets: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
    catalog: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
        get: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
        put: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
        store_copy: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    }, import("zod/v4/core").$strict>>;
    max_attempts: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniInt>;
    next: import("zod/mini").ZodMiniString<string>;
    on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
    type: import("zod/mini").ZodMiniLiteral<"task">;
}, import("zod/v4/core").$strict>;
export declare const stubSchema: import("zod/mini").ZodMiniObject<{
    catalog: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
        get: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
        put: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
        store_copy: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    }, import("zod/v4/core").$strict>>;
    max_attempts: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniInt>;
    next: import("zod/mini").ZodMiniString<string>;
    on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
    type: import("zod/mini").ZodMiniLiteral<"stub">;
}, import("zod/v4/core").$loose>;
export declare const parallelSchema: import("zod/mini").ZodMiniObject<{
    branches: import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnknown>;
    next: import("zod/mini").ZodMiniString<string>;
    on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
    type: import("zod/mini").ZodMiniLiteral<"parallel">;
}, import("zod/v4/core").$strict>;
export declare const mapSchema: import("zod/mini").ZodMiniObject<{
    iterate_on: import("zod/mini").ZodMiniString<string>;
    iterate_as: import("zod/mini").ZodMiniString<string>;
    reducer: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    branch: import("zod/mini").ZodMiniUnknown;
    next: import("zod/mini").ZodMiniString<string>;
    on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
    type: import("zod/mini").ZodMiniLiteral<"map">;
}, import("zod/v4/core").$strict>;
export declare const conditionalSchema: import("zod/mini").ZodMiniObject<{
    parameter: import("zod/mini").ZodMiniString<string>;
    branches: import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnknown>;
    next: import("zod/mini").ZodMiniString<string>;
    on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
    type: import("zod/mini").ZodMiniLiteral<"conditional">;
}, import("zod/v4/core").$strict>;
export declare const loopSchema: import("zod/mini").ZodMiniObject<{
    branch: import("zod/mini").ZodMiniUnknown;
    max_iterations: import("zod/mini").ZodMiniInt;
    break_on: import("zod/mini").ZodMiniString<string>;
    index_as: import("zod/mini").ZodMiniString<string>;
    next: import("zod/mini").ZodMiniString<string>;
    on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
    type: import("zod/mini").ZodMiniLiteral<"loop">;
}, import("zod/v4/core").$strict>;
export declare const terminalSchema: import("zod/mini").ZodMiniObject<{
    type: import("zod/mini").ZodMiniEnum<{
        success: "success";
        fail: "fail";
    }>;
}, import("zod/v4/core").$strict>;
export declare const graphSchema: import("zod/mini").ZodMiniObject<{
    description: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    start_at: import("zod/mini").ZodMiniString<string>;
    steps: import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnknown>;
    name: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
}, import("zod/v4/core").$strict>;
export declare const NODE_SCHEMAS: {
    readonly task: import("zod/mini").ZodMiniObject<{
        command_type: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniEnum<{
            shell: "shell";
            python: "python";
            notebook: "notebook";
            typescript: "typescript";
            "async-python": "async-python";
        }>>;
        command: import("zod/mini").ZodMiniString<string>;
        returns: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
            name: import("zod/mini").ZodMiniString<string>;
            kind: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniEnum<{
                object: "object";
                json: "json";
                metric: "metric";
            }>>;
        }, import("zod/v4/core").$strict>]>>>;
        secrets: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
        catalog: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            get: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
            put: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
            store_copy: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
        }, import("zod/v4/core").$strict>>;
        max_attempts: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniInt>;
        next: import("zod/mini").ZodMiniString<string>;
        on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
        overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        type: import("zod/mini").ZodMiniLiteral<"task">;
    }, import("zod/v4/core").$strict>;
    readonly stub: import("zod/mini").ZodMiniObject<{
        catalog: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            get: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
            put: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
            store_copy: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
        }, import("zod/v4/core").$strict>>;
        max_attempts: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniInt>;
        next: import("zod/mini").ZodMiniString<string>;
        on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
        overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        type: import("zod/mini").ZodMiniLiteral<"stub">;
    }, import("zod/v4/core").$loose>;
    readonly parallel: import("zod/mini").ZodMiniObject<{
        branches: import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnknown>;
        next: import("zod/mini").ZodMiniString<string>;
        on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
        overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        type: import("zod/mini").ZodMiniLiteral<"parallel">;
    }, import("zod/v4/core").$strict>;
    readonly map: import("zod/mini").ZodMiniObject<{
        iterate_on: import("zod/mini").ZodMiniString<string>;
        iterate_as: import("zod/mini").ZodMiniString<string>;
        reducer: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        branch: import("zod/mini").ZodMiniUnknown;
        next: import("zod/mini").ZodMiniString<string>;
        on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
        overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        type: import("zod/mini").ZodMiniLiteral<"map">;
    }, import("zod/v4/core").$strict>;
    readonly conditional: import("zod/mini").ZodMiniObject<{
        parameter: import("zod/mini").ZodMiniString<string>;
        branches: import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnknown>;
        next: import("zod/mini").ZodMiniString<string>;
        on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
        overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        type: import("zod/mini").ZodMiniLiteral<"conditional">;
    }, import("zod/v4/core").$strict>;
    readonly loop: import("zod/mini").ZodMiniObject<{
        branch: import("zod/mini").ZodMiniUnknown;
        max_iterations: import("zod/mini").ZodMiniInt;
        break_on: import("zod/mini").ZodMiniString<string>;
        index_as: import("zod/mini").ZodMiniString<string>;
        next: import("zod/mini").ZodMiniString<string>;
        on_failure: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
        overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        type: import("zod/mini").ZodMiniLiteral<"loop">;
    }, import("zod/v4/core").$strict>;
    readonly success: import("zod/mini").ZodMiniObject<{
        type: import("zod/mini").ZodMiniEnum<{
            success: "success";
            fail: "fail";
        }>;
    }, import("zod/v4/core").$strict>;
    readonly fail: import("zod/mini").ZodMiniObject<{
        type: import("zod/mini").ZodMiniEnum<{
            success: "success";
            fail: "fail";
        }>;
    }, import("zod/v4/core").$strict>;
};
export type YamlNodeType = keyof typeof NODE_SCHEMAS;
/** Keys each node type accepts, for "did you mean" suggestions. */
export declare function keysOf(type: YamlNodeType): string[];
/** Identifiers we hand to shells as env var names must be valid names there. */
export declare const IDENTIFIER: RegExp;
