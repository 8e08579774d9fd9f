// A pipeline graph as Argo DAG templates: one DAG per graph (the root and every branch), one per composite step
// (fan-out → branches → fan-in), one per loop iteration. Routing follows runnable's traversal: a step's `next`
// runs after it Succeeded, its `on_failure` (else the graph's fail step) after it Failed; a composite's fan-in
// waits for every branch whatever its result. Steps inside maps and loops carry their position as indices
// (`ix0`, `ix1`... one input per enclosing map or loop), so map items never travel through Argo parameters.
// Loops (runnable's argo executor has none) are bounded recursion: an iteration template calls itself again while
// the run log says so.
import {
  isComposite,
  isTerminal,
  type CompositeNode,
  type Graph,
  type LoopNode,
  type MapNode,
  type PipelineNode,
} from '../../pipeline/model.js';
import { InvalidInputError } from '../../errors.js';
import { uniqueName } from './names.js';
import { fanTemplate, overrideOf, stepArgument, stepTemplate, type TemplateContext } from './pod-templates.js';
import type { ArgoParameter, DagTask } from './workflow-types.js';
import { unreachable } from '../../util/unreachable.js';

/** Argo stops a workflow whose templates nest deeper than 100; each loop iteration adds two levels. */
export const MAX_LOOP_ITERATIONS = 45;

export interface DagContext extends TemplateContext {
  executorName: string;
}

/** The indices inputs of a template at this depth, and the `indices` argument value built from them. */
const indexInputs = (depth: number): ArgoParameter[] => Array.from({ length: depth }, (_, i) => ({ name: `ix${i}` }));
const indicesValue = (depth: number) => `[${Array.from({ length: depth }, (_, i) => `{{inputs.parameters.ix${i}}}`).join(',')}]`;
const passIndices = (depth: number): ArgoParameter[] =>
  Array.from({ length: depth }, (_, i) => ({ name: `ix${i}`, value: `{{inputs.parameters.ix${i}}}` }));

const taskName = (node: PipelineNode) => uniqueName(node.name, node.internalName, 4);

/** The graph's fail step, where a failed step without on_failure goes. */
function failStepOf(graph: Graph): string | undefined {
  if (graph.nodes.fail?.type === 'fail') return 'fail';
  return Object.values(graph.nodes).find((n) => n.type === 'fail')?.name;
}

/** The steps reachable from start_at, in traversal order (unreachable steps would run unconditionally in a DAG). */
function reachable(graph: Graph): PipelineNode[] {
  const seen = new Set<string>();
  const order: PipelineNode[] = [];
  const failStep = failStepOf(graph);
  const queue = [graph.startAt];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name) || !graph.nodes[name]) continue;
    seen.add(name);
    const node = graph.nodes[name];
    order.push(node);
    if (isTerminal(node)) continue;
    queue.push(node.next);
    const onFail = node.onFailure || failStep;
    if (onFail) queue.push(onFail);
  }
  return order;
}

/** `depends` of each reachable step: the OR of the results of the steps that route to it. */
function dependsOf(graph: Graph, nodes: PipelineNode[]): Map<string, string[]> {
  const deps = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  const failStep = failStepOf(graph);
  for (const n of nodes) {
    if (isTerminal(n)) continue;
    deps.get(n.next)?.push(`${taskName(n)}.Succeeded`);
    const onFail = n.onFailure || failStep;
    if (onFail) deps.get(onFail)?.push(`${taskName(n)}.Failed`);
  }
  return deps;
}

/** The DAG template of a graph (the root, or a branch at `depth` maps/loops deep); returns its name. */
export function graphTemplate(ctx: DagContext, graph: Graph, name: string, depth: number, startAfter?: DagTask): string {
  if (ctx.templates.has(name)) return name;
  const nodes = reachable(graph);
  const deps = dependsOf(graph, nodes);
  const tasks: DagTask[] = startAfter ? [startAfter] : [];
  // reserve the name first: a recursive loop template refers back to its own chain
  ctx.templates.set(name, { name });
  for (const node of nodes) {
    const d = deps.get(node.name) ?? [];
    if (node.name === graph.startAt && startAfter) d.unshift(`${startAfter.name}.Succeeded`);
    const task: DagTask = { name: taskName(node), template: '', ...(d.length ? { depends: d.join(' || ') } : {}) };
    if (isComposite(node)) {
      task.template = compositeTemplate(ctx, node, depth);
      if (depth) task.arguments = { parameters: passIndices(depth) };
    } else {
      task.template = stepTemplate(ctx, node, overrideOf(ctx, node, ctx.executorName));
      task.arguments = {
        parameters: [
          { name: 'step', value: stepArgument(node) },
          { name: 'indices', value: indicesValue(depth) },
        ],
      };
    }
    tasks.push(task);
  }
  ctx.templates.set(name, {
    name,
    ...(depth ? { inputs: { parameters: indexInputs(depth) } } : {}),
    dag: { failFast: false, tasks },
  });
  return name;
}

