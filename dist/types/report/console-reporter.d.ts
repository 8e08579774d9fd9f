import type { EngineEvent } from '../engine/events.js';
export interface ConsoleReporterOptions {
    out: (line: string) => void;
    err: (line: string) => void;
    color: boolean;
    /** DEBUG | INFO | WARNING | ERROR: below INFO, step start lines are left out. */
    logLevel: string;
    /** Only task output, unprefixed, on the stream it came from (a single step run for another process). */
    raw?: boolean;
}
export declare function consoleReporter(o: ConsoleReporterOptions): (e: EngineEvent) => void;
