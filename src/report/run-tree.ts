// The run log seen as one depth-first list of rows (steps and their branches at every depth) with their time
// spans: what the console view, the run list and the HTML timeline all walk.

import { parseTimestamp } from '../services/run-log/model.js';
import type { Attempt, BranchLog, RunLog, StepLog } from '../services/run-log/model.js';

/** Epoch milliseconds (local time, as `parseTimestamp` reads the run log's timestamps). */
export interface TimeSpan {
  start: number;
  end: number;
}

export interface StepRow {
  kind: 'step';
  /** 0 for root steps; a branch's steps are one deeper than the branch row. */
  depth: number;
  step: StepLog;
}

export interface BranchRow {
  kind: 'branch';
  depth: number;
  branch: BranchLog;
  /** The composite step that holds the branch. */
  parent: StepLog;
}

export type RunTreeRow = StepRow | BranchRow;

/**
 * Every step and branch of the run log, depth first, in the log's own order (the order steps were written,
 * which is execution order). A composite step at depth d is followed by its branches at d+1 and their steps at d+2.
 */
export function runTreeRows(runLog: RunLog): RunTreeRow[] {
  const rows: RunTreeRow[] = [];
  const walk = (steps: Record<string, StepLog>, depth: number) => {
    for (const step of Object.values(steps ?? {})) {
      rows.push({ kind: 'step', depth, step });
      for (const branch of Object.values(step.branches ?? {})) {
        rows.push({ kind: 'branch', depth: depth + 1, branch, parent: step });
        walk(branch.steps, depth + 2);
      }
    }
  };
  walk(runLog.steps, 0);
  return rows;
}

/**
 * An attempt's span. A PROCESSING attempt may have no readable end yet: its end is then its start, and `open`
 * says so (the timeline stretches such bars to the end of the run). Undefined when the start is unreadable.
 */
export function attemptSpan(attempt: Attempt): (TimeSpan & { open: boolean }) | undefined {
  const start = parseTimestamp(attempt.start_time);
  if (!Number.isFinite(start)) return undefined;
  const end = parseTimestamp(attempt.end_time);
  if (!Number.isFinite(end) || end < start) return { start, end: start, open: true };
  return { start, end, open: false };
}

const widen = (acc: TimeSpan | undefined, s: TimeSpan | undefined): TimeSpan | undefined => {
  if (!s) return acc;
  if (!acc) return { start: s.start, end: s.end };
  return { start: Math.min(acc.start, s.start), end: Math.max(acc.end, s.end) };
};

/** Earliest start to latest end of every attempt in these steps, at any depth. */
export function stepsSpan(steps: Record<string, StepLog>): TimeSpan | undefined {
  let span: TimeSpan | undefined;
  for (const step of Object.values(steps ?? {})) span = widen(span, stepSpan(step));
  return span;
}

/**
 * A step's own attempts plus everything below it. Composite steps have no attempts of their own, so this is
 * how their duration is known: min start / max end of their descendants.
 */
export function stepSpan(step: StepLog): TimeSpan | undefined {
  let span: TimeSpan | undefined;
  for (const attempt of step.attempts ?? []) span = widen(span, attemptSpan(attempt));
  for (const branch of Object.values(step.branches ?? {})) span = widen(span, stepsSpan(branch.steps));
  return span;
}

export const branchSpan = (branch: BranchLog): TimeSpan | undefined => stepsSpan(branch.steps);

export const runSpan = (runLog: RunLog): TimeSpan | undefined => stepsSpan(runLog.steps);

const COMPOSITE_STEP_TYPES = new Set(['parallel', 'map', 'conditional', 'loop']);

/** Composite steps never have attempts: their time and outcome come from their branches. */
export const isCompositeStep = (step: StepLog): boolean =>
  COMPOSITE_STEP_TYPES.has(step.step_type) || Object.keys(step.branches ?? {}).length > 0;

export const lastAttempt = (step: StepLog): Attempt | undefined => step.attempts?.[step.attempts.length - 1];

/** How many step logs the run holds, at every depth (terminal success/fail steps included). */
export function countSteps(runLog: RunLog): number {
  return runTreeRows(runLog).filter((r) => r.kind === 'step').length;
}
