// Static check of parameter names that a run looks up by name (map iterate_on, conditional parameter, loop
// break_on): each must be an initial parameter or a return of some task, or the run would fail there.
import type { InputIssue } from '../errors.js';
import { childGraphs, type Graph } from './model.js';

function returnedNames(graph: Graph, out = new Set<string>()): Set<string> {
  for (const n of Object.values(graph.nodes)) {
    if (n.type === 'task') for (const r of n.task.returns) out.add(r.name);
    if (n.type === 'map') out.add(n.iterateAs);
    for (const g of Object.values(childGraphs(n))) returnedNames(g, out);
  }
  return out;
}

export function checkParameterReferences(graph: Graph, initial: Set<string>): InputIssue[] {
  const known = new Set([...initial, ...returnedNames(graph)]);
  const issues: InputIssue[] = [];
  const visit = (g: Graph) => {
    for (const n of Object.values(g.nodes)) {
      const refs: Array<[string, string]> =
        n.type === 'map'
          ? [['iterate_on', n.iterateOn]]
          : n.type === 'conditional'
            ? [['parameter', n.parameter]]
            : n.type === 'loop'
              ? [['break_on', n.breakOn]]
              : [];
      for (const [field, name] of refs) {
        if (!known.has(name)) {
          issues.push({
            location: n.location,
            step: n.internalName,
            message: `${field} names the parameter "${name}", which is neither an initial parameter nor returned by any task.`,
            fix: `add "${name}" to the parameters file (-p), or return it from a step before "${n.name}".`,
          });
        }
      }
      for (const c of Object.values(childGraphs(n))) visit(c);
    }
  };
  visit(graph);
  return issues;
}
