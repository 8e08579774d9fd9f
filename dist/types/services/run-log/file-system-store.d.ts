import type { RunLog } from './model.js';
import { FolderRunLogStore } from './folder-store.js';
export declare class FileSystemRunLogStore extends FolderRunLogStore {
    readonly type = "file-system";
    readonly supportsParallelWrites = false;
    constructor(config?: {
        log_folder?: string;
    });
    save(runLog: RunLog): void;
}
