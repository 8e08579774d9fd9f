/** Runs `fn` with `env` as what process.env shows to it and to everything it starts. */
export declare function withEnvironment<T>(env: Record<string, string | undefined>, fn: () => T): T;
