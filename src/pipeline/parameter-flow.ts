// Static parameter flow (`runnable validate`, the action's `mode: validate`): runnable pipelines declare their
// returns, so the parameters that exist before each step are known without running anything. A name a step
// needs that nothing before it provides (an initial parameter from the file or RUNNABLE_PRM_, an earlier
// return, a map's `iterate_as`, a loop's `index_as`) is an error at the step's line, naming the nearest
// candidates: a python function's required argument, `iterate_on`, a conditional's `parameter`, `break_on`.
// `$name` in a shell command is only a warning (a shell can read its environment). "Before" is every step
// that can lead to this one (through `next` or `on_failure`), so a value set on one path only is accepted.
// runnable finds these at run time, in the middle of a run.
import type { InputIssue } from '../errors.js';
import { closest } from '../util/suggest.js';
import { childGraphs, type Graph, type PipelineNode } from './model.js';
import { unreachable } from '../util/unreachable.js';

/** What validate knows of a python task's function: its required arguments (no default). */
export interface PythonSignature {
  required: string[];
}

export interface FlowFindings {
  errors: InputIssue[];
  warnings: InputIssue[];
}

/** Above this many steps in one graph the order is not followed (every return counts as available). */
const ORDERED_LIMIT = 2000;

/** Every name returned anywhere inside a node (its own returns, or its branches'). */
function returnedBy(n: PipelineNode, out = new Set<string>()): Set<string> {
  if (n.type === 'task') for (const r of n.task.returns) out.add(r.name);
  for (const g of Object.values(childGraphs(n))) for (const c of Object.values(g.nodes)) returnedBy(c, out);
  return out;
}

/** For each node of a graph, the names available before it: `start` plus the returns of every node that can lead to it. */
function availableBefore(graph: Graph, start: Set<string>): Map<string, Set<string>> {
  const nodes = Object.values(graph.nodes);
  const result = new Map<string, Set<string>>();
  if (nodes.length > ORDERED_LIMIT) {
    const all = new Set(start);
    for (const n of nodes) returnedBy(n, all);
    for (const n of nodes) result.set(n.name, all);
    return result;
  }
  const preds = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  for (const n of nodes) for (const to of new Set([n.next, n.onFailure])) if (to && preds.has(to)) preds.get(to)!.push(n.name);
  const visiting = new Set<string>();
  const compute = (name: string): Set<string> => {
    const known = result.get(name);
    if (known) return known;
    if (visiting.has(name)) return start; // a cycle (graph checks report it)
    visiting.add(name);
    const before = new Set(start);
    for (const p of preds.get(name) ?? []) {
      for (const v of compute(p)) before.add(v);
      returnedBy(graph.nodes[p]!, before);
    }
    visiting.delete(name);
    result.set(name, before);
    return before;
  };
  for (const n of nodes) compute(n.name);
  return result;
}

/** The nearest available names, for the message. */
function candidates(name: string, available: Set<string>): string {
  if (!available.size) return ' Nothing is available at this step.';
  const near = closest(name, available);
  const some = [...available].slice(0, 6).join(', ');
  return near
    ? ` Did you mean "${near}"? (available: ${some}${available.size > 6 ? ', …' : ''})`
    : ` Available: ${some}${available.size > 6 ? ', …' : ''}.`;
}

/** Names a shell script reads with `$name` / `${name}` that it does not set itself. Upper-case names are left out (the environment's). */
export function shellReads(script: string): string[] {
  const text = script.replace(/'[^']*'/g, "''").replace(/\\\$/g, '');
  const set = new Set<string>();
  for (const m of text.matchAll(/(?:^|[\s;(&|`])(?:export\s+|local\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g)) set.add(m[1]!);
  for (const m of text.matchAll(/\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b/g)) set.add(m[1]!);
  for (const m of text.matchAll(/\bread\s+(?:-\w+\s+)*([A-Za-z_][A-Za-z0-9_ ]*)/g)) for (const v of m[1]!.split(/\s+/)) if (v) set.add(v);
  const reads = new Set<string>();
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = m[1]!;
    if (!set.has(name) && name !== name.toUpperCase()) reads.add(name);
  }
  return [...reads];
}

/**
 * Checks every step of `graph` against the parameters available before it. `python` maps a python task's
 * internal name to its function's signature (when python could inspect it).
 */
export function checkParameterFlow(graph: Graph, initial: Set<string>, python: Map<string, PythonSignature> = new Map()): FlowFindings {
  const findings: FlowFindings = { errors: [], warnings: [] };
  const visit = (g: Graph, start: Set<string>) => {
    const before = availableBefore(g, start);
    for (const n of Object.values(g.nodes)) checkNode(n, before.get(n.name) ?? start, python, findings, visit);
  };
  visit(graph, initial);
  return findings;
}

function checkNode(
  n: PipelineNode,
  available: Set<string>,
  python: Map<string, PythonSignature>,
  findings: FlowFindings,
  visit: (g: Graph, start: Set<string>) => void,
): void {
  const error = (message: string, fix: string) => findings.errors.push({ location: n.location, step: n.internalName, message, fix });
  const needs = (field: string, name: string, set = available) => {
    if (!set.has(name)) {
      error(
        `${field} names the parameter "${name}", which no parameters file, RUNNABLE_PRM_ variable or earlier step provides.${candidates(name, set)}`,
        `add "${name}" to the parameters file (-p), or return it from a step that runs before "${n.name}".`,
      );
    }
  };
  switch (n.type) {
    case 'task': {
      if (n.task.command_type === 'python') {
        for (const arg of python.get(n.internalName)?.required ?? []) {
          if (!available.has(arg)) {
            error(
              `the function ${n.task.command} needs the argument "${arg}", which no parameters file, RUNNABLE_PRM_ variable, earlier return or default provides.${candidates(arg, available)}`,
              `give "${arg}" a default in the function, add it to the parameters file (-p), or return it from an earlier step.`,
            );
          }
        }
      } else if (n.task.command_type === 'shell') {
        for (const name of shellReads(n.task.command).filter((v) => !available.has(v))) {
          findings.warnings.push({
            location: n.location,
            step: n.internalName,
            message: `the command reads $${name}, which no parameter provides before this step (unless the environment has it).${candidates(name, available)}`,
            fix: `return "${name}" from an earlier step or add it to the parameters file; or set it in the command.`,
          });
        }
      }
      return;
    }
    case 'map':
      needs('iterate_on', n.iterateOn);
      visit(n.branch, new Set([...available, n.iterateAs]));
      return;
    case 'conditional':
      needs('parameter', n.parameter);
      for (const g of Object.values(n.branches)) visit(g, available);
      return;
    case 'loop': {
      const inside = new Set([...available, n.indexAs]);
      needs('break_on', n.breakOn, returnedBy(n, new Set(inside)));
      visit(n.branch, inside);
      return;
    }
    case 'parallel':
      for (const g of Object.values(n.branches)) visit(g, available);
      return;
    case 'stub':
    case 'success':
    case 'fail':
      return;
    default:
      return unreachable(n, 'node type');
  }
}
