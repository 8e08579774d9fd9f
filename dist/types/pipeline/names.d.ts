/** runnable's --iter-variable JSON: `{"map_variable":{"chunk":{"value":3}},"loop_variable":[{"value":0}]}`. */
export interface IterVariable {
    map_variable: Record<string, {
        value: unknown;
    }>;
    loop_variable: Array<{
        value: number;
    }>;
}
export declare const emptyIter: () => IterVariable;
/** Python's str() of a JSON value, which is what runnable puts in a map branch name. */
export declare function pythonStr(v: unknown): string;
/**
 * The branch-name segment of a map item. runnable uses str(item), which breaks its own dot-path names for items
 * holding "." (floats, file names) or objects. We keep str(item) when it is safe, replace ".", "%", "/" and "\\"
 * with "_" otherwise, and name objects/lists by a short hash of their JSON, so every item gets a name that is a function of
 * the item alone (pods that receive only the item can compute it).
 */
export declare function mapBranchSegment(item: unknown): string;
/** Replaces placeholders left to right with the map values, then the loop indexes, in order of nesting. */
export declare function resolveName(name: string, iter: IterVariable): string;
/** For command lines: spaces become "%" (runnable's `_command_friendly_name`). */
export declare const commandFriendly: (name: string) => string;
export declare const fromCommandFriendly: (name: string) => string;
/**
 * Names an object inherits (`__proto__`, `constructor`, `toString`, `hasOwnProperty`, ...). Step, branch, return and
 * parameter names key plain objects in the run log; these would read or replace what the object inherits, so
 * they are refused where they are written.
 */
export declare function isPrototypeName(name: string): boolean;
