// Run logs built by hand, shaped as runnable writes them (reference §3): root steps in `steps`, composite steps
// with no attempts and their branches keyed by branch internal name, steps keyed by full internal name.

import { jsonParameter, timestamp } from '../../src/services/run-log/model.js';
import type { Attempt, BranchLog, Parameters, RunLog, Status, StepLog } from '../../src/services/run-log/model.js';

/** 2026-01-02 10:00:00 local time: run logs hold local wall-clock times, and parseTimestamp reads them as such. */
export const RUN_START_MS = new Date(2026, 0, 2, 10, 0, 0, 0).getTime();

/** A run-log timestamp `seconds` after RUN_START_MS. */
export const at = (seconds: number): string => timestamp(new Date(RUN_START_MS + seconds * 1000));

export function attempt(
  n: number,
  fromS: number,
  toS: number,
  status: Status,
  extra: { message?: string; input?: Parameters; output?: Parameters } = {},
): Attempt {
  return {
    attempt_number: n,
    start_time: at(fromS),
    end_time: at(toS),
    status,
    message: extra.message ?? '',
    input_parameters: extra.input ?? {},
    output_parameters: extra.output ?? {},
    user_defined_metrics: {},
    retry_indicator: '',
    code_identities: [],
  };
}

export function leaf(internalName: string, stepType: string, attempts: Attempt[]): StepLog {
  const last = attempts[attempts.length - 1];
  return {
    name: internalName.split('.').pop() ?? internalName,
    internal_name: internalName,
    status: last?.status ?? 'CREATED',
    step_type: stepType,
    message: '',
    mock: false,
    attempts,
    branches: {},
    data_catalog: [],
  };
}

export function composite(internalName: string, stepType: string, status: Status, branches: BranchLog[]): StepLog {
  return {
    ...leaf(internalName, stepType, []),
    status,
    branches: Object.fromEntries(branches.map((b) => [b.internal_name, b])),
  };
}

export function branch(internalName: string, status: Status, steps: StepLog[], parameters: Parameters = {}): BranchLog {
  return { internal_name: internalName, status, steps: byName(steps), parameters };
}

const byName = (steps: StepLog[]) => Object.fromEntries(steps.map((s) => [s.internal_name, s]));

function runLog(runId: string, status: Status, tag: string, steps: StepLog[], parameters: Parameters): RunLog {
  return { run_id: runId, dag_hash: 'abc123', tag, status, steps: byName(steps), job: null, parameters, run_config: {} };
}

/**
 * prepare (0-1s) -> par {left: a (1-3s); right: c (1-2s)} -> map_state over [1, 2] {execute (3-5s, 5-7s)}
 * -> success (7s). Every status SUCCESS.
 */
export function successfulRunWithParallelAndMap(): RunLog {
  return runLog(
    'happy-run-0001',
    'SUCCESS',
    'nightly',
    [
      leaf('prepare', 'task', [attempt(1, 0, 1, 'SUCCESS', { output: { chunks: jsonParameter([1, 2]) } })]),
      composite('par', 'parallel', 'SUCCESS', [
        branch('par.left', 'SUCCESS', [
          leaf('par.left.a', 'task', [attempt(1, 1, 3, 'SUCCESS')]),
          leaf('par.left.success', 'success', [attempt(1, 3, 3, 'SUCCESS')]),
        ]),
        branch('par.right', 'SUCCESS', [
          leaf('par.right.c', 'task', [attempt(1, 1, 2, 'SUCCESS')]),
          leaf('par.right.success', 'success', [attempt(1, 2, 2, 'SUCCESS')]),
        ]),
      ]),
      composite('map_state', 'map', 'SUCCESS', [
        branch(
          'map_state.1',
          'SUCCESS',
          [
            leaf('map_state.1.execute', 'task', [
              attempt(1, 3, 5, 'SUCCESS', {
                input: { chunk: jsonParameter(1) },
                output: { processed: jsonParameter(10) },
              }),
            ]),
            leaf('map_state.1.success', 'success', [attempt(1, 5, 5, 'SUCCESS')]),
          ],
          { processed: jsonParameter(10) },
        ),
        branch(
          'map_state.2',
          'SUCCESS',
          [
            leaf('map_state.2.execute', 'task', [
              attempt(1, 5, 7, 'SUCCESS', {
                input: { chunk: jsonParameter(2) },
                output: { processed: jsonParameter(20) },
              }),
            ]),
            leaf('map_state.2.success', 'success', [attempt(1, 7, 7, 'SUCCESS')]),
          ],
          { processed: jsonParameter(20) },
        ),
      ]),
      leaf('success', 'success', [attempt(1, 7, 7, 'SUCCESS')]),
    ],
    {
      chunks: jsonParameter([1, 2]),
      processed: jsonParameter([10, 20]),
      note: jsonParameter('a rather long string parameter that will not fit in a narrow terminal at all'),
      df: { kind: 'object', value: 'df' },
    },
  );
}

/**
 * extract (0-2s) -> transform: attempt 1 FAIL (2-4s), attempt 2 FAIL (4-9s) -> on_failure notify (9-10s) -> fail.
 * The run is FAIL.
 */
export function failedRunWithRetriedStep(): RunLog {
  return runLog(
    'sad-run-0002',
    'FAIL',
    '',
    [
      leaf('extract', 'task', [attempt(1, 0, 2, 'SUCCESS', { output: { rows: jsonParameter(1200) } })]),
      leaf('transform', 'task', [
        attempt(1, 2, 4, 'FAIL', { message: 'Call to the function transform did not succeed.' }),
        attempt(2, 4, 9, 'FAIL', { message: 'KeyError: <"column"> & friends' }),
      ]),
      leaf('notify', 'task', [attempt(1, 9, 10, 'SUCCESS')]),
      leaf('fail', 'fail', [attempt(1, 10, 10, 'SUCCESS')]),
    ],
    { rows: jsonParameter(1200) },
  );
}

/** Every step internal name of a run log, at every depth. */
export function allStepNames(log: RunLog): string[] {
  const names: string[] = [];
  const walk = (steps: Record<string, StepLog>) => {
    for (const s of Object.values(steps)) {
      names.push(s.internal_name);
      for (const b of Object.values(s.branches)) walk(b.steps);
    }
  };
  walk(log.steps);
  return names;
}
