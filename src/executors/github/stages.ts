// What the action does in one job of a generated workflow (`mode: step`, `stage:`): the pipeline's engine code,
// cut at the job boundaries. Every stage works on the run log as the jobs before it left it (merged from their
// artifacts into a chunked-fs folder) and changes only its own part of it: `node` one top-level step, `fan-out`
// the composite's step log, `branch` its branch files, `fan-in` the composite's step log and the root
// parameters, `finish` the terminal step and the run's status. The composite parts are the engine's own
// (mapBranches, chooseConditionalBranch, the fan-ins), so a step runs the same here as with the local executor.
// runnable's argo executor does the same with `runnable fan` commands per composite.
import { runBranch, runBranches, type BranchResult } from '../../engine/composites/branches.js';
import { chooseConditionalBranch, conditionalFanIn } from '../../engine/composites/conditional.js';
import { mapBranches, mapFanIn } from '../../engine/composites/map.js';
import { parallelFanIn } from '../../engine/composites/parallel.js';
import { cloneParameters } from '../../engine/parameters.js';
import type { RunContext, Scope } from '../../engine/run-context.js';
import { executeNode } from '../../engine/traverse.js';
import { InvalidInputError } from '../../errors.js';
import { isComposite, isTerminal, type CompositeNode, type PipelineNode } from '../../pipeline/model.js';
import { emptyIter } from '../../pipeline/names.js';
import { newBranchLog, newStepLog, type Status, type StepLog } from '../../services/run-log/model.js';
import type { JobStage } from './job-spec.js';
import { unreachable } from '../../util/unreachable.js';

export interface StageInput {
  stage: JobStage;
  /** The top-level step's name; for a parallel or conditional branch, the branch's internal name (`par.left`). */
  step: string;
  /** For a map's matrix job: the slice of items, `start-end` (end excluded). */
  items?: string;
  /** For a map's fan-out: how many matrix jobs it may cut its items into. */
  matrixJobs?: number;
}

export interface StageOutcome {
  /** The status of what this job ran (the step, the branch or slice, the run). */
  status: Status;
  /** Job outputs: `slices` (map fan-out), `branch` (conditional fan-out), `status` (finish). */
  outputs: Record<string, string>;
}

export async function runStage(run: RunContext, input: StageInput): Promise<StageOutcome> {
  const root = rootScope(run);
  switch (input.stage) {
    case 'node':
      return { status: await executeNode(run, topLevelNode(run, input.step), root), outputs: {} };
    case 'fan-out':
      return fanOut(run, compositeNode(run, input.step), root, input.matrixJobs ?? 1);
    case 'branch':
      return runBranchJob(run, root, input);
    case 'fan-in':
      return fanIn(run, compositeNode(run, input.step), root);
    case 'finish':
      return finishRun(run, root);
    default:
      return unreachable(input.stage, 'job stage');
  }
}

const rootScope = (run: RunContext): Scope => ({
  branch: '',
  steps: run.runLog.steps,
  params: run.runLog.parameters,
  holder: run.runLog,
  iter: emptyIter(),
  env: {},
});

function topLevelNode(run: RunContext, name: string): PipelineNode {
  const node = run.pipeline.graph.nodes[name];
  if (!node || isTerminal(node)) {
    throw new InvalidInputError('invalid action inputs', [
      {
        message: `input "step": "${name}" is not a top-level step of ${run.pipeline.file}.`,
        fix: 'regenerate the workflow with `runnable transpile`: it was written for another version of the pipeline.',
      },
    ]);
  }
  return node;
}

function compositeNode(run: RunContext, name: string): Exclude<CompositeNode, { type: 'loop' }> {
  const node = topLevelNode(run, name);
  if (!isComposite(node) || node.type === 'loop') {
    throw new InvalidInputError('invalid action inputs', [
      {
        message: `input "step": "${name}" is a ${node.type} step, not a parallel, map or conditional.`,
        fix: 'regenerate the workflow with `runnable transpile`: it was written for another version of the pipeline.',
      },
    ]);
  }
  return node;
}

