/** Files under `root` matching `pattern`, as posix paths relative to root, sorted. */
export declare function globFiles(root: string, pattern: string, opts?: {
    skip?: (rel: string) => boolean;
}): string[];
