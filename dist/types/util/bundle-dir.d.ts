/** The folder of the module at `moduleUrl` (pass `import.meta.url`), or of its bundle when it is a chunk. */
export declare function bundleDir(moduleUrl: string): string;
