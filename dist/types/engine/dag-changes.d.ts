type Dump = Record<string, any>;
export declare function describeDagChanges(before: Dump, after: Dump, prefix?: string): string[];
export {};
