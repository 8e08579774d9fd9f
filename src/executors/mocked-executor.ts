// runnable's `mocked` executor: the pipeline's wiring runs, its tasks do not. A task named in `patches` runs with
// the patch merged over its own fields (runnable replaces the whole task and loses returns and secrets; we keep
// what the patch does not name). A patch may give `returns_values` instead: the step does not run and pretends
// to return them, so maps and conditionals downstream take real paths.
import * as z from '../util/zod.js';
import { mockLeaf, runLeaf } from '../engine/leaf.js';
import type { RunContext, Scope } from '../engine/run-context.js';
import type { InputIssue } from '../errors.js';
import { childGraphs, type Graph, type LeafNode, type Pipeline, type SourceLocation, type TaskSpec } from '../pipeline/model.js';
import { didYouMean } from '../util/suggest.js';
import { jsonParameter, type Parameters, type StepLog } from '../services/run-log/model.js';
import type { NodeExecutor } from '../engine/executor.js';

const patchSchema = z.looseObject({
  command: z.optional(z.string().check(z.minLength(1))),
  command_type: z.optional(z.enum(['python', 'shell', 'typescript'])),
  returns: z.optional(
    z.array(z.union([z.string(), z.object({ name: z.string(), kind: z._default(z.enum(['json', 'metric', 'object']), 'json') })])),
  ),
  secrets: z.optional(z.array(z.string())),
  returns_values: z.optional(z.record(z.string(), z.unknown())),
});

export const mockedConfigSchema = z.looseObject({
  patches: z._default(z.record(z.string(), patchSchema), {}),
});

type Patch = z.infer<typeof patchSchema>;

export class MockedExecutor implements NodeExecutor {
  readonly type = 'mocked';
  readonly maxConcurrency = 1;
  private readonly patches: Record<string, Patch>;

  constructor(config: z.infer<typeof mockedConfigSchema>) {
    this.patches = config.patches;
  }

  executeLeaf(run: RunContext, node: LeafNode, scope: Scope, step: StepLog): Promise<void> {
    const patch = this.patches[node.name]; // the plain name: it matches the step in any branch, as in runnable
    const runs = patch && node.type === 'task' && (patch.command !== undefined || patch.command_type !== undefined);
    if (!runs || node.type !== 'task') {
      const outputs: Parameters = {};
      for (const [k, v] of Object.entries(patch?.returns_values ?? {})) outputs[k] = jsonParameter(v);
      return mockLeaf(run, node, scope, step, outputs);
    }
    const task: TaskSpec = {
      ...node.task,
      ...(patch.command !== undefined && { command: patch.command }),
      ...(patch.command_type !== undefined && { command_type: patch.command_type }),
      ...(patch.returns !== undefined && {
        returns: patch.returns.map((r) => (typeof r === 'string' ? { name: r, kind: 'json' as const } : r)),
      }),
      ...(patch.secrets !== undefined && { secrets: patch.secrets }),
    };
    return runLeaf(run, node, scope, step, { task });
  }
}

/** Every leaf (task or stub) name of a pipeline, in any branch: what a patch may name. */
function leafNames(graph: Graph, out = new Set<string>()): Set<string> {
  for (const n of Object.values(graph.nodes)) {
    if (n.type === 'task' || n.type === 'stub') out.add(n.name);
    for (const g of Object.values(childGraphs(n))) leafNames(g, out);
  }
  return out;
}

/**
 * Patches of a mocked executor configuration that name no task or stub of the pipeline: an error in `execute`
 * as in `validate` (a misspelt patch would otherwise let the real command run). runnable ignores them silently.
 */
export function unknownPatchIssues(
  executor: { type: string; config: Record<string, unknown>; location?: SourceLocation },
  pipeline: Pipeline,
): InputIssue[] {
  if (executor.type !== 'mocked') return [];
  const names = leafNames(pipeline.graph);
  return Object.keys((executor.config.patches ?? {}) as Record<string, unknown>)
    .filter((patch) => !names.has(patch))
    .map((patch) => ({
      location: executor.location,
      message: `the mocked executor patches "${patch}", which is not a task or stub of the pipeline.${didYouMean(patch, names)}`,
      fix: `name a step of the pipeline under \`patches:\` (one of ${[...names].slice(0, 8).join(', ')}${names.size > 8 ? ', …' : ''}), or remove the patch.`,
    }));
}
