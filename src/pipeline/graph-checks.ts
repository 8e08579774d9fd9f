// Graph checks done for every (sub)graph at load time (runnable's check_graph, §1.1), with located messages.
import { didYouMean } from '../util/suggest.js';
import { childGraphs, type Graph } from './model.js';
import type { YamlPath } from './yaml-source.js';

export interface GraphIssue {
  path: YamlPath;
  step?: string;
  message: string;
  fix?: string;
  key?: boolean;
}

/**
 * `invalid` holds, by branch internal name, the steps that are in the file but were already reported as invalid
 * (and so left out of the graph): a reference to one of them is not a second problem.
 */
export function checkGraph(
  graph: Graph,
  path: YamlPath = ['dag'],
  invalid: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const exists = (name: string) => !!graph.nodes[name] || !!invalid.get(graph.internalBranchName)?.has(name);
  const names = Object.keys(graph.nodes);
  const userNames = names.filter((n) => n !== 'success' && n !== 'fail');
  const where = graph.internalBranchName ? `branch "${graph.internalBranchName}"` : 'the pipeline';

  if (!exists(graph.startAt)) {
    issues.push({
      path: [...path, 'start_at'],
      message: `start_at names "${graph.startAt}", which is not a step of ${where}.${didYouMean(graph.startAt, userNames)}`,
      fix: `set start_at to one of: ${userNames.join(', ') || '(no steps yet: add one under steps)'}.`,
    });
  }
  for (const node of Object.values(graph.nodes)) {
    const nodePath = [...path, 'steps', node.name];
    for (const [field, target] of [
      ['next', node.next],
      ['on_failure', node.onFailure],
    ] as const) {
      if (target && !exists(target)) {
        issues.push({
          path: [...nodePath, field],
          step: node.internalName,
          message: `${field} names "${target}", which is not a step of ${where}.${didYouMean(target, names)}`,
          fix: `point ${field} at one of: ${names.join(', ')} (steps of the same graph only).`,
        });
      }
    }
    if (node.onFailure && node.onFailure === node.name) {
      issues.push({
        path: [...nodePath, 'on_failure'],
        step: node.internalName,
        message: 'a step cannot be its own on_failure.',
        fix: 'point on_failure at another step.',
      });
    }
    for (const [key, child] of Object.entries(childGraphs(node))) {
      const childPath = node.type === 'map' || node.type === 'loop' ? [...nodePath, 'branch'] : [...nodePath, 'branches', key];
      issues.push(...checkGraph(child, childPath, invalid));
    }
  }
  issues.push(...findCycle(graph, path));
  return issues;
}

// A cycle through next/on_failure edges would traverse forever (runnable rejects it too).
function findCycle(graph: Graph, path: YamlPath): GraphIssue[] {
  // Depth-first with an explicit stack: a chain of 10,000 steps would overflow the call stack of a recursive one.
  const state = new Map<string, 'visiting' | 'done'>();
  const targets = (name: string) =>
    [graph.nodes[name]?.next, graph.nodes[name]?.onFailure].filter((t): t is string => !!t && !!graph.nodes[t]);
  let found: string[] | undefined;
  for (const start of Object.keys(graph.nodes)) {
    if (found || state.has(start)) continue;
    const path: string[] = [start];
    const pending: string[][] = [targets(start)];
    state.set(start, 'visiting');
    while (path.length && !found) {
      const next = pending[pending.length - 1].shift();
      if (next === undefined) {
        state.set(path.pop() as string, 'done');
        pending.pop();
      } else if (state.get(next) === 'visiting') {
        found = [...path.slice(path.indexOf(next)), next];
      } else if (!state.has(next)) {
        state.set(next, 'visiting');
        path.push(next);
        pending.push(targets(next));
      }
    }
  }
  if (!found) return [];
  const first = graph.nodes[found[0]];
  return [
    {
      path: [...path, 'steps', found[0]],
      step: first.internalName,
      message: `the steps form a cycle: ${found.join(' -> ')}.`,
      fix: 'a pipeline is a DAG: to repeat steps, put them in a `type: loop` step.',
      key: true,
    },
  ];
}
