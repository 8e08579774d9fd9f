import * as z from '../../util/zod.js';
/** "512m", "1g", "1.5G", "256MiB", 1048576 -> bytes (binary units, as `docker run --memory`). */
export declare function parseMemory(value: string | number): number | undefined;
/** One bind or volume, as `docker run -v`: "host:container" or "host:container:ro|rw". */
export interface VolumeSpec {
    source: string;
    target: string;
    readOnly: boolean;
}
export declare function parseVolume(spec: string): VolumeSpec | string;
export declare const PULL_POLICIES: readonly ["never", "if-not-present", "always"];
export declare const containerOverrideSchema: import("zod/mini").ZodMiniObject<{
    docker_image: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    auto_remove_container: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniBoolean<boolean>>;
    environment: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniPipe<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>, import("zod/mini").ZodMiniTransform<string, string | number | boolean>>>>;
    network: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    volumes: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
    user: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
    cpus: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniNumber<number>>;
    pull_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
        never: "never";
        "if-not-present": "if-not-present";
        always: "always";
    }>>;
    working_dir: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    mount_code: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniBoolean<boolean>>;
    timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
}, import("zod/v4/core").$strict>;
export declare const localContainerConfigSchema: import("zod/mini").ZodMiniObject<{
    auto_remove_container: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    environment: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniPipe<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>, import("zod/mini").ZodMiniTransform<string, string | number | boolean>>>>;
    enable_parallel: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        docker_image: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        auto_remove_container: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniBoolean<boolean>>;
        environment: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniPipe<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>, import("zod/mini").ZodMiniTransform<string, string | number | boolean>>>>;
        network: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        volumes: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
        user: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
        cpus: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniNumber<number>>;
        pull_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
            never: "never";
            "if-not-present": "if-not-present";
            always: "always";
        }>>;
        working_dir: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        mount_code: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniBoolean<boolean>>;
        timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
    }, import("zod/v4/core").$strict>>>;
    max_concurrency: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
    network: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    volumes: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
    user: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
    cpus: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniNumber<number>>;
    pull_policy: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniEnum<{
        never: "never";
        "if-not-present": "if-not-present";
        always: "always";
    }>>;
    working_dir: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    mount_code: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
    docker_image: import("zod/mini").ZodMiniString<string>;
}, import("zod/v4/core").$strict>;
export type LocalContainerConfig = z.infer<typeof localContainerConfigSchema>;
export type ContainerOverride = z.infer<typeof containerOverrideSchema>;
/** What one container of one node runs with: the global settings updated (shallowly) with the node's override. */
export interface ContainerSettings {
    image: string;
    autoRemove: boolean;
    environment: Record<string, string>;
    network?: string;
    volumes: VolumeSpec[];
    /** undefined: the image's own user. */
    user?: string;
    memoryBytes?: number;
    nanoCpus?: number;
    pullPolicy: (typeof PULL_POLICIES)[number];
    /** Where the project is mounted and the container starts; undefined: the image's WORKDIR (mount_code false). */
    workingDir?: string;
    mountCode: boolean;
    /** The task's time limit in seconds (the step process in the container applies it to each attempt). */
    timeout?: number;
}
/** `user: image` keeps the image's user; unset runs as the host's uid:gid (when not root) so files stay the user's. */
export declare function defaultUser(): string | undefined;
export declare function effectiveSettings(config: LocalContainerConfig, override: ContainerOverride | undefined, hostCwd: string): ContainerSettings;
