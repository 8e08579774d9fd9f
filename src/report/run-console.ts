// What `runnable show RUN_ID` prints: a header, every step at every depth as an indented tree, the root parameters.

import type { RunLog, StepLog } from '../services/run-log/model.js';
import {
  formatDuration,
  formatLocalTime,
  formatParameterValue,
  formatParameters,
  paint,
  renderCells,
  statusColor,
  truncate,
  visibleLength,
} from './format.js';
import type { Cell } from './format.js';
import { attemptSpan, branchSpan, isCompositeStep, lastAttempt, runSpan, runTreeRows, stepSpan } from './run-tree.js';
import type { RunTreeRow, TimeSpan } from './run-tree.js';

export interface ConsoleOptions {
  /** Terminal columns; every line is at most this many characters (ANSI sequences not counted). */
  width: number;
  /** Emit ANSI colours (statuses, headings). */
  color: boolean;
}

const STATUS_WIDTH = 10;
const TRIES_WIDTH = 5;
const TIME_WIDTH = 7;
const GAP = 2;
const INDENT = '  ';
/** Room kept for the outputs column when long step names would otherwise take the whole line. */
const MIN_OUTPUTS_WIDTH = 12;

const spanDuration = (span: TimeSpan | undefined) => (span ? formatDuration(span.end - span.start) : '');

/** Deep names are most informative at their end (`…1.cond.heads.h`), so the name is cut at its start. */
function fitName(indent: string, name: string, width: number): string {
  const room = width - visibleLength(indent);
  if (room <= 0) return truncate(indent + name, width);
  const chars = Array.from(name);
  if (chars.length <= room) return indent + name;
  return indent + '…' + chars.slice(chars.length - room + 1).join('');
}

function stepCells(step: StepLog, nameText: string, nameWidth: number): Cell[] {
  const composite = isCompositeStep(step);
  const last = lastAttempt(step);
  const tries = composite || !last ? '' : String(step.attempts.length);
  const lastSpan = last ? attemptSpan(last) : undefined;
  const time = composite ? spanDuration(stepSpan(step)) : lastSpan?.open ? 'running' : spanDuration(lastSpan);
  return [
    { text: nameText, width: nameWidth },
    { text: step.status, width: STATUS_WIDTH, color: statusColor(step.status) },
    { text: tries, width: TRIES_WIDTH, align: 'right' },
    { text: time, width: TIME_WIDTH, align: 'right' },
    { text: formatParameters(last?.output_parameters) },
  ];
}

export function renderRunConsole(runLog: RunLog, opts: ConsoleOptions): string {
  const width = Math.max(1, Math.floor(opts.width));
  const { color } = opts;
  const out: string[] = [];

  // Header: the status keeps its place even when the run id has to be cut.
  const title = `Run ${runLog.run_id}`;
  out.push(
    renderCells(
      [
        { text: title, width: Math.max(1, Math.min(visibleLength(title), width - GAP - runLog.status.length)), color: 'bold' },
        { text: runLog.status, color: statusColor(runLog.status) },
      ],
      width,
      color,
    ),
  );
  const span = runSpan(runLog);
  const facts = [
    `tag: ${runLog.tag || '-'}`,
    `started: ${formatLocalTime(span?.start)}`,
    `duration: ${span ? formatDuration(span.end - span.start) : '-'}`,
  ];
  out.push(truncate(facts.join('   '), width), '');

  const rows = runTreeRows(runLog);
  if (rows.length === 0) {
    out.push(truncate('(no steps recorded)', width));
  } else {
    const labelOf = (r: RunTreeRow) => (r.kind === 'step' ? r.step.internal_name : `branch ${r.branch.internal_name}`);
    const longest = Math.max(4, ...rows.map((r) => visibleLength(INDENT.repeat(r.depth) + labelOf(r))));
    const fixed = STATUS_WIDTH + TRIES_WIDTH + TIME_WIDTH + 4 * GAP;
    const nameWidth = Math.max(12, Math.min(longest, width - fixed - MIN_OUTPUTS_WIDTH));
    const heading: Cell[] = [
      { text: 'STEP', width: nameWidth },
      { text: 'STATUS', width: STATUS_WIDTH },
      { text: 'TRIES', width: TRIES_WIDTH, align: 'right' },
      { text: 'TIME', width: TIME_WIDTH, align: 'right' },
      { text: 'OUTPUTS' },
    ];
    out.push(
      renderCells(
        heading.map((c) => ({ ...c, color: 'bold' })),
        width,
        color,
        GAP,
      ),
    );

    for (const row of rows) {
      const indent = INDENT.repeat(row.depth);
      if (row.kind === 'branch') {
        const b = row.branch;
        out.push(
          renderCells(
            [
              { text: fitName(indent, labelOf(row), nameWidth), width: nameWidth, color: 'gray' },
              { text: b.status, width: STATUS_WIDTH, color: statusColor(b.status) },
              { text: '', width: TRIES_WIDTH },
              { text: spanDuration(branchSpan(b)), width: TIME_WIDTH, align: 'right' },
            ],
            width,
            color,
            GAP,
          ),
        );
        continue;
      }
      const step = row.step;
      out.push(renderCells(stepCells(step, fitName(indent, labelOf(row), nameWidth), nameWidth), width, color, GAP));
      // Why a step failed is the first thing a reader looks for: the last attempt's message goes right below it
      // (on a successful attempt, a message is a warning: a returned parameter that held a secret).
      const last = lastAttempt(step);
      if (last && last.message) {
        const tone = last.status === 'FAIL' ? 'red' : 'yellow';
        out.push(renderCells([{ text: `${indent}${INDENT}└ ${last.message.replace(/\s+/g, ' ')}`, color: tone }], width, color));
      }
    }
  }

  out.push('', paint(truncate('PARAMETERS', width), 'bold', color));
  const params = Object.entries(runLog.parameters ?? {});
  if (params.length === 0) out.push(truncate(`${INDENT}(none)`, width));
  const keyWidth = Math.min(Math.max(0, ...params.map(([k]) => visibleLength(k))), Math.floor(width / 3));
  for (const [name, p] of params) {
    out.push(
      renderCells(
        [{ text: INDENT, width: INDENT.length }, { text: name, width: keyWidth }, { text: ` = ${formatParameterValue(p.kind, p.value)}` }],
        width,
        color,
        0,
      ),
    );
  }
  return out.join('\n') + '\n';
}
