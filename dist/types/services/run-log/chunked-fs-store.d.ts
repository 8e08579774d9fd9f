import { type RunLog } from './model.js';
import { FolderRunLogStore } from './folder-store.js';
export declare class ChunkedFsRunLogStore extends FolderRunLogStore {
    readonly type = "chunked-fs";
    readonly supportsParallelWrites = true;
    private readonly branches;
    constructor(config?: {
        log_folder?: string;
    });
    save(runLog: RunLog, scope: string): void;
}
