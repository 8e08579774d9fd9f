/** Allocates unique job ids in call order. */
export declare class JobIds {
    private readonly taken;
    /** A unique id for `name` plus an optional role suffix (`fan-out`, `fan-in`, a branch key). */
    allocate(...parts: string[]): string;
}
/** The id of the last job (assembles the run log and writes the summary). */
export declare const FINISH_JOB = "runnable-finish";
