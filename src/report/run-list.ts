// `runnable list`: one line per run (summariseRun turns a run log into that line's data).

import type { RunLog, Status } from '../services/run-log/model.js';
import { formatDuration, formatLocalTime, renderCells, statusColor, visibleLength } from './format.js';
import type { Cell } from './format.js';
import { countSteps, runSpan } from './run-tree.js';

export interface RunListRow {
  run_id: string;
  status: Status;
  /** Epoch ms of the earliest attempt start at any depth; undefined when no attempt was recorded. */
  start?: number;
  /** Epoch ms of the latest attempt end at any depth. */
  end?: number;
  tag: string;
  /** Step logs at every depth (terminal success/fail steps included). */
  steps: number;
}

export interface RunListOptions {
  /** Terminal columns; every line is at most this many characters (ANSI sequences not counted). */
  width: number;
  /** Emit ANSI colours for the status column and the heading. */
  color: boolean;
}

export function summariseRun(runLog: RunLog): RunListRow {
  const span = runSpan(runLog);
  return {
    run_id: runLog.run_id,
    status: runLog.status,
    start: span?.start,
    end: span?.end,
    tag: runLog.tag,
    steps: countSteps(runLog),
  };
}

const STATUS_WIDTH = 10;
const STARTED_WIDTH = 19; // "2026-01-02 10:00:00"
const DURATION_WIDTH = 8;
const STEPS_WIDTH = 5;
const GAP = 2;
const MIN_TAG_WIDTH = 6;

/** Rows are printed in the order given (callers sort, e.g. newest first). */
export function renderRunList(rows: RunListRow[], opts: RunListOptions): string {
  const width = Math.max(1, Math.floor(opts.width));
  if (rows.length === 0) return 'No runs found.\n';
  const fixed = STATUS_WIDTH + STARTED_WIDTH + DURATION_WIDTH + STEPS_WIDTH + 5 * GAP;
  const longestId = Math.max(6, ...rows.map((r) => visibleLength(r.run_id)));
  const idWidth = Math.max(6, Math.min(longestId, width - fixed - MIN_TAG_WIDTH));

  const line = (cells: Cell[]) => renderCells(cells, width, opts.color, GAP);
  const heading: Cell[] = [
    { text: 'RUN ID', width: idWidth },
    { text: 'STATUS', width: STATUS_WIDTH },
    { text: 'STARTED', width: STARTED_WIDTH },
    { text: 'DURATION', width: DURATION_WIDTH, align: 'right' },
    { text: 'STEPS', width: STEPS_WIDTH, align: 'right' },
    { text: 'TAG' },
  ];
  const out = [line(heading.map((c) => ({ ...c, color: 'bold' })))];
  for (const row of rows) {
    const duration = row.start !== undefined && row.end !== undefined ? formatDuration(row.end - row.start) : '-';
    out.push(
      line([
        { text: row.run_id, width: idWidth },
        { text: row.status, width: STATUS_WIDTH, color: statusColor(row.status) },
        { text: formatLocalTime(row.start), width: STARTED_WIDTH },
        { text: duration, width: DURATION_WIDTH, align: 'right' },
        { text: String(row.steps), width: STEPS_WIDTH, align: 'right' },
        { text: row.tag },
      ]),
    );
  }
  return out.join('\n') + '\n';
}
