// The steps of a run whose graph another engine traverses (Argo, one pod per step): the composites' work split
// into separate processes — open the run log, fan out, fan in, decide a loop's next iteration, close the run — each
// reading the run log from the shared store and writing back only its own scope. Steps inside maps and loops
// receive their position as indices (`--iter-indices [2,0]`), never the items themselves, so no value ever travels
// through the other engine's parameters; the items are read back from the run log here.
//
// runnable's `runnable fan` does the fan-out/fan-in part with the items passed on the command line, has no
// loops, and leaves a crashed run PROCESSING; `close` marks such a run FAIL.
import { isComposite, type CompositeNode, type Graph, type PipelineNode, type Pipeline } from '../pipeline/model.js';
import { emptyIter, mapBranchSegment, pythonStr, resolveName, type IterVariable } from '../pipeline/names.js';
import { findNode } from '../pipeline/find-node.js';
import { InvalidInputError } from '../errors.js';
import { isLeaf } from '../pipeline/model.js';
import {
  jsonParameter,
  newBranchLog,
  newStepLog,
  type BranchLog,
  type Parameters,
  type RunLog,
  type StepLog,
  type Status,
} from '../services/run-log/model.js';
import { changedSince, cloneParameters } from './parameters.js';
import { applyReducer } from './reducers.js';
import type { RunContext } from './run-context.js';
import { LONG_MAP } from './composites/map.js';
import { unreachable } from '../util/unreachable.js';

type Holder = RunLog | BranchLog;

const bad = (message: string, fix: string) => new InvalidInputError('invalid arguments', [{ message, fix }]);

/**
 * The iteration variable of a node from its indices: one per enclosing map or loop, outermost first. A map's item
 * is read from the parameters of the scope the map sits in (stable while the map runs: a scope runs one step at a
 * time), a loop's index is the value itself.
 */
export function iterFromIndices(pipeline: Pipeline, runLog: RunLog, internalName: string, indices: number[]): IterVariable {
  const parts = internalName.split('.');
  let graph: Graph = pipeline.graph;
  let holder: Holder = runLog;
  const iter = emptyIter();
  let k = 0;
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const node: PipelineNode | undefined = graph.nodes[parts[i]];
    if (!node) throw bad(`"${internalName}" is not a step of ${pipeline.file}.`, 'give a definition-time internal name.');
    const stepName = resolveName(node.internalName, iter);
    const step: StepLog | undefined = holder.steps[stepName];
    let branchName: string;
    if (node.type === 'map' || node.type === 'loop') {
      const idx = indices[k++];
      if (!Number.isInteger(idx) || idx < 0)
        throw bad(`--iter-indices has no index for "${stepName}".`, 'give one index per enclosing map or loop.');
      if (node.type === 'map') {
        const list = holder.parameters[node.iterateOn]?.value;
        if (!Array.isArray(list) || idx >= list.length) {
          throw bad(
            `item ${idx} of "${node.iterateOn}" (map "${stepName}") does not exist in run ${runLog.run_id}.`,
            'check --iter-indices.',
          );
        }
        iter.map_variable = { ...iter.map_variable, [node.iterateAs]: { value: list[idx] } };
        branchName = `${stepName}.${mapBranchSegment(list[idx])}`;
        graph = node.branch;
      } else {
        iter.loop_variable = [...iter.loop_variable, { value: idx }];
        branchName = `${stepName}.${idx}`;
        graph = node.branch;
      }
    } else if (node.type === 'parallel' || node.type === 'conditional') {
      branchName = `${stepName}.${parts[i + 1]}`;
      graph = node.branches[parts[i + 1]];
    } else {
      throw bad(`"${internalName}" is not a step of ${pipeline.file}.`, 'give a definition-time internal name.');
    }
    const branch: BranchLog | undefined = step?.branches[branchName];
    if (!branch || !graph)
      throw bad(`the run log of ${runLog.run_id} has no branch "${branchName}".`, 'the fan-out of that step must run first.');
    holder = branch;
  }
  if (k !== indices.length)
    throw bad(
      `--iter-indices gives ${indices.length} indices; "${internalName}" is inside ${k} maps or loops.`,
      'give one index per enclosing map or loop.',
    );
  return iter;
}

/** A composite step located in its scope: the node, its run-time name, the scope holder and the step log. */
export interface LocatedComposite {
  node: CompositeNode;
  stepName: string;
  branch: string;
  holder: Holder;
  iter: IterVariable;
  step: StepLog;
}

