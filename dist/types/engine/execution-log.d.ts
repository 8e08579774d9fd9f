import type { Catalog } from '../services/catalog/catalog.js';
/** Output lines of one attempt, on disk. */
export declare class ExecutionLog {
    private fd;
    private pending;
    private pendingSize;
    private readonly file;
    line(text: string): void;
    /** Everything written so far is in the scratch file, whose path this returns. */
    finish(): string;
    /** Removes the scratch file (after the catalog copied it, or when the attempt broke). */
    dispose(): void;
    private drain;
}
/** A name for an attempt's execution log that no file in the run's catalog has yet. */
export declare function executionLogName(catalog: Catalog, runId: string, internalName: string): string;
