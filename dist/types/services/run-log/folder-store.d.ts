import { CoalescingWriter } from './coalescing-writer.js';
import type { RunLog } from './model.js';
import type { HostPath } from '../host-paths.js';
import type { RunLogStore } from './store.js';
export declare abstract class FolderRunLogStore implements RunLogStore {
    protected readonly writer: CoalescingWriter;
    abstract readonly type: string;
    abstract readonly supportsParallelWrites: boolean;
    readonly logFolder: string;
    readonly sharedAcrossProcesses = true;
    constructor(config: {
        log_folder?: string;
    }, writer: CoalescingWriter);
    exists(runId: string): Promise<boolean>;
    read(runId: string): Promise<RunLog>;
    abstract save(runLog: RunLog, scope: string): void;
    flush(): Promise<void>;
    list(): Promise<string[]>;
    hostPaths(): HostPath[];
    lock(runId: string): import("./run-lock.js").RunLock;
    checkpoint(): Promise<void>;
}