function stepOf(run: RunContext, node: PipelineNode, root: Scope): StepLog {
  const step = root.steps[node.name] ?? newStepLog(node.name, node.name, node.type);
  root.steps[node.name] = step;
  return step;
}

/** Opens the composite's step log; a map cuts its items into slices, a conditional names its branch. */
async function fanOut(
  run: RunContext,
  node: Exclude<CompositeNode, { type: 'loop' }>,
  root: Scope,
  matrixJobs: number,
): Promise<StageOutcome> {
  const step = stepOf(run, node, root);
  step.status = 'PROCESSING';
  step.message = '';
  run.events.emit({ type: 'step-started', step: node.name, name: node.name, stepType: node.type });
  const outputs: Record<string, string> = {};
  let error: string | undefined;
  if (node.type === 'map') {
    const branches = mapBranches(node, root, node.name);
    if ('error' in branches) error = branches.error;
    else outputs.slices = JSON.stringify(slices(branches.runs.length, matrixJobs));
  } else if (node.type === 'conditional') {
    const chosen = chooseConditionalBranch(node, root);
    if ('error' in chosen) error = chosen.error;
    else outputs.branch = chosen.key;
  }
  if (error) {
    step.status = 'FAIL';
    step.message = error;
    finished(run, node, step);
  }
  run.store.save(run.runLog, '');
  return { status: error ? 'FAIL' : 'SUCCESS', outputs };
}

/** `count` items in at most `jobs` contiguous slices `start-end` of near-equal size (one empty slice for none). */
export function slices(count: number, jobs: number): string[] {
  const n = Math.max(1, Math.min(count, jobs));
  return Array.from({ length: n }, (_, i) => `${Math.floor((i * count) / n)}-${Math.floor(((i + 1) * count) / n)}`);
}

function parseSlice(items: string, total: number): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(items);
  const [start, end] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!m || start > end || end > total) {
    throw new InvalidInputError('invalid action inputs', [
      {
        message: `input "items": "${items}" is not a slice of the ${total} items.`,
        fix: 'pass the matrix value the fan-out job wrote (`items: ${{ matrix.slice }}`).',
      },
    ]);
  }
  return [start, end];
}

/** One branch of a parallel or conditional, or a slice of a map's items, run whole in this job. */
async function runBranchJob(run: RunContext, root: Scope, input: StageInput): Promise<StageOutcome> {
  if (input.items !== undefined) {
    const node = compositeNode(run, input.step);
    if (node.type !== 'map') throw new Error(`internal: items given for the ${node.type} step ${node.name}`);
    const step = openedStep(run, node, root);
    const branches = mapBranches(node, root, node.name);
    if ('error' in branches) throw new Error(`internal: the map ${node.name} opened but has no items now: ${branches.error}`);
    const [start, end] = parseSlice(input.items, branches.runs.length);
    const results = await runBranches(run, step, root, branches.runs.slice(start, end));
    return { status: results.every((r) => r.status === 'SUCCESS') ? 'SUCCESS' : 'FAIL', outputs: {} };
  }
  const [stepName, key] = splitBranch(input.step);
  const node = compositeNode(run, stepName);
  const graph = node.type === 'map' ? undefined : node.branches[key];
  if (!graph) {
    throw new InvalidInputError('invalid action inputs', [
      {
        message: `input "step": "${input.step}" is not a branch of ${run.pipeline.file}.`,
        fix: 'regenerate the workflow with `runnable transpile`.',
      },
    ]);
  }
  const step = openedStep(run, node, root);
  const r = await runBranch(run, step, root, { name: input.step, graph, iter: emptyIter() });
  return { status: r.status, outputs: {} };
}

const splitBranch = (name: string): [string, string] => {
  const i = name.indexOf('.');
  return i < 0 ? [name, ''] : [name.slice(0, i), name.slice(i + 1)];
};

