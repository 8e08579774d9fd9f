/** How long a stopped process gets between SIGTERM and SIGKILL. */
export declare const STOP_GRACE_MS = 2000;
/**
 * Stops every process of the group `pgid` (a task spawned detached has its pid as group id): SIGTERM now, SIGKILL
 * after `graceMs` to whatever is left. Returns at once. False when the group had no process left.
 */
export declare function stopProcessGroup(pgid: number, graceMs?: number): boolean;
/** Stops the given processes: SIGTERM now, SIGKILL after `graceMs` to those still running (the same process). */
export declare function stopProcesses(pids: number[], graceMs?: number): void;
/**
 * Every process below `pid` (children, their children...). For a python worker, which is made a child subreaper
 * (shim.py), this includes what its calls started and orphaned. Linux reads /proc/<pid>/task/<tid>/children; other
 * systems (and kernels without that file) ask `ps`.
 */
export declare function descendants(pid: number): number[];
