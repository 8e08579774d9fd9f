/** Throws an internal error naming what was not handled; only reachable when the types lie. */
export declare function unreachable(value: never, what: string): never;
