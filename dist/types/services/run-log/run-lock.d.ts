/** The lock of one run; `release` removes it (only if it is still ours). */
export interface RunLock {
    readonly file: string;
    release(): void;
}
/** Who holds a lock, as written in it. */
export interface LockHolder {
    pid: number;
    host: string;
    started: string;
}
/** Thrown when another live process holds the run. */
export declare class RunLockedError extends Error {
    readonly runId: string;
    readonly file: string;
    readonly holder: LockHolder | undefined;
    constructor(runId: string, file: string, holder: LockHolder | undefined);
}
/** "process 123 on host h since ..." or "a process that is still writing its lock". */
export declare function describeHolder(holder: LockHolder | undefined): string;
/** The lock file of a run in a run-log folder. */
export declare const lockFile: (folder: string, runId: string) => string;
/** Takes the lock of `runId` in `folder`, or throws RunLockedError naming its live holder. */
export declare function acquireRunLock(folder: string, runId: string): RunLock;
/** The holder of a run's lock when a live process holds it, else undefined. */
export declare function liveHolder(folder: string, runId: string): LockHolder | undefined;
/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export declare function isAlive(pid: number): boolean;
