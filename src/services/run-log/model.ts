// The run log, field for field as runnable writes it (reference §3.1), so that existing tooling reads ours.
// Field names are snake_case on purpose: these objects are serialised as they are.

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
export function timestamp(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}000`
  );
}

/** Parses a `timestamp()` string back to epoch milliseconds (NaN when unreadable). */
export function parseTimestamp(s: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?/.exec(s ?? '');
  if (!m) return Number.NaN;
  const ms = m[7] ? Number(m[7].padEnd(6, '0').slice(0, 3)) : 0;
  return new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms).getTime();
}

export function newStepLog(name: string, internalName: string, stepType: string): StepLog {
  return {
    name,
    internal_name: internalName,
    status: 'CREATED',
    step_type: stepType,
    message: '',
    mock: false,
    attempts: [],
    branches: {},
    data_catalog: [],
  };
}

export function newBranchLog(internalName: string, parameters: Parameters): BranchLog {
  return { internal_name: internalName, status: 'CREATED', steps: {}, parameters };
}

/** runnable's computed `description`: the value, or the first 10 characters of a long string and "...". */
export function describe(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 10) return `${value.slice(0, 10)}...`;
  return value;
}

export function jsonParameter(value: unknown, kind: 'json' | 'metric' = 'json'): Parameter {
  return { kind, value, description: describe(value) };
}

/**
 * The branch log that holds a step or branch, found by internal name in a full (stitched) run log:
 * `par.left.a` lives in branch `par.left` of step `par`; a root step lives in the run log itself ('').
 */
export function parentBranchName(stepInternalName: string): string {
  const parts = stepInternalName.split('.');
  return parts.slice(0, -1).join('.');
}

/** The steps map and parameters of a scope ('' = the run log's root). */
export function scopeOf(runLog: RunLog, branchName: string): { steps: Record<string, StepLog>; parameters: Parameters } | undefined {
  if (!branchName) return runLog;
  return findBranch(runLog, branchName);
}

export function findBranch(runLog: RunLog, branchName: string): BranchLog | undefined {
  // "m.1.c.a" -> parent step "m.1.c", which lives in branch "m.1" (or the root)
  const stepName = parentBranchName(branchName);
  const holder = scopeOf(runLog, parentBranchName(stepName));
  return holder?.steps[stepName]?.branches?.[branchName];
}

export function findStep(runLog: RunLog, stepInternalName: string): StepLog | undefined {
  return scopeOf(runLog, parentBranchName(stepInternalName))?.steps[stepInternalName];
}