export function locateComposite(pipeline: Pipeline, runLog: RunLog, internalName: string, iter: IterVariable): LocatedComposite {
  const found = findNode(pipeline.graph, internalName);
  if (!found || !isComposite(found.node)) {
    throw bad(
      `"${internalName}" is not a parallel, map, conditional or loop step of ${pipeline.file}.`,
      'give the internal name of a composite step.',
    );
  }
  const stepName = resolveName(internalName, iter);
  const branch = stepName.split('.').slice(0, -1).join('.');
  const holder = branchHolder(runLog, branch);
  if (!holder) throw bad(`the run log of ${runLog.run_id} has no branch "${branch}".`, 'the fan-out of the enclosing step must run first.');
  const step = (holder.steps[stepName] ??= newStepLog(found.node.name, stepName, found.node.type));
  return { node: found.node, stepName, branch, holder, iter, step };
}

function branchHolder(runLog: RunLog, branch: string): Holder | undefined {
  if (!branch) return runLog;
  const stepName = branch.split('.').slice(0, -1).join('.');
  const parent = branchHolder(runLog, stepName.split('.').slice(0, -1).join('.'));
  return parent?.steps[stepName]?.branches[branch];
}

/** What a fan-out hands the other engine: map indices, or the position of the conditional's chosen branch. */
export interface FanOutResult {
  status: Status;
  iterateOn?: number[];
  case?: number;
}

/** Opens the step and its branches (all of a parallel, every item of a map, the chosen one of a conditional, iteration 0 of a loop). */
export function fanOut(run: RunContext, c: LocatedComposite): FanOutResult {
  const { node, step, holder } = c;
  step.status = 'PROCESSING';
  step.message = '';
  const open = (name: string, params: Parameters) => {
    const b = (step.branches[name] ??= newBranchLog(name, cloneParameters(params)));
    b.status = 'PROCESSING';
    return name;
  };
  const fail = (message: string): FanOutResult => {
    step.status = 'FAIL';
    step.message = message;
    saveScopes(run, c, []);
    return { status: 'FAIL' };
  };
  switch (node.type) {
    case 'parallel': {
      const names = Object.keys(node.branches).map((k) => open(`${c.stepName}.${k}`, holder.parameters));
      saveScopes(run, c, names);
      return { status: 'PROCESSING' };
    }
    case 'map': {
      const p = holder.parameters[node.iterateOn];
      if (!p)
        return fail(
          `iterate_on names "${node.iterateOn}", which is not a parameter here. Parameters: ${Object.keys(holder.parameters).join(', ') || '(none)'}.`,
        );
      if (!Array.isArray(p.value))
        return fail(`iterate_on parameter "${node.iterateOn}" must be a list; it is ${JSON.stringify(p.value)?.slice(0, 80)}.`);
      const items = p.value as unknown[];
      const segments = items.map(mapBranchSegment);
      const dup = segments.find((n, i) => segments.indexOf(n) !== i);
      if (dup !== undefined)
        return fail(`two items of "${node.iterateOn}" give the same branch name "${dup}": map items must be distinct.`);
      let startFrom = holder.parameters;
      if (items.length > LONG_MAP) {
        const { [node.iterateOn]: _list, ...rest } = holder.parameters;
        startFrom = rest;
      }
      const names = segments.map((s) => open(`${c.stepName}.${s}`, startFrom));
      saveScopes(run, c, names);
      return { status: 'PROCESSING', iterateOn: items.map((_, i) => i) };
    }
    case 'conditional': {
      const item = c.iter.map_variable[node.parameter];
      const p = holder.parameters[node.parameter] ?? (item ? { kind: 'json' as const, value: item.value } : undefined);
      if (!p)
        return fail(
          `the conditional parameter "${node.parameter}" is not set. Parameters here: ${Object.keys(holder.parameters).join(', ') || '(none)'}.`,
        );
      if (p.value === null || typeof p.value === 'object') {
        return fail(`the conditional parameter "${node.parameter}" must be a string, number or boolean; it is ${JSON.stringify(p.value)}.`);
      }
      const key = pythonStr(p.value);
      const keys = Object.keys(node.branches);
      if (!keys.includes(key))
        return fail(`no branch of "${node.name}" is named "${key}" (the value of ${node.parameter}); branches: ${keys.join(', ')}.`);
      saveScopes(run, c, [open(`${c.stepName}.${key}`, holder.parameters)]);
      return { status: 'PROCESSING', case: keys.indexOf(key) };
    }
    case 'loop': {
      saveScopes(run, c, [open(`${c.stepName}.0`, holder.parameters)]);
      return { status: 'PROCESSING' };
    }
    default:
      return unreachable(node, 'composite node type');
  }
}

