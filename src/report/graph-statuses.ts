// Statuses of a run keyed by the graph's definition-time internal names, so a picture of the graph
// (renderMermaid's `statuses`) can be coloured from a run log; and which nodes ran mocked.

import { LOOP_PLACEHOLDER, MAP_PLACEHOLDER } from '../pipeline/model.js';
import type { BranchLog, RunLog, Status, StepLog } from '../services/run-log/model.js';

// Several runtime steps fold into one node (one per map item or loop iteration): the worst status wins, so
// one failed iteration shows the node as failed.
const SEVERITY: Record<Status, number> = { SUCCESS: 0, CREATED: 1, PROCESSING: 2, FAIL: 3 };

/**
 * Calls `visit` for every step log and branch log (at any depth) with the node it ran: a map/loop branch `m.3` is
 * the graph's branch `m.map_variable_placeholder` (or `loop_variable_placeholder`), so `m.3.task` is
 * `m.map_variable_placeholder.task`.
 */
function visitByDefinition(runLog: RunLog, visit: (definitionName: string, log: StepLog | BranchLog) => void): void {
  const walk = (steps: Record<string, StepLog>, definitionBranch: string) => {
    for (const step of Object.values(steps ?? {})) {
      const definitionName = definitionBranch ? `${definitionBranch}.${step.name}` : step.name;
      visit(definitionName, step);
      for (const branch of Object.values(step.branches ?? {})) {
        const key = branch.internal_name.slice(step.internal_name.length + 1);
        const placeholder = step.step_type === 'map' ? MAP_PLACEHOLDER : step.step_type === 'loop' ? LOOP_PLACEHOLDER : key;
        const definitionBranchName = `${definitionName}.${placeholder}`;
        visit(definitionBranchName, branch);
        walk(branch.steps, definitionBranchName);
      }
    }
  };
  walk(runLog.steps, '');
}

/**
 * The status to draw for a step or branch. A `fail` node that was reached records a SUCCESS attempt (runnable's
 * run log), but it is where its graph failed: it is drawn as a failure.
 */
export function drawnStatus(log: StepLog | BranchLog): Status {
  return 'step_type' in log && log.step_type === 'fail' && log.status === 'SUCCESS' ? 'FAIL' : log.status;
}

/** Status by definition-time internal name, the worst of the runtime steps that ran each node. */
export function graphStatusesFromRunLog(runLog: RunLog): Record<string, Status> {
  const out: Record<string, Status> = {};
  visitByDefinition(runLog, (name, log) => {
    const status = drawnStatus(log);
    const seen = out[name];
    if (seen === undefined || SEVERITY[status] > SEVERITY[seen]) out[name] = status;
  });
  return out;
}

/** Definition-time internal names of the nodes that ran mocked (a mocked executor's steps, a validate plan). */
export function mockedFromRunLog(runLog: RunLog): string[] {
  const out = new Set<string>();
  visitByDefinition(runLog, (name, log) => {
    if ('mock' in log && log.mock) out.add(name);
  });
  return [...out];
}
