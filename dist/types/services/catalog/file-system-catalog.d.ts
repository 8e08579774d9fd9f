import type { DataCatalog } from '../run-log/model.js';
import type { HostPath } from '../host-paths.js';
import type { Catalog } from './catalog.js';
export declare class FileSystemCatalog implements Catalog {
    readonly type: string;
    readonly computeDataFolder: string;
    readonly catalogLocation: string;
    constructor(config?: {
        catalog_location?: string;
        compute_data_folder?: string;
    });
    hostPaths(): HostPath[];
    private readonly made;
    private ensureFolder;
    private runFolder;
    private entry;
    get(runId: string, pattern: string): Promise<DataCatalog[]>;
    put(runId: string, pattern: string, opts: {
        allowMissing: boolean;
        storeCopy: boolean;
    }): Promise<DataCatalog[]>;
    putFile(runId: string, relPath: string, from: {
        file: string;
    } | {
        content: string;
    }): Promise<DataCatalog>;
    private isOwnFolder;
    storedPath(runId: string, relPath: string): string | undefined;
}
