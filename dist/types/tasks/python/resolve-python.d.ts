export declare function resolvePython(env?: NodeJS.ProcessEnv, cwd?: string): string;
