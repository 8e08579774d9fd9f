import type { RunLog } from './model.js';
import { type RunLogStore } from './store.js';
export declare class BufferedRunLogStore implements RunLogStore {
    readonly type = "buffered";
    readonly supportsParallelWrites = false;
    /** Only this store's memory. */
    readonly sharedAcrossProcesses = false;
    private readonly runs;
    exists(runId: string): Promise<boolean>;
    read(runId: string): Promise<RunLog>;
    save(runLog: RunLog): void;
    flush(): Promise<void>;
    list(): Promise<string[]>;
}
