// The job summary's section for a run submitted to Argo Workflows: a link to the workflow (the Argo Server UI when
// its address is known, else namespace/name), its phase, and one row per pod node under the pipeline's step name
// (with its map/loop position and fan-out/fan-in role), cut to a byte budget like the step table. The run log
// lives on the cluster's volume, so this is what the job can show of the run. runnable has no action.
import { formatDuration } from '../report/format.js';
import { escapeMarkdown, rowsWithin } from './markdown.js';
import type { NodePhase } from '../executors/argo/submit.js';

export interface ArgoSummary {
  kind: 'Workflow' | 'CronWorkflow';
  namespace: string;
  name: string;
  /** The Argo Server UI, without a trailing slash. */
  url?: string;
  /** Whether the action followed the workflow (input or configuration `wait`). */
  waited: boolean;
  /** The workflow's last phase seen. */
  phase?: string;
  nodes: NodePhase[];
}

const PHASE_ICONS: Record<string, string> = {
  Succeeded: '✅',
  Failed: '❌',
  Error: '💥',
  Running: '⏳',
  Pending: '⚪',
  Skipped: '⏭️',
  Omitted: '⏭️',
};

/** `[namespace/name](url)` or `` `namespace/name` ``. */
export function workflowLink(a: Pick<ArgoSummary, 'kind' | 'namespace' | 'name' | 'url'>): string {
  const text = `${a.namespace}/${a.name}`;
  if (!a.url) return `\`${text}\``;
  const page = a.kind === 'CronWorkflow' ? 'cron-workflows' : 'workflows';
  return `[${text}](${a.url}/${page}/${encodeURIComponent(a.namespace)}/${encodeURIComponent(a.name)})`;
}

const durationOf = (n: NodePhase) => {
  const start = n.startedAt ? Date.parse(n.startedAt) : Number.NaN;
  const end = n.finishedAt ? Date.parse(n.finishedAt) : Number.NaN;
  return Number.isFinite(start) && Number.isFinite(end) ? formatDuration(end - start) : '';
};

/** The section's Markdown lines, at most about `budget` bytes. */
export function renderArgoSection(a: ArgoSummary, budget: number): string[] {
  const out: string[] = [];
  const phase = a.phase ? ` · ${PHASE_ICONS[a.phase] ?? ''} ${a.phase}`.replace('  ', ' ') : '';
  out.push(`### Argo ${a.kind} ${workflowLink(a)}${phase}`, '');
  if (a.kind === 'CronWorkflow') out.push('Scheduled: each run is a Workflow the CronWorkflow creates.', '');
  else if (!a.waited) out.push('Submitted and not followed (`wait: false`): its phases are in the Argo UI or `argo get`.', '');
  if (!a.nodes.length) return out;
  const rows = [...a.nodes].sort(
    (x, y) => (x.startedAt ?? '\uffff').localeCompare(y.startedAt ?? '\uffff') || x.step.localeCompare(y.step),
  );
  const header = ['| step | phase | duration | message |', '| --- | --- | --- | --- |'];
  const fitted = rowsWithin(
    rows.map(
      (n) =>
        `| ${escapeMarkdown(n.step)} | ${PHASE_ICONS[n.phase] ?? ''} ${n.phase} | ${durationOf(n)} | ${escapeMarkdown((n.message ?? '').slice(0, 200))} |`,
    ),
    budget,
    Buffer.byteLength(header.join('\n'), 'utf8'),
    (left) => `| … ${left} more node${left > 1 ? 's' : ''} not shown, to keep the summary under GitHub's 1 MiB | | | |`,
  );
  out.push(...header, ...fitted.lines, '');
  return out;
}