function fanTask(
  ctx: DagContext,
  node: CompositeNode,
  depth: number,
  taskNameOf: string,
  mode: string,
  extra: Partial<DagTask> = {},
  index?: string,
): DagTask {
  const parameters: ArgoParameter[] = [
    { name: 'step', value: stepArgument(node) },
    { name: 'mode', value: mode },
    { name: 'indices', value: indicesValue(depth) },
  ];
  if (index !== undefined) parameters.push({ name: 'index', value: index });
  return { name: taskNameOf, template: fanTemplate(ctx), ...extra, arguments: { parameters } };
}

const finished = (t: string, skippable: boolean) => `(${t}.Succeeded || ${t}.Failed || ${t}.Errored${skippable ? ` || ${t}.Skipped` : ''})`;

/** fan-out → the branches → fan-in, as one DAG template. */
function compositeTemplate(ctx: DagContext, node: CompositeNode, depth: number): string {
  const name = uniqueName(node.name, node.internalName);
  if (ctx.templates.has(name)) return name;
  const out = fanTask(ctx, node, depth, 'fan-out', 'out');
  const branchTasks: DagTask[] = [];
  switch (node.type) {
    case 'parallel':
    case 'conditional': {
      Object.entries(node.branches).forEach(([key, graph], i) => {
        const t: DagTask = {
          name: uniqueName(`branch-${key}`, graph.internalBranchName, 4),
          template: graphTemplate(ctx, graph, uniqueName(key, graph.internalBranchName), depth),
          depends: 'fan-out.Succeeded',
          ...(depth ? { arguments: { parameters: passIndices(depth) } } : {}),
        };
        if (node.type === 'conditional') t.when = `{{tasks.fan-out.outputs.parameters.case}} == ${i}`;
        branchTasks.push(t);
      });
      break;
    }
    case 'map':
      branchTasks.push(mapItemsTask(ctx, node, depth));
      break;
    case 'loop':
      branchTasks.push({
        name: 'iterations',
        template: loopIterationTemplate(ctx, node, depth),
        depends: 'fan-out.Succeeded',
        arguments: { parameters: [...passIndices(depth), { name: `ix${depth}`, value: '0' }] },
      });
      break;
    default:
      return unreachable(node, 'composite node type');
  }
  const skippable = node.type === 'conditional' || node.type === 'map';
  const fanIn = fanTask(ctx, node, depth, 'fan-in', 'in', { depends: branchTasks.map((t) => finished(t.name, skippable)).join(' && ') });
  ctx.templates.set(name, {
    name,
    ...(depth ? { inputs: { parameters: indexInputs(depth) } } : {}),
    dag: { failFast: false, tasks: [out, ...branchTasks, fanIn] },
  });
  return name;
}

function mapItemsTask(ctx: DagContext, node: MapNode, depth: number): DagTask {
  const graph = node.branch;
  return {
    name: 'items',
    template: graphTemplate(ctx, graph, uniqueName(`${node.name}-item`, graph.internalBranchName), depth + 1),
    depends: 'fan-out.Succeeded',
    withParam: '{{tasks.fan-out.outputs.parameters.iterate-on}}',
    arguments: { parameters: [...passIndices(depth), { name: `ix${depth}`, value: '{{item}}' }] },
  };
}

/** One iteration: the body, the decision (`fan next`), and the next iteration when the decision says so. */
function loopIterationTemplate(ctx: DagContext, node: LoopNode, depth: number): string {
  if (node.maxIterations > MAX_LOOP_ITERATIONS) {
    throw new InvalidInputError('invalid pipeline for argo', [
      {
        location: node.location,
        message: `loop "${node.name}" has max_iterations ${node.maxIterations}; on Argo a loop is a recursive template and Argo stops workflows nested deeper than 100 levels.`,
        fix: `use max_iterations ${MAX_LOOP_ITERATIONS} or less, or a map over a list of the iterations.`,
      },
    ]);
  }
  const name = uniqueName(`${node.name}-iteration`, `${node.internalName}#iteration`);
  if (ctx.templates.has(name)) return name;
  ctx.templates.set(name, { name });
  const body: DagTask = {
    name: 'body',
    template: graphTemplate(ctx, node.branch, uniqueName(`${node.name}-body`, node.branch.internalBranchName), depth + 1),
    arguments: { parameters: passIndices(depth + 1) },
  };
  const next = fanTask(ctx, node, depth, 'next', 'next', { depends: finished('body', false) }, `{{inputs.parameters.ix${depth}}}`);
  const again: DagTask = {
    name: 'again',
    template: name,
    depends: 'next.Succeeded',
    when: '{{tasks.next.outputs.parameters.continue}} == true',
    arguments: { parameters: [...passIndices(depth), { name: `ix${depth}`, value: '{{tasks.next.outputs.parameters.next-index}}' }] },
  };
  ctx.templates.set(name, { name, inputs: { parameters: indexInputs(depth + 1) }, dag: { failFast: false, tasks: [body, next, again] } });
  return name;
}
