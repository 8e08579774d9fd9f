import { InvalidInputError } from '../../errors.js';
import type { HostPath } from '../host-paths.js';
import type { RunLog } from './model.js';
import type { RunLock } from './run-lock.js';
export interface RunLogStore {
    readonly type: string;
    /** True when branches may be written concurrently by several lanes or processes (chunked-fs). */
    readonly supportsParallelWrites: boolean;
    /** The folder runs are kept in, for stores on the file system. */
    readonly logFolder?: string;
    /** True when another process (a container, the emulator, a pod) can read and write the runs this store keeps. */
    readonly sharedAcrossProcesses: boolean;
    /** The configuration keys that name host paths (log_folder), for executors that run steps elsewhere. */
    hostPaths?(): HostPath[];
    exists(runId: string): Promise<boolean>;
    /** The whole run log, branches stitched under their steps. Throws RunLogNotFoundError. */
    read(runId: string): Promise<RunLog>;
    /** Schedules persisting the document that holds `scope` ('' = the root). Cheap; coalesced. */
    save(runLog: RunLog, scope: string): void;
    /** Resolves when everything saved so far is on disk. */
    flush(): Promise<void>;
    /** Run ids in the store. */
    list(): Promise<string[]>;
    /**
     * Takes the run's writer lock (stores shared between processes): throws RunLockedError while another live
     * process runs it. The engine holds it from the creation (or reopening) of the run log to its last write.
     */
    lock?(runId: string): RunLock;
    /**
     * Called when a step has ended: resolves once that end is on disk, unless writing the log now costs more than a
     * tenth of the time since the last write (then the write stays coalesced, see docs/reliability.md).
     */
    checkpoint?(): Promise<void>;
}
export declare class RunLogNotFoundError extends Error {
    readonly runId: string;
    constructor(runId: string, where: string);
}
/** The one error for a run id the store does not have, with the fix that fits the caller (`kind`: the error's label). */
export declare function noSuchRun(store: RunLogStore, runId: string, kind: string, fix: string): InvalidInputError;
