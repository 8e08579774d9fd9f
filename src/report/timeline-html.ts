// `runnable timeline`: one self-contained HTML page with a Gantt view of a run. Pure HTML and CSS (no script, no
// fonts or styles from the network), so it opens offline, as a CI artifact, or from a mail attachment.

import type { Attempt, Parameters, RunLog, Status, StepLog } from '../services/run-log/model.js';
import { formatDuration, formatLocalTime, formatParameterValue, formatParameters, truncate } from './format.js';
import { attemptSpan, branchSpan, countSteps, isCompositeStep, runSpan, runTreeRows, stepSpan } from './run-tree.js';
import type { TimeSpan } from './run-tree.js';

/** Bar colours by attempt status. Exported so tests can look for exactly these pixels in a screenshot. */
export const TIMELINE_BAR_COLORS: Record<Status, string> = {
  SUCCESS: '#2da44e',
  FAIL: '#cf222e',
  PROCESSING: '#d4a72c',
  CREATED: '#8c959f',
};

// Status words are drawn darker than the bars, so text never counts as a bar in a pixel check (or to a reader).
const STATUS_TEXT_COLORS: Record<Status, string> = {
  SUCCESS: '#116329',
  FAIL: '#a40e26',
  PROCESSING: '#7d4e00',
  CREATED: '#57606a',
};

const STATUS_TINTS: Record<Status, string> = {
  SUCCESS: '#dafbe1',
  FAIL: '#ffebe9',
  PROCESSING: '#fff8c5',
  CREATED: '#eaeef2',
};

/** Text and attribute values from the run log: everything in it is user data. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Tooltip parameter lists stay readable: long values are cut. */
const TOOLTIP_PARAMETERS_MAX = 400;

const parametersLine = (params: Parameters | undefined) => truncate(formatParameters(params) || '(none)', TOOLTIP_PARAMETERS_MAX);

/** A tick every 1-2-5 units, in steps a reader counts in (15s, 30s, 1m, 5m, …), about eight across the axis. */
const TICK_STEPS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

