// Statuses of a run keyed by the graph's definition-time internal names, so a picture of the graph
// (renderMermaid's `statuses`) can be coloured from a run log.

import { LOOP_PLACEHOLDER, MAP_PLACEHOLDER } from '../pipeline/model.js';
import type { RunLog, Status, StepLog } from '../services/run-log/model.js';

// Several runtime steps fold into one node (one per map item or loop iteration): the worst status wins, so
// one failed iteration shows the node as failed.
const SEVERITY: Record<Status, number> = { SUCCESS: 0, CREATED: 1, PROCESSING: 2, FAIL: 3 };

/**
 * Maps every step log (at any depth) to the node it ran: a map/loop branch `m.3` is the graph's branch
 * `m.map_variable_placeholder` (or `loop_variable_placeholder`), so `m.3.task` is `m.map_variable_placeholder.task`.
 */
export function graphStatusesFromRunLog(runLog: RunLog): Record<string, Status> {
  const out: Record<string, Status> = {};
  const record = (name: string, status: Status) => {
    const seen = out[name];
    if (seen === undefined || SEVERITY[status] > SEVERITY[seen]) out[name] = status;
  };
  const walk = (steps: Record<string, StepLog>, definitionBranch: string) => {
    for (const step of Object.values(steps ?? {})) {
      const definitionName = definitionBranch ? `${definitionBranch}.${step.name}` : step.name;
      record(definitionName, step.status);
      for (const branch of Object.values(step.branches ?? {})) {
        const key = branch.internal_name.slice(step.internal_name.length + 1);
        const placeholder = step.step_type === 'map' ? MAP_PLACEHOLDER : step.step_type === 'loop' ? LOOP_PLACEHOLDER : key;
        const definitionBranchName = `${definitionName}.${placeholder}`;
        record(definitionBranchName, branch.status);
        walk(branch.steps, definitionBranchName);
      }
    }
  };
  walk(runLog.steps, '');
  return out;
}
