/**
 * One path segment's pattern as regex source: `*` and `?` within the segment, `[...]` (`[!...]` negated), the rest
 * literal. GitHub's glob toolkit package reads a segment the same way (the workflow test harness uses this too).
 */
export declare function segmentSource(seg: string): string;
/** Files under `root` matching `pattern`, as posix paths relative to root, sorted. */
export declare function globFiles(root: string, pattern: string, opts?: {
    skip?: (rel: string) => boolean;
}): string[];
