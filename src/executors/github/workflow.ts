// Assembles the workflow of a pipeline: the triggers (workflow_dispatch and workflow_call, with the run's
// parameters and run id as inputs), least permissions, one group of jobs per top-level step (job-builders.ts)
// linked by `needs` and `if:` so GitHub follows the pipeline's `next` and `on_failure`, and a last job that
// assembles the run log. Written in a fixed key order with no time or absolute path in it: the same pipeline
// and configuration give the same bytes.
import YAML from 'yaml';
import { InvalidInputError } from '../../errors.js';
import { isTerminal, type Graph, type PipelineNode } from '../../pipeline/model.js';
import type { GithubConfig } from './config.js';
import { jobsFor } from './job-builders.js';
import { FINISH_JOB, JobIds } from './job-names.js';
import { exprString, type JobSpec, type NodeJobs } from './job-spec.js';
import { pipelineSecrets } from './secret-names.js';

export interface WorkflowSource {
  graph: Graph;
  config: GithubConfig;
  /** Paths as the jobs see them, relative to the repository root. */
  pipelineFile: string;
  configFile?: string;
  parametersFile?: string;
  /** The workflow's name. */
  name: string;
  logLevel?: string;
}

export interface Workflow {
  /** The YAML text, header comment included. */
  text: string;
  jobs: JobSpec[];
  /** Matrix jobs the workflow may start at most (every map's budget). */
  matrixJobs: number;
}

export function buildWorkflow(src: WorkflowSource): Workflow {
  const order = topLevelOrder(src.graph);
  const maps = order.filter((n) => n.type === 'map').length;
  const matrixJobsPerMap = maps ? Math.floor(src.config.max_matrix_jobs / maps) : 0;
  if (maps && matrixJobsPerMap < 1) {
    throw new InvalidInputError('invalid configuration', [
      {
        message: `the pipeline has ${maps} top-level maps but max_matrix_jobs is ${src.config.max_matrix_jobs}: each map needs at least one matrix job.`,
        fix: `raise pipeline-executor.config.max_matrix_jobs to at least ${maps} (GitHub allows 256 per run).`,
      },
    ]);
  }
  const ids = new JobIds();
  const byNode = new Map<string, NodeJobs>();
  for (const node of order) if (!isTerminal(node)) byNode.set(node.name, jobsFor(node, { config: src.config, ids, matrixJobsPerMap }));
  linkSteps(src.graph, order, byNode);
  const jobs = [...byNode.values()].flatMap((n) => n.jobs);
  const start = byNode.get(src.graph.startAt);
  if (start) {
    start.entry.inputs['create-run'] = 'true';
    start.entry.inputs.parameters = src.parametersFile
      ? `\${{ inputs.parameters || ${exprString(src.parametersFile)} }}`
      : '${{ inputs.parameters }}';
  }
  jobs.push(finishJob(src.config, jobs));
  const sequences = sequenceNumbers(jobs);
  const text = render(src, jobs, sequences);
  return { text, jobs, matrixJobs: matrixJobsPerMap * maps };
}

/** Top-level steps reachable from start_at, depth first along `next` then `on_failure`. */
function topLevelOrder(graph: Graph): PipelineNode[] {
  const seen = new Set<string>();
  const out: PipelineNode[] = [];
  const stack = [graph.startAt];
  while (stack.length) {
    const name = stack.pop() as string;
    const node = graph.nodes[name];
    if (!node || seen.has(name)) continue;
    seen.add(name);
    out.push(node);
    // on_failure pushed first so `next` is visited first
    for (const t of [node.onFailure, node.next]) if (t && !seen.has(t)) stack.push(t);
  }
  return out;
}

/**
 * A step's entry job needs the result job of every step that leads to it and runs when one of them ended the way
 * that leads here: `success` along `next`, `failure` along `on_failure`. Explicit results, not `success()`,
 * which would also see a failure that an earlier on_failure already handled.
 */
function linkSteps(graph: Graph, order: PipelineNode[], byNode: Map<string, NodeJobs>): void {
  const incoming = new Map<string, { job: string; result: 'success' | 'failure' }[]>();
  for (const node of order) {
    const from = byNode.get(node.name);
    if (!from) continue;
    const edges: [string, 'success' | 'failure'][] = [[node.next, 'success']];
    if (node.onFailure) edges.push([node.onFailure, 'failure']);
    for (const [target, result] of edges) {
      if (!byNode.has(target)) continue; // success / fail: recorded by the finish job
      const list = incoming.get(target) ?? [];
      list.push({ job: from.result.id, result });
      incoming.set(target, list);
    }
  }
  for (const [target, edges] of incoming) {
    const entry = (byNode.get(target) as NodeJobs).entry;
    entry.needs = [...new Set([...entry.needs, ...edges.map((e) => e.job)])];
    const tests = edges.map((e) => `needs.${e.job}.result == '${e.result}'`);
    const onlyFailures = edges.every((e) => e.result === 'failure');
    const any = tests.length > 1 ? `(${tests.join(' || ')})` : tests[0];
    entry.if = onlyFailures ? `failure() && ${any}` : `!cancelled() && ${any}`;
  }
  void graph;
}