/** After loop iteration `index`: whether another runs (its branch is opened here), and its index. */
export function loopNext(run: RunContext, c: LocatedComposite, index: number): { again: boolean; nextIndex: number } {
  const node = c.node;
  if (node.type !== 'loop') throw bad(`"${c.stepName}" is not a loop.`, 'give the internal name of a loop step.');
  const current = c.step.branches[`${c.stepName}.${index}`];
  const stop = { again: false, nextIndex: index + 1 };
  if (!current || current.status !== 'SUCCESS') return stop;
  const brk = current.parameters[node.breakOn];
  if (brk !== undefined && brk.value !== false) return stop;
  if (index + 1 >= node.maxIterations) return stop;
  const name = `${c.stepName}.${index + 1}`;
  const b = (c.step.branches[name] ??= newBranchLog(name, cloneParameters(current.parameters)));
  b.status = 'PROCESSING';
  saveScopes(run, c, [name]);
  return { again: true, nextIndex: index + 1 };
}

/** Closes the step from its branches' logs, as the in-process composites do at their end. */
export async function fanIn(run: RunContext, c: LocatedComposite): Promise<Status> {
  const { node, step, holder } = c;
  const branches = Object.values(step.branches);
  for (const b of branches) if (b.status !== 'SUCCESS' && b.status !== 'FAIL') b.status = 'FAIL';
  const failed = branches.filter((b) => b.status !== 'SUCCESS');
  const finish = (status: Status, message = '') => {
    step.status = status;
    step.message = message;
    saveScopes(
      run,
      c,
      branches.map((b) => b.internal_name),
    );
    return status;
  };
  switch (node.type) {
    case 'parallel': {
      const snapshot = cloneParameters(holder.parameters);
      for (const b of branches) if (b.status === 'SUCCESS') Object.assign(holder.parameters, changedSince(snapshot, b.parameters));
      return failed.length ? finish('FAIL', `branch ${failed.map((b) => b.internal_name).join(', ')} failed`) : finish('SUCCESS');
    }
    case 'conditional': {
      const b = branches[0];
      if (b?.status === 'SUCCESS') Object.assign(holder.parameters, changedSince(cloneParameters(holder.parameters), b.parameters));
      return finish(b?.status === 'SUCCESS' ? 'SUCCESS' : 'FAIL');
    }
    case 'map': {
      if (failed.length) return finish('FAIL', `item ${failed.map((b) => b.internal_name).join(', ')} failed`);
      const returns = Object.values(node.branch.nodes).flatMap((n) =>
        isLeaf(n) && n.type === 'task' ? n.task.returns.map((r) => r.name) : [],
      );
      for (const name of new Set(returns)) {
        const values = branches.filter((b) => b.parameters[name] !== undefined).map((b) => b.parameters[name].value);
        try {
          const reduced = await applyReducer(run, node.reducer, values, step.internal_name);
          if (reduced !== undefined) holder.parameters[name] = jsonParameter(reduced);
        } catch (e) {
          return finish('FAIL', `the reducer of "${node.name}" failed on "${name}": ${(e as Error).message}`);
        }
      }
      return finish('SUCCESS');
    }
    case 'loop': {
      const last = branches.at(-1);
      const i = branches.length - 1;
      if (!last || last.status !== 'SUCCESS') return finish('FAIL', `iteration ${Math.max(i, 0)} failed`);
      const brk = last.parameters[node.breakOn];
      if (brk !== undefined && typeof brk.value !== 'boolean') {
        return finish(
          'FAIL',
          `break_on parameter "${node.breakOn}" must be true or false; iteration ${i} set it to ${JSON.stringify(brk.value)}.`,
        );
      }
      Object.assign(holder.parameters, changedSince(cloneParameters(holder.parameters), last.parameters));
      return finish('SUCCESS');
    }
    default:
      return unreachable(node, 'composite node type');
  }
}

/** Marks a run that ended without reaching a terminal node (a pod killed, an engine error) FAIL, with its unfinished steps. */
export function closeUnfinishedRun(run: RunContext): boolean {
  const runLog = run.runLog;
  if (runLog.status !== 'PROCESSING' && runLog.status !== 'CREATED') return false;
  runLog.status = 'FAIL';
  const walk = (steps: Record<string, StepLog>) => {
    for (const s of Object.values(steps)) {
      for (const b of Object.values(s.branches)) {
        walk(b.steps);
        if (b.status === 'PROCESSING' || b.status === 'CREATED') b.status = 'FAIL';
        run.store.save(runLog, b.internal_name);
      }
      if (s.status === 'PROCESSING' || s.status === 'CREATED') {
        s.status = 'FAIL';
        s.message = s.message || 'the step did not finish: its pod ended without writing a result';
      }
    }
  };
  walk(runLog.steps);
  run.store.save(runLog, '');
  return true;
}

function saveScopes(run: RunContext, c: LocatedComposite, branches: string[]): void {
  run.store.save(run.runLog, c.branch);
  for (const b of branches) run.store.save(run.runLog, b);
}