function openedStep(run: RunContext, node: PipelineNode, root: Scope): StepLog {
  const step = root.steps[node.name];
  if (!step) throw new Error(`internal: the fan-out of ${node.name} left no step log (the artifacts of its job are missing)`);
  return step;
}

/** Closes the composite: the engine's own fan-in over the branch logs the jobs left; a missing one failed. */
async function fanIn(run: RunContext, node: Exclude<CompositeNode, { type: 'loop' }>, root: Scope): Promise<StageOutcome> {
  const step = root.steps[node.name];
  if (!step || step.status === 'FAIL') {
    const s = stepOf(run, node, root);
    s.status = 'FAIL';
    s.message ||= `the fan-out job of "${node.name}" did not run to its end.`;
    return closeComposite(run, node, s);
  }
  // Nothing else writes the root between fan-out and fan-in: its parameters are what every branch started from.
  const snapshot = cloneParameters(root.params);
  const result = (name: string): BranchResult => {
    let log = step.branches[name];
    if (!log) {
      // its job was cancelled or lost before it wrote anything
      log = step.branches[name] = newBranchLog(name, cloneParameters(snapshot));
      log.status = 'FAIL';
      run.store.save(run.runLog, name);
    }
    return { name, log, status: log.status, snapshot };
  };
  step.message = '';
  switch (node.type) {
    case 'parallel':
      parallelFanIn(
        root,
        step,
        Object.keys(node.branches).map((k) => result(`${node.name}.${k}`)),
      );
      break;
    case 'conditional': {
      const chosen = chooseConditionalBranch(node, root);
      if ('error' in chosen) throw new Error(`internal: the conditional ${node.name} opened but chooses no branch now`);
      conditionalFanIn(root, step, result(`${node.name}.${chosen.key}`));
      break;
    }
    case 'map': {
      const branches = mapBranches(node, root, node.name);
      if ('error' in branches) throw new Error(`internal: the map ${node.name} opened but has no items now`);
      await mapFanIn(
        run,
        node,
        root,
        step,
        branches.runs.map((b) => result(b.name)),
      );
      break;
    }
    default:
      return unreachable(node, 'composite node type with branches to fan in');
  }
  return closeComposite(run, node, step);
}

function closeComposite(run: RunContext, node: PipelineNode, step: StepLog): StageOutcome {
  run.store.save(run.runLog, '');
  finished(run, node, step);
  return { status: step.status === 'SUCCESS' ? 'SUCCESS' : 'FAIL', outputs: {} };
}

function finished(run: RunContext, node: PipelineNode, step: StepLog): void {
  run.events.emit({
    type: 'step-finished',
    step: node.name,
    name: node.name,
    stepType: node.type,
    status: step.status,
    attempts: step.attempts.length,
    message: step.message,
    durationMs: 0,
  });
}

/**
 * Follows the pipeline through the steps the jobs recorded, as the engine's traversal would have, and records
 * the terminal step it reaches. A step a job never finished (cancelled, lost) fails the run where it stands.
 */
async function finishRun(run: RunContext, root: Scope): Promise<StageOutcome> {
  const graph = run.pipeline.graph;
  let current = graph.startAt;
  for (let guard = 0; guard <= Object.keys(graph.nodes).length; guard++) {
    const node = graph.nodes[current];
    if (isTerminal(node)) {
      await executeNode(run, node, root);
      break;
    }
    const step = root.steps[node.name];
    if (!step || step.status === 'PROCESSING' || step.status === 'CREATED') {
      if (step) {
        step.status = 'FAIL';
        step.message ||= 'its job did not finish (cancelled, timed out or lost).';
      }
      run.runLog.status = 'FAIL';
      break;
    }
    current = step.status === 'SUCCESS' ? node.next : node.onFailure || 'fail';
  }
  if (run.runLog.status === 'PROCESSING') run.runLog.status = 'FAIL';
  run.store.save(run.runLog, '');
  return { status: run.runLog.status, outputs: { status: run.runLog.status } };
}