function finishJob(config: GithubConfig, jobs: JobSpec[]): JobSpec {
  return {
    id: FINISH_JOB,
    name: 'run log and summary',
    needs: jobs.map((j) => j.id),
    if: 'always()',
    placement: { runs_on: config.runs_on, setup: [], timeout_minutes: Math.min(config.timeout_minutes, 30) },
    secrets: [],
    outputs: { status: 'steps.runnable.outputs.status' },
    stage: 'finish',
    inputs: {},
  };
}

/**
 * The order in which jobs' run-log artifacts are laid over each other: one more than the highest of what a job
 * needs. Jobs that may write the same file (the root run log) are always ordered by `needs`; jobs of one level
 * (branches, matrix slices) write different branch files.
 */
function sequenceNumbers(jobs: JobSpec[]): Map<string, number> {
  const seq = new Map<string, number>();
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const level = (id: string): number => {
    const known = seq.get(id);
    if (known !== undefined) return known;
    const j = byId.get(id) as JobSpec;
    const n = 1 + Math.max(0, ...j.needs.map(level));
    seq.set(id, n);
    return n;
  };
  for (const j of jobs) level(j.id);
  return seq;
}

const RUN_ID = '${{ inputs.run_id || github.run_id }}';

function render(src: WorkflowSource, jobs: JobSpec[], sequences: Map<string, number>): string {
  const inputs = {
    parameters: {
      description: 'Initial parameters: a YAML/JSON mapping, or the path of a parameters file in the repository.',
      required: false,
      type: 'string',
      default: '',
    },
    run_id: { description: 'The run id (default: github.run_id).', required: false, type: 'string', default: '' },
  };
  const secrets = pipelineSecrets(src.graph);
  const doc = {
    name: src.name,
    on: {
      workflow_dispatch: { inputs },
      workflow_call: {
        inputs,
        ...(secrets.length ? { secrets: Object.fromEntries(secrets.map((s) => [s, { required: false }])) } : {}),
        outputs: { status: { description: 'SUCCESS or FAIL: the status of the run.', value: `\${{ jobs.${FINISH_JOB}.outputs.status }}` } },
      },
    },
    permissions: { contents: 'read', actions: 'write' },
    env: { RUNNABLE_RUN_ID: RUN_ID },
    jobs: Object.fromEntries(jobs.map((j) => [j.id, renderJob(src, j, sequences.get(j.id) as number)])),
  };
  const header = [
    `# Generated by runnable from ${src.pipelineFile}${src.configFile ? ` and ${src.configFile}` : ''}: do not edit.`,
    `# Regenerate with: runnable transpile ${src.pipelineFile}${src.configFile ? ` -c ${src.configFile}` : ''}`,
  ].join('\n');
  return `${header}\n${YAML.stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

function renderJob(src: WorkflowSource, j: JobSpec, sequence: number): Record<string, unknown> {
  const p = j.placement;
  const job: Record<string, unknown> = { name: j.name };
  if (j.needs.length) job.needs = j.needs;
  if (j.if) job.if = `\${{ ${j.if} }}`;
  job['runs-on'] = p.runs_on;
  if (p.environment) job.environment = p.environment;
  job['timeout-minutes'] = p.timeout_minutes;
  if (p.container) job.container = p.container;
  if (p.services) job.services = p.services;
  if (j.matrix) job.strategy = { 'fail-fast': false, matrix: { [j.matrix.name]: `\${{ ${j.matrix.from} }}` } };
  if (j.outputs) job.outputs = Object.fromEntries(Object.entries(j.outputs).map(([k, v]) => [k, `\${{ ${v} }}`]));
  if (j.secrets.length) job.env = Object.fromEntries(j.secrets.map((s) => [s, `\${{ secrets.${s} }}`]));
  const action: Record<string, string> = { mode: 'step', stage: j.stage, pipeline: src.pipelineFile };
  if (src.configFile) action.config = src.configFile;
  action['run-id'] = '${{ env.RUNNABLE_RUN_ID }}';
  action.sequence = String(sequence);
  Object.assign(action, j.inputs);
  if (src.logLevel) action['log-level'] = src.logLevel;
  job.steps = [
    { uses: src.config.checkout },
    ...(j.stage === 'finish' ? [] : p.setup),
    { id: 'runnable', uses: src.config.action_ref, with: action },
  ];
  return job;
}
