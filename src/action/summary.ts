// The job summary (GitHub-flavoured Markdown): a heading with the outcome, the DAG as a Mermaid flowchart
// coloured by status (a reached `fail` node as a failure, mocked nodes dashed), and one table row per step and
// branch (status, attempts, duration, outputs); a map's branches collapse into a `<details>` of their own whose
// summary counts them by status, so a map of 1,000 items is one row and one closed section. GitHub
// refuses a step summary over 1 MiB, and Mermaid will not draw more than 50,000 characters: both are kept well
// under, with a note saying what was left out.
import type { Pipeline } from '../pipeline/model.js';
import { renderMermaid } from '../report/graph-mermaid.js';
import { drawnStatus, graphStatusesFromRunLog, mockedFromRunLog } from '../report/graph-statuses.js';
import { formatDuration, formatParameterValue, truncate } from '../report/format.js';
import { branchSpan, lastAttempt, runSpan, stepSpan, type TimeSpan } from '../report/run-tree.js';
import type { BranchLog, RunLog, Status, StepLog } from '../services/run-log/model.js';
import { renderArgoSection, type ArgoSummary } from './argo-summary.js';
import { escapeMarkdown, rowsWithin } from './markdown.js';

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
    const mermaid = renderMermaid(
      s.pipeline.graph,
      s.runLog ? { statuses: graphStatusesFromRunLog(s.runLog), mocked: mockedFromRunLog(s.runLog) } : {},
    );
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

/** Rows of one table: the run's, or one map's branches (a `<details>` of their own). */
interface Table {
  /** Set for a map's table: what its `<summary>` says. */
  summary?: string;
  rows: string[];
}

/**
 * The run's table, then one collapsed table per map (its branches, counted by status), nested maps after the
 * map that holds them; cut to `budget` bytes, the last row saying how many rows were left out.
 */
function stepTable(runLog: RunLog, budget: number): string[] {
  const tables: Table[] = [{ rows: [] }];
  collectRows(runLog.steps, 0, tables[0], tables);
  if (!tables[0].rows.length) return [];
  const out: string[] = [];
  let left = budget;
  for (const [i, table] of tables.entries()) {
    const lines = tableLines(table, left);
    out.push(...lines.text);
    left -= lines.bytes;
    if (lines.cut) {
      const rest = tables.length - i - 1;
      if (rest) out.push(`> ${rest} more map${rest > 1 ? 's' : ''} not shown, to keep the summary under GitHub's 1 MiB.`, '');
      break;
    }
  }
  return out;
}

const HEADER = ['| step | status | attempts | duration | outputs |', '| --- | --- | --- | --- | --- |'];

/** One table as Markdown within `budget` bytes (`cut` when rows were left out). */
function tableLines(table: Table, budget: number): { text: string[]; bytes: number; cut: boolean } {
  const open = table.summary ? ['<details>', `<summary>${table.summary}</summary>`, ''] : [];
  const close = table.summary ? ['', '</details>', ''] : [''];
  const text = [...open, ...HEADER];
  const fitted = rowsWithin(
    table.rows,
    budget,
    Buffer.byteLength([...text, ...close].join('\n'), 'utf8') + 2,
    (left) =>
      `| … ${left} more row${left > 1 ? 's' : ''} not shown, to keep the summary under GitHub's 1 MiB; the run log has them all | | | | |`,
  );
  return { text: [...text, ...fitted.lines, ...close], bytes: fitted.used, cut: fitted.cut };
}

/** Rows of these steps into `table`; a map's branches go to a table of their own, added to `tables`. */
function collectRows(steps: Record<string, StepLog>, depth: number, table: Table, tables: Table[]): void {
  for (const step of Object.values(steps ?? {})) {
    if (step.step_type === 'success') continue;
    const branches = Object.values(step.branches ?? {});
    if (step.step_type === 'map' && branches.length) {
      const counts = branchCounts(branches);
      table.rows.push(stepRow(step, depth, `${counts} (below)`));
      const own: Table = { summary: `<code>${escapeMarkdown(step.internal_name)}</code>: ${counts}`, rows: [] };
      tables.push(own);
      for (const branch of branches) {
        own.rows.push(branchRow(branch, step, 0));
        collectRows(branch.steps, 1, own, tables);
      }
      continue;
    }
    table.rows.push(stepRow(step, depth));
    for (const branch of branches) {
      table.rows.push(branchRow(branch, step, depth + 1));
      collectRows(branch.steps, depth + 2, table, tables);
    }
  }
}

const COUNT_MARKS: [Status, string][] = [
  ['SUCCESS', '✓'],
  ['FAIL', '✗'],
  ['PROCESSING', '⏳'],
  ['CREATED', '⚪'],
];

/** `120 branches — 118 ✓, 2 ✗` */
function branchCounts(branches: BranchLog[]): string {
  const parts = COUNT_MARKS.flatMap(([st, mark]) => {
    const n = branches.filter((b) => b.status === st).length;
    return n ? [`${n} ${mark}`] : [];
  });
  return `${branches.length} branch${branches.length > 1 ? 'es' : ''} — ${parts.join(', ')}`;
}

const indentOf = (depth: number) => '&nbsp;&nbsp;'.repeat(depth);

function branchRow(branch: BranchLog, parent: StepLog, depth: number): string {
  const key = branch.internal_name.slice(parent.internal_name.length + 1);
  const cells = [`${indentOf(depth)}↳ ${escapeMarkdown(key)}`, status(branch.status), '', formatDuration(spanMs(branchSpan(branch))), ''];
  return `| ${cells.join(' | ')} |`;
}

/** A step's row; a `fail` node that was reached shows as the failure it is. */
function stepRow(step: StepLog, depth: number, note = ''): string {
  const terminal = step.step_type === 'fail';
  const outputs = Object.entries(lastAttempt(step)?.output_parameters ?? {}).map(
    ([n, p]) => `${n}=${formatParameterValue(p.kind, p.value)}`,
  );
  const cells = [
    `${indentOf(depth)}${escapeMarkdown(step.name)}${step.mock ? ' (mocked)' : ''}`,
    status(drawnStatus(step)),
    step.attempts.length && !terminal ? String(step.attempts.length) : '',
    terminal ? '' : formatDuration(spanMs(stepSpan(step))),
    note ? escapeMarkdown(note) : escapeMarkdown(truncate(outputs.join(', '), 200)),
  ];
  return `| ${cells.join(' | ')} |`;
}

const status = (s: Status) => `${STATUS_ICONS[s] ?? ''} ${s}`;