function tickStep(totalMs: number): number {
  const wanted = totalMs / 8;
  return TICK_STEPS_MS.find((s) => s >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
}

function tickLabel(offsetMs: number, stepMs: number): string {
  if (offsetMs === 0) return '0';
  if (stepMs < 1000) return `${offsetMs}ms`;
  if (offsetMs < 60_000) return `${+(offsetMs / 1000).toFixed(3)}s`;
  return formatDuration(offsetMs);
}

interface Axis {
  origin: number;
  total: number;
}

const percent = (x: number) => `${(Math.round(x * 10_000) / 100).toFixed(2)}%`;

function position(span: TimeSpan, axis: Axis): string {
  const left = (span.start - axis.origin) / axis.total;
  const width = (span.end - span.start) / axis.total;
  return `left:${percent(left)};width:${percent(width)}`;
}

function attemptTooltip(step: StepLog, attempt: Attempt, span: TimeSpan | undefined, open: boolean): string {
  const lines = [
    `${step.internal_name} (attempt ${attempt.attempt_number} of ${step.attempts.length})`,
    `status: ${attempt.status}`,
    `start: ${attempt.start_time}`,
    `end: ${open ? '(still running)' : attempt.end_time}`,
    `duration: ${span && !open ? formatDuration(span.end - span.start) : '-'}`,
  ];
  if (attempt.message) lines.push(`message: ${attempt.message}`);
  if (attempt.retry_indicator) lines.push(`retry: ${attempt.retry_indicator}`);
  lines.push(`input: ${parametersLine(attempt.input_parameters)}`, `output: ${parametersLine(attempt.output_parameters)}`);
  return lines.join('\n');
}

function attemptBars(step: StepLog, axis: Axis, runEnd: number): string {
  const attempts = step.attempts ?? [];
  return attempts
    .map((attempt) => {
      const span = attemptSpan(attempt);
      if (!span) return '';
      // A step still running has no end yet: its bar reaches to the last moment the run log knows of.
      const drawn = span.open ? { start: span.start, end: Math.max(span.start, runEnd) } : span;
      const label = attempts.length > 1 ? `<span>${escapeHtml(String(attempt.attempt_number))}</span>` : '';
      const tip = escapeHtml(attemptTooltip(step, attempt, span, span.open));
      return `<div class="bar s-${escapeHtml(attempt.status)}" style="${position(drawn, axis)}" title="${tip}">${label}</div>`;
    })
    .join('');
}

function statusCell(status: Status): string {
  return `<div class="status" style="color:${STATUS_TEXT_COLORS[status]}">${escapeHtml(status)}</div>`;
}

function stepRow(step: StepLog, depth: number, axis: Axis, runEnd: number): string {
  const composite = isCompositeStep(step);
  const span = stepSpan(step);
  const name = escapeHtml(step.internal_name);
  const tries = step.attempts?.length > 1 ? ` <span class="muted">×${step.attempts.length}</span>` : '';
  let track: string;
  if (composite && span) {
    const branches = Object.keys(step.branches ?? {}).length;
    const tip = `${step.internal_name} (${step.step_type}, ${branches} branch${branches === 1 ? '' : 'es'})\nstatus: ${step.status}\nduration: ${formatDuration(span.end - span.start)}`;
    track = `<div class="summary" style="${position(span, axis)}" title="${escapeHtml(tip)}"></div>`;
  } else {
    track = attemptBars(step, axis, runEnd);
  }
  return (
    `<div class="row step${composite ? ' composite' : ''}" data-internal-name="${name}">` +
    `<div class="label" style="padding-left:${8 + depth * 16}px" title="${name}">` +
    `${escapeHtml(step.name)} <span class="muted">${escapeHtml(step.step_type)}</span>${tries}</div>` +
    statusCell(step.status) +
    `<div class="track">${track}</div></div>`
  );
}

const STYLE = `
*{box-sizing:border-box}
body{margin:24px;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;background:#fff}
h1{font-size:20px;margin:0 0 6px;font-weight:600}
h1 code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:18px}
h2{font-size:15px;margin:28px 0 8px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;vertical-align:middle;font-weight:600}
.facts{color:#57606a;margin:0 0 16px}
.muted{color:#8c959f;font-size:11px;font-weight:400}
.chart{border:1px solid #d0d7de;border-radius:6px;overflow:hidden}
.row{display:grid;grid-template-columns:320px 96px minmax(0,1fr);align-items:center;height:26px;border-top:1px solid #eaeef2}
.row.axis{border-top:none;background:#f6f8fa;height:24px;color:#57606a;font-size:11px}
.axis .label{padding-left:8px}
.row.branch .label{color:#57606a;font-style:italic}
.row.composite .label{font-weight:600}
.label{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;padding-right:8px}
.status{font-size:11px;font-weight:600}
.track{position:relative;height:100%;margin-right:24px;background-image:linear-gradient(to right,#eaeef2 1px,transparent 1px);background-size:var(--tick) 100%}
.axis .track{background:none}
.tick{position:absolute;top:4px;transform:translateX(-50%);white-space:nowrap}
.tick:first-child{transform:none}
.bar{position:absolute;top:5px;height:16px;min-width:3px;border-radius:3px;color:#fff;font-size:10px;line-height:16px;text-align:center;overflow:hidden;cursor:default;box-shadow:inset -1px 0 #fff}
.bar:hover{outline:2px solid #1f2328;outline-offset:1px}
.summary{position:absolute;top:11px;height:4px;min-width:3px;border-radius:2px;background:#57606a}
.branch-span{position:absolute;top:12px;height:2px;min-width:3px;background:#d0d7de}
.legend{float:right;color:#57606a;font-size:12px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}
table{border-collapse:collapse;min-width:50%}
th,td{text-align:left;padding:4px 12px 4px 0;border-bottom:1px solid #eaeef2;vertical-align:top}
th{color:#57606a;font-weight:600}
td code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
.empty{padding:16px;color:#57606a}
${(Object.keys(TIMELINE_BAR_COLORS) as Status[]).map((s) => `.s-${s}{background:${TIMELINE_BAR_COLORS[s]}}`).join('\n')}
`;

export function renderTimelineHtml(runLog: RunLog): string {
  const span = runSpan(runLog);
  // An instant run (or none at all) still needs a non-zero axis to divide by.
  const axis: Axis = { origin: span?.start ?? 0, total: span && span.end > span.start ? span.end - span.start : 1000 };
  const runEnd = span?.end ?? 0;
  const step = tickStep(axis.total);

  const ticks: string[] = [];
  for (let t = 0; t <= axis.total; t += step) {
    ticks.push(`<span class="tick" style="left:${percent(t / axis.total)}">${escapeHtml(tickLabel(t, step))}</span>`);
  }

  const rows = runTreeRows(runLog).map((row) => {
    if (row.kind === 'step') return stepRow(row.step, row.depth, axis, runEnd);
    const b = row.branch;
    const bSpan = branchSpan(b);
    const key = b.internal_name.slice(row.parent.internal_name.length + 1);
    const tip = `${b.internal_name}\nstatus: ${b.status}` + (bSpan ? `\nduration: ${formatDuration(bSpan.end - bSpan.start)}` : '');
    return (
      `<div class="row branch" data-internal-name="${escapeHtml(b.internal_name)}">` +
      `<div class="label" style="padding-left:${8 + row.depth * 16}px" title="${escapeHtml(b.internal_name)}">` +
      `<span class="muted">branch</span> ${escapeHtml(key)}</div>` +
      statusCell(b.status) +
      `<div class="track">${bSpan ? `<div class="branch-span" style="${position(bSpan, axis)}" title="${escapeHtml(tip)}"></div>` : ''}</div></div>`
    );
  });

  const params = Object.entries(runLog.parameters ?? {});
  const paramRows = params
    .map(
      ([name, p]) =>
        `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(p.kind)}</td><td><code>${escapeHtml(formatParameterValue(p.kind, p.value))}</code></td></tr>`,
    )
    .join('');

  const status = runLog.status;
  const facts = [
    runLog.tag ? `tag ${runLog.tag}` : '',
    `started ${formatLocalTime(span?.start)}`,
    `total duration ${span ? formatDuration(span.end - span.start) : '-'}`,
    `${countSteps(runLog)} steps`,
  ].filter(Boolean);
  const legend = (['SUCCESS', 'FAIL', 'PROCESSING'] as Status[]).map((s) => `<i class="s-${s}"></i>${s.toLowerCase()}`).join('');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${runLog.run_id} · ${status} · runnable timeline`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<div class="legend">${legend}</div>
<h1>Run <code>${escapeHtml(runLog.run_id)}</code> <span class="badge" style="background:${STATUS_TINTS[status]};color:${STATUS_TEXT_COLORS[status]}">${escapeHtml(status)}</span></h1>
<p class="facts">${facts.map(escapeHtml).join(' · ')}</p>
</header>
<main>
<div class="chart" style="--tick:${percent(step / axis.total)}">
<div class="row axis"><div class="label">step</div><div class="status">status</div><div class="track">${ticks.join('')}</div></div>
${rows.length ? rows.join('\n') : '<div class="empty">No steps recorded.</div>'}
</div>
<h2>Parameters</h2>
${params.length ? `<table><thead><tr><th>name</th><th>kind</th><th>value</th></tr></thead><tbody>${paramRows}</tbody></table>` : '<p class="muted">none</p>'}
</main>
</body>
</html>
`;
}
