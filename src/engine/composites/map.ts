// map: one branch per item of a list parameter, named `<step>.<item>`; the item reaches tasks as `iterate_as`.
// Fan-in: any failed branch fails the step and nothing is reduced; otherwise every return declared by a task
// directly in the branch is reduced across branches (default: the list in item order) into a json parameter;
// one that no branch set becomes "" (runnable's fan-in does so, with the default reducer and a custom one).
// The three parts (the branches of the items, running them, the fan-in) are separate functions so the github
// executor's fan-out, matrix and fan-in jobs run exactly this code, each part in its own job.
import { isLeaf, type MapNode } from '../../pipeline/model.js';
import { mapBranchSegment } from '../../pipeline/names.js';
import { jsonParameter, type Parameters, type StepLog } from '../../services/run-log/model.js';
import type { RunContext, Scope } from '../run-context.js';
import { applyReducer } from '../reducers.js';
import { allSucceeded, runBranches, type BranchResult, type BranchRun } from './branches.js';
import { failComposite } from './run-composite.js';

/** Above this many items, map branches do not get a copy of the item list itself (see below). */
export const LONG_MAP = 256;

export async function runMap(run: RunContext, node: MapNode, scope: Scope, step: StepLog): Promise<void> {
  const branches = mapBranches(node, scope, step.internal_name);
  if ('error' in branches) return failComposite(step, branches.error);
  const results = await runBranches(run, step, scope, branches.runs);
  await mapFanIn(run, node, scope, step, results);
}

/** One branch per item, in item order, or why the map cannot start (also the fan-out of a GitHub map job). */
export function mapBranches(node: MapNode, scope: Scope, stepName: string): { runs: BranchRun[] } | { error: string } {
  const p = scope.params[node.iterateOn];
  if (!p) {
    return {
      error: `iterate_on names "${node.iterateOn}", which is not a parameter here. Parameters: ${Object.keys(scope.params).join(', ') || '(none)'}.`,
    };
  }
  if (!Array.isArray(p.value)) {
    return { error: `iterate_on parameter "${node.iterateOn}" must be a list; it is ${JSON.stringify(p.value)?.slice(0, 80)}.` };
  }
  const items = p.value as unknown[];
  const names = items.map(mapBranchSegment);
  // one pass (a github map job computes this for its slice of a 10,000-item map: n² would be 10⁸ per job)
  const seen = new Set<string>();
  const dup = names.find((n) => seen.size === seen.add(n).size);
  if (dup !== undefined) {
    return { error: `two items of "${node.iterateOn}" give the same branch name "${dup}": map items must be distinct.` };
  }
  // Each branch starts from a copy of the parent's parameters — but a long item list is left out of that copy:
  // n branches each recording n items would make the run log grow with n² (a 10,000-item map: 10⁸ values).
  // A branch has its own item; up to LONG_MAP items it also sees the whole list, as with every other parameter.
  let startFrom: Parameters | undefined;
  if (items.length > LONG_MAP) {
    const { [node.iterateOn]: _list, ...rest } = scope.params;
    startFrom = rest;
  }
  return {
    runs: items.map((item, i) => ({
      name: `${stepName}.${names[i]}`,
      graph: node.branch,
      iter: { map_variable: { ...scope.iter.map_variable, [node.iterateAs]: { value: item } }, loop_variable: scope.iter.loop_variable },
      startFrom,
    })),
  };
}

/** Fails the step if any item failed; otherwise reduces every return of the branch's tasks into the scope. */
export async function mapFanIn(run: RunContext, node: MapNode, scope: Scope, step: StepLog, results: BranchResult[]): Promise<void> {
  if (!allSucceeded(results)) {
    step.status = 'FAIL';
    step.message = `item ${results
      .filter((r) => r.status !== 'SUCCESS')
      .map((r) => r.name)
      .join(', ')} failed`;
    return;
  }
  const returns = Object.values(node.branch.nodes).flatMap((n) =>
    isLeaf(n) && n.type === 'task' ? n.task.returns.map((r) => r.name) : [],
  );
  for (const name of new Set(returns)) {
    const values = results.filter((r) => r.log.parameters[name] !== undefined).map((r) => r.log.parameters[name].value);
    try {
      // runnable's fan-in: when no branch set the return, the parameter is "" whatever the reducer
      const reduced = values.length ? await applyReducer(run, node.reducer, values, step.internal_name) : '';
      scope.params[name] = jsonParameter(reduced);
    } catch (e) {
      return failComposite(step, `the reducer of "${node.name}" failed on "${name}": ${(e as Error).message}`);
    }
  }
  step.status = 'SUCCESS';
}
