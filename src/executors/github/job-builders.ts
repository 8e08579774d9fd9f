// The jobs of one top-level step, by node kind. A task, stub or loop is one job that runs it whole. A parallel
// is a fan-out job, one job per branch and a fan-in job; a conditional the same, its fan-out naming the chosen
// branch and each branch job guarded by `if:`; a map a fan-out job that cuts the items into slices, one matrix
// job per slice, and a fan-in that reduces. Composites nested inside a branch run inside that branch's job.
// runnable's argo executor makes a pod per leaf at every depth; a GitHub job costs a runner start (tens of
// seconds), so only the top level is spread over jobs.
import { allTaskNodes } from './secret-names.js';
import type { CompositeNode, LeafNode, LoopNode, MapNode, PipelineNode } from '../../pipeline/model.js';
import { GITHUB_SERVICE_NAME, placementFor, type GithubConfig } from './config.js';
import type { JobIds } from './job-names.js';
import { exprString, type JobSpec, type NodeJobs } from './job-spec.js';
import { unreachable } from '../../util/unreachable.js';

export interface BuildContext {
  config: GithubConfig;
  ids: JobIds;
  /** Matrix jobs each map may use (the config's budget shared between the top-level maps). */
  matrixJobsPerMap: number;
}

/** The jobs of a top-level task, stub or composite (terminal nodes have none: the finish job records them). */
export function jobsFor(node: Exclude<PipelineNode, { type: 'success' | 'fail' }>, ctx: BuildContext): NodeJobs {
  switch (node.type) {
    case 'task':
    case 'stub':
    case 'loop':
      return wholeNodeJob(node, ctx);
    case 'parallel':
      return branchJobs(node, ctx, false);
    case 'conditional':
      return branchJobs(node, ctx, true);
    case 'map':
      return mapJobs(node, ctx);
    default:
      return unreachable(node, 'node type');
  }
}

function baseJob(node: PipelineNode, ctx: BuildContext, id: string, name: string, stage: JobSpec['stage']): JobSpec {
  const key = node.overrides[GITHUB_SERVICE_NAME];
  return {
    id,
    name,
    needs: [],
    placement: placementFor(ctx.config, key === undefined ? undefined : ctx.config.overrides[key]),
    secrets: [],
    stage,
    inputs: { step: node.internalName },
  };
}

function wholeNodeJob(node: LeafNode | LoopNode, ctx: BuildContext): NodeJobs {
  const job = baseJob(node, ctx, ctx.ids.allocate(node.name), node.name, 'node');
  job.secrets = secretsOf(node);
  return { entry: job, result: job, jobs: [job] };
}

/** Parallel (every branch runs) and conditional (the branch the fan-out names runs; the others are skipped). */
function branchJobs(node: Exclude<CompositeNode, MapNode | LoopNode>, ctx: BuildContext, chosenOnly: boolean): NodeJobs {
  const fanOut = baseJob(node, ctx, ctx.ids.allocate(node.name, 'fan-out'), `${node.name} (fan-out)`, 'fan-out');
  if (chosenOnly) fanOut.outputs = { branch: 'steps.runnable.outputs.branch' };
  const branches = Object.entries(node.branches).map(([key, graph]) => {
    const job = baseJob(node, ctx, ctx.ids.allocate(node.name, key), `${node.name} / ${key}`, 'branch');
    job.needs = [fanOut.id];
    job.inputs = { step: graph.internalBranchName };
    job.secrets = secretsOf(node, key);
    const ran = `!cancelled() && needs.${fanOut.id}.result == 'success'`;
    job.if = chosenOnly ? `${ran} && needs.${fanOut.id}.outputs.branch == ${exprString(key)}` : ran;
    return job;
  });
  const fanIn = fanInJob(
    node,
    ctx,
    fanOut,
    branches.map((b) => b.id),
  );
  return { entry: fanOut, result: fanIn, jobs: [fanOut, ...branches, fanIn] };
}

function mapJobs(node: MapNode, ctx: BuildContext): NodeJobs {
  const fanOut = baseJob(node, ctx, ctx.ids.allocate(node.name, 'fan-out'), `${node.name} (fan-out)`, 'fan-out');
  fanOut.outputs = { slices: 'steps.runnable.outputs.slices' };
  fanOut.inputs['matrix-jobs'] = String(ctx.matrixJobsPerMap);
  const items = baseJob(node, ctx, ctx.ids.allocate(node.name, 'items'), `${node.name} items \${{ matrix.slice }}`, 'branch');
  items.needs = [fanOut.id];
  items.if = `!cancelled() && needs.${fanOut.id}.result == 'success'`;
  items.matrix = { name: 'slice', from: `fromJSON(needs.${fanOut.id}.outputs.slices)` };
  items.inputs.items = '${{ matrix.slice }}';
  items.secrets = secretsOf(node);
  const fanIn = fanInJob(node, ctx, fanOut, [items.id]);
  return { entry: fanOut, result: fanIn, jobs: [fanOut, items, fanIn] };
}

/** Runs when the fan-out ran (even when it or a branch failed), so the step's status is always recorded. */
function fanInJob(node: CompositeNode, ctx: BuildContext, fanOut: JobSpec, branchIds: string[]): JobSpec {
  const job = baseJob(node, ctx, ctx.ids.allocate(node.name, 'fan-in'), `${node.name} (fan-in)`, 'fan-in');
  job.needs = [fanOut.id, ...branchIds];
  job.if = `!cancelled() && needs.${fanOut.id}.result != 'skipped'`;
  return job;
}

/** Secrets named by the tasks a job runs (of one branch when `branchKey` is given), sorted. */
function secretsOf(node: PipelineNode, branchKey?: string): string[] {
  const names = new Set<string>();
  for (const t of allTaskNodes(node, branchKey)) for (const s of t.task.secrets) names.add(s);
  return [...names].sort();
}
