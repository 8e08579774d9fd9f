import type { Graph } from './model.js';
export declare function dagDump(g: Graph): Record<string, unknown>;
/** JSON with sorted keys at every depth, so the hash does not depend on key order in the file. */
export declare function canonicalJson(v: unknown): string;
export declare function dagHash(g: Graph): string;
