export type Status = 'CREATED' | 'PROCESSING' | 'SUCCESS' | 'FAIL';
export type ParameterKind = 'json' | 'metric' | 'object';
export interface Parameter {
    kind: ParameterKind;
    /** json/metric: the value; object: the object's name (the pickle lives in the catalog as `<name>.dill`). */
    value: unknown;
    description?: unknown;
}
export type Parameters = Record<string, Parameter>;
export interface CodeIdentity {
    code_identifier: string | null;
    code_identifier_type: string;
    code_identifier_dependable: boolean;
    code_identifier_url: string | null;
    code_identifier_message: string | null;
}
export interface Attempt {
    attempt_number: number;
    start_time: string;
    end_time: string;
    status: Status;
    message: string;
    input_parameters: Parameters;
    output_parameters: Parameters;
    user_defined_metrics: Parameters;
    retry_indicator: string;
    code_identities: CodeIdentity[];
}
export interface DataCatalog {
    name: string;
    data_hash: string;
    catalog_relative_path: string;
    catalog_handler_location: string;
    stage: 'get' | 'put';
}
export interface StepLog {
    name: string;
    internal_name: string;
    status: Status;
    step_type: string;
    message: string;
    mock: boolean;
    attempts: Attempt[];
    branches: Record<string, BranchLog>;
    data_catalog: DataCatalog[];
}
export interface BranchLog {
    internal_name: string;
    status: Status;
    steps: Record<string, StepLog>;
    parameters: Parameters;
}
export interface RunLog {
    run_id: string;
    dag_hash: string;
    tag: string;
    status: Status;
    steps: Record<string, StepLog>;
    job: null;
    parameters: Parameters;
    run_config: Record<string, unknown>;
}
/** runnable's `str(datetime.now())`: local time, microseconds. */
export declare function timestamp(d?: Date): string;
/** Parses a `timestamp()` string back to epoch milliseconds (NaN when unreadable). */
export declare function parseTimestamp(s: string): number;
export declare function newStepLog(name: string, internalName: string, stepType: string): StepLog;
export declare function newBranchLog(internalName: string, parameters: Parameters): BranchLog;
/** runnable's computed `description`: the value, or the first 10 characters of a long string and "...". */
export declare function describe(value: unknown): unknown;
export declare function jsonParameter(value: unknown, kind?: 'json' | 'metric'): Parameter;
/**
 * The branch log that holds a step or branch, found by internal name in a full (stitched) run log:
 * `par.left.a` lives in branch `par.left` of step `par`; a root step lives in the run log itself ('').
 */
export declare function parentBranchName(stepInternalName: string): string;
/** The steps map and parameters of a scope ('' = the run log's root). */
export declare function scopeOf(runLog: RunLog, branchName: string): {
    steps: Record<string, StepLog>;
    parameters: Parameters;
} | undefined;
export declare function findBranch(runLog: RunLog, branchName: string): BranchLog | undefined;
export declare function findStep(runLog: RunLog, stepInternalName: string): StepLog | undefined;
