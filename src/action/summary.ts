// The job summary (GitHub-flavoured Markdown): a heading with the outcome, the DAG as a Mermaid flowchart
// coloured by status, and one table row per step and branch (status, attempts, duration, outputs). GitHub
// refuses a step summary over 1 MiB, and Mermaid will not draw more than 50,000 characters: both are kept well
// under, with a note saying what was left out.
import type { Pipeline } from '../pipeline/model.js';
import { renderMermaid } from '../report/graph-mermaid.js';
import { graphStatusesFromRunLog } from '../report/graph-statuses.js';
import { formatDuration, formatParameterValue, truncate } from '../report/format.js';
import { branchSpan, lastAttempt, runSpan, runTreeRows, stepSpan, type TimeSpan } from '../report/run-tree.js';
import type { RunLog, Status } from '../services/run-log/model.js';
import { renderArgoSection, type ArgoSummary } from './argo-summary.js';

export type Outcome = 'SUCCESS' | 'FAIL' | 'CANCELLED' | 'INVALID INPUT' | 'ERROR';

export interface SummaryInput {
  outcome: Outcome;
  runId?: string;
  /** As it should be shown (relative to the workspace). */
  pipelineFile?: string;
  executor?: string;
  pipeline?: Pipeline;
  runLog?: RunLog;
  /** Where the run log is, as it should be shown. */
  runLogPath?: string;
  /** One line saying why, for anything but SUCCESS. */
  reason?: string;
  /** Lines listed under the heading: the problems of invalid input, or the failed steps. */
  details?: string[];
  /** 'validate' (action input `mode`): every check passed and the run shown is the mocked plan; nothing ran. */
  mode?: 'validate';
  /** A run handed to Argo Workflows: the workflow's link and node phases. */
  argo?: ArgoSummary;
}

export interface SummaryLimits {
  /** The whole summary, in bytes (GitHub: 1 MiB per step). */
  maxBytes: number;
  /** The Mermaid text, in characters (Mermaid's default maxTextSize). */
  maxMermaidChars: number;
  /** Lines of `details`. */
  maxDetails: number;
}

export const DEFAULT_LIMITS: SummaryLimits = { maxBytes: 512 * 1024, maxMermaidChars: 50_000, maxDetails: 20 };

const ICONS: Record<Outcome, string> = { SUCCESS: '✅', FAIL: '❌', CANCELLED: '⏹️', 'INVALID INPUT': '❌', ERROR: '💥' };
const STATUS_ICONS: Record<Status, string> = { SUCCESS: '✅', FAIL: '❌', PROCESSING: '⏳', CREATED: '⚪' };

/** Text safe in a table cell or a line of Markdown: no HTML, no pipes, no line breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

/** Inline code: backticks inside would end it early. */
const code = (text: string) => `\`${text.replace(/`/g, "'").replace(/\r?\n|\r/g, ' ')}\``;

const spanMs = (s: TimeSpan | undefined) => (s ? s.end - s.start : Number.NaN);

export function renderSummary(s: SummaryInput, limits: SummaryLimits = DEFAULT_LIMITS): string {
  const out: string[] = [];
  const what = s.pipelineFile ? ` · ${code(s.pipelineFile)}` : '';
  const heading = s.mode === 'validate' && s.outcome === 'SUCCESS' ? 'VALID' : s.outcome;
  out.push(`## ${ICONS[s.outcome]} runnable: ${heading}${what}`, '');
  if (s.mode === 'validate' && s.runLog) {
    out.push(
      'Validated: every check passed. Nothing was run and no secret was read; below is the plan as the mocked executor walks it.',
      '',
    );
  }

  const facts: string[] = [];
  if (s.runId) facts.push(`run ${code(s.runId)}`);
  if (s.executor) facts.push(`${escapeMarkdown(s.executor)} executor`);
  const total = s.runLog ? runSpan(s.runLog) : undefined;
  if (total) facts.push(formatDuration(spanMs(total)));
  if (s.runLogPath) facts.push(`run log ${code(s.runLogPath)}`);
  if (facts.length) out.push(facts.join(' · '), '');
  if (s.reason) out.push(escapeMarkdown(s.reason), '');
  if (s.details?.length) {
    const shown = s.details.slice(0, limits.maxDetails);
    for (const d of shown) out.push(`- ${escapeMarkdown(d)}`);
    if (s.details.length > shown.length) out.push(`- … and ${s.details.length - shown.length} more (see the log of this step)`);
    out.push('');
  }

  if (s.argo) out.push(...renderArgoSection(s.argo, limits.maxBytes / 2));

  if (s.pipeline) {
    const mermaid = renderMermaid(s.pipeline.graph, s.runLog ? { statuses: graphStatusesFromRunLog(s.runLog) } : {});
    if (mermaid.length <= limits.maxMermaidChars) out.push('```mermaid', mermaid.trimEnd(), '```', '');
    else
      out.push(
        `> The graph is not drawn: its Mermaid text (${mermaid.length} characters) is over Mermaid's limit of ${limits.maxMermaidChars}. \`runnable graph ${s.pipelineFile ?? 'PIPELINE'}\` prints it.`,
        '',
      );
  }

  if (s.runLog) {
    const head = out.join('\n');
    const table = stepTable(s.runLog, limits.maxBytes - Buffer.byteLength(head, 'utf8') - 1024);
    out.push(...table);
  }
  return out.join('\n') + '\n';
}

/** The table, cut to `budget` bytes with a last row saying how many rows were left out. */
function stepTable(runLog: RunLog, budget: number): string[] {
  const rows = runTreeRows(runLog).filter((r) => r.kind === 'branch' || !['success', 'fail'].includes(r.step.step_type));
  if (!rows.length) return [];
  const lines = ['| step | status | attempts | duration | outputs |', '| --- | --- | --- | --- | --- |'];
  let used = Buffer.byteLength(lines.join('\n'), 'utf8');
  for (const [i, row] of rows.entries()) {
    const indent = '&nbsp;&nbsp;'.repeat(row.depth);
    let cells: string[];
    if (row.kind === 'branch') {
      const key = row.branch.internal_name.slice(row.parent.internal_name.length + 1);
      cells = [`${indent}↳ ${escapeMarkdown(key)}`, status(row.branch.status), '', formatDuration(spanMs(branchSpan(row.branch))), ''];
    } else {
      const step = row.step;
      const outputs = Object.entries(lastAttempt(step)?.output_parameters ?? {}).map(
        ([n, p]) => `${n}=${formatParameterValue(p.kind, p.value)}`,
      );
      cells = [
        `${indent}${escapeMarkdown(step.name)}${step.mock ? ' (mocked)' : ''}`,
        status(step.status),
        step.attempts.length ? String(step.attempts.length) : '',
        formatDuration(spanMs(stepSpan(step))),
        escapeMarkdown(truncate(outputs.join(', '), 200)),
      ];
    }
    const line = `| ${cells.join(' | ')} |`;
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (used + size > budget) {
      const left = rows.length - i;
      lines.push(
        `| … ${left} more row${left > 1 ? 's' : ''} not shown, to keep the summary under GitHub's 1 MiB; the run log has them all | | | | |`,
      );
      break;
    }
    lines.push(line);
    used += size;
  }
  return lines;
}

const status = (s: Status) => `${STATUS_ICONS[s] ?? ''} ${s}`;
