// The check every executor with `overrides` makes before it runs: each step's `overrides: {<executor>: <key>}`
// names an override of that executor's configuration. runnable raises "No override of key: X found" at the first
// step that names a missing one; here every such step is a located issue, all at once.
import type { InputIssue } from '../errors.js';
import type { Graph } from '../pipeline/model.js';
import { walkNodes } from '../pipeline/walk.js';

/** One issue per step whose `overrides: {<service>: key}` names a key `overrides` lacks. */
export function overrideKeyIssues(service: string, overrides: Record<string, unknown>, graph: Graph): InputIssue[] {
  const issues: InputIssue[] = [];
  const known = Object.keys(overrides);
  for (const { node } of walkNodes(graph)) {
    const key = node.overrides[service];
    if (key === undefined || key in overrides) continue;
    issues.push({
      location: node.location,
      step: node.internalName,
      message: `no override "${key}" in the overrides of the ${service} executor (known: ${known.length ? known.join(', ') : 'none'}).`,
      fix: known.length
        ? `use one of ${known.join(', ')} in \`overrides: {${service}: ...}\`, or add "${key}" under \`pipeline-executor.config.overrides\`.`
        : `add "${key}" under \`pipeline-executor.config.overrides\` in the configuration file.`,
    });
  }
  return issues;
}
