import type { HostPath } from '../host-paths.js';
import type { DataCatalog } from '../run-log/model.js';
export interface Catalog {
    readonly type: string;
    /** The folder put patterns are relative to and get copies into (runnable's compute_data_folder). */
    readonly computeDataFolder: string;
    /** The root of stored catalogs, for catalogs on the file system. */
    readonly catalogLocation?: string;
    /** The configuration keys that name host paths (catalog_location, compute_data_folder), for executors that run steps elsewhere. */
    hostPaths?(): HostPath[];
    /** Copies matches of `pattern` from the run's catalog into the data folder. No match throws StepError. */
    get(runId: string, pattern: string): Promise<DataCatalog[]>;
    /** Copies (or, without storeCopy, only records) matches from the data folder. No match throws unless allowMissing. */
    put(runId: string, pattern: string, opts: {
        allowMissing: boolean;
        storeCopy: boolean;
    }): Promise<DataCatalog[]>;
    /** Stores a file the framework made (execution logs, pickled objects) under `relPath` in the run's catalog. */
    putFile(runId: string, relPath: string, from: {
        file: string;
    } | {
        content: string;
    }): Promise<DataCatalog | undefined>;
    /** Where a stored file can be read, if it exists. */
    storedPath(runId: string, relPath: string): string | undefined;
    /** Brings what other jobs stored for this run into reach (a shared catalog); called before a step reads the catalog. */
    pull?(runId: string): Promise<void>;
    /** Shares what one attempt of a step stored (paths relative to the run's catalog); called after the attempt. */
    push?(runId: string, step: string, attempt: number, relPaths: string[]): Promise<void>;
}
