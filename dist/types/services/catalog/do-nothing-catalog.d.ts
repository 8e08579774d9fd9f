import type { HostPath } from '../host-paths.js';
import type { Catalog } from './catalog.js';
export declare class DoNothingCatalog implements Catalog {
    readonly type = "do-nothing";
    readonly computeDataFolder: string;
    constructor(config?: {
        compute_data_folder?: string;
    });
    hostPaths(): HostPath[];
    get(): Promise<never[]>;
    put(): Promise<never[]>;
    putFile(): Promise<undefined>;
    storedPath(): undefined;
}
