// Builds the pipeline model from runnable's YAML structure (already parsed), collecting every problem of the
// file at once. The SDK produces the same plain structure and goes through here too, so both are checked alike.
import type { ZodError } from '../util/zod.js';
import * as z from '../util/zod.js';
import { InvalidInputError, type InputIssue } from '../errors.js';
import { didYouMean } from '../util/suggest.js';
import { checkGraph } from './graph-checks.js';
import { dagHash } from './dag-hash.js';
import {
  LOOP_PLACEHOLDER,
  MAP_PLACEHOLDER,
  type CatalogSpec,
  type CommandType,
  type Graph,
  type LoopNode,
  type MapNode,
  type Pipeline,
  type PipelineNode,
  type ReturnSpec,
  type SourceLocation,
  type StubNode,
  type TaskNode,
} from './model.js';
import {
  IDENTIFIER,
  NODE_SCHEMAS,
  graphSchema,
  keysOf,
  type loopSchema,
  type mapSchema,
  type stubSchema,
  type taskSchema,
  type YamlNodeType,
} from './schema.js';
import type { YamlPath } from './yaml-source.js';
import { validateCatalogPattern } from './catalog-patterns.js';
import { isPrototypeName } from './names.js';
import { unreachable } from '../util/unreachable.js';

export type Locator = (path: YamlPath, opts?: { key?: boolean }) => SourceLocation | undefined;

/** A step as its type's schema gives it back: `type` tells which. */
type StepData = z.infer<(typeof NODE_SCHEMAS)[YamlNodeType]>;

/** What every node has, whatever its type. */
type NodeFields = Pick<TaskNode, 'name' | 'internalName' | 'next' | 'onFailure' | 'overrides' | 'location'>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Builder {
  readonly issues: InputIssue[] = [];
  /** Steps already reported and left out, by branch internal name: references to them are not reported again. */
  readonly invalidSteps = new Map<string, Set<string>>();
  /** iterate_as names of the maps enclosing the graph being built: an inner map must not reuse one. */
  private readonly mapVariables: string[] = [];
  constructor(private readonly locate: Locator) {}

  issue(path: YamlPath, message: string, fix?: string, opts: { step?: string; key?: boolean } = {}) {
    this.issues.push({ location: this.locate(path, { key: opts.key }), step: opts.step, message, fix });
  }

  zodIssues(path: YamlPath, error: ZodError, step: string, type: YamlNodeType) {
    for (const zi of error.issues) {
      const at = [...path, ...(zi.path as (string | number)[])];
      if (zi.code === 'unrecognized_keys') {
        for (const key of zi.keys) {
          this.issue(
            [...at, key],
            `"${key}" is not a key of a ${type} step.${didYouMean(key, keysOf(type))}`,
            `remove it; a ${type} step takes ${keysOf(type).join(', ')}.`,
            { step, key: true },
          );
        }
      } else if (zi.code === 'invalid_type' && zi.input === undefined) {
        const key = String(zi.path[zi.path.length - 1] ?? '');
        this.issue(at, `the ${type} step has no "${key}", which is required.`, `add "${key}:" to the step.`, { step });
      } else {
        const key = zi.path.length ? `"${zi.path.join('.')}" ` : '';
        this.issue(at, `${key}${zi.message}.`.replace(/\.\.$/, '.'), undefined, { step });
      }
    }
  }

  graph(raw: unknown, path: YamlPath, branchName: string): Graph | undefined {
    if (!isRecord(raw)) {
      this.issue(path, 'a graph must be a mapping with start_at and steps.', 'write `start_at: <first step>` and `steps: {...}` here.');
      return undefined;
    }
    // a record schema drops a `__proto__` key without a word: name it here, at its line
    if (isRecord(raw.steps) && Object.hasOwn(raw.steps, '__proto__')) {
      this.issue(
        [...path, 'steps', '__proto__'],
        '"__proto__" cannot name a step: it is a name every JavaScript object has.',
        'rename the step.',
        {
          key: true,
        },
      );
      return undefined;
    }
    const parsed = z.safeParse(graphSchema, raw, { reportInput: true });
    if (!parsed.success) {
      this.graphIssues(path, parsed.error);
      return undefined;
    }
    const g = parsed.data;
    const graph: Graph = {
      internalBranchName: branchName,
      startAt: g.start_at,
      description: g.description ?? '',
      // no inherited keys: a `next: toString` must find no step, not Object.prototype's
      nodes: Object.create(null) as Graph['nodes'],
      location: this.locate(path),
    };
    for (const [name, rawNode] of Object.entries(g.steps)) {
      const node = this.node(name, rawNode, [...path, 'steps', name], branchName);
      if (node) graph.nodes[name] = node;
      else if (name !== 'success' && name !== 'fail') {
        if (!this.invalidSteps.has(branchName)) this.invalidSteps.set(branchName, new Set());
        this.invalidSteps.get(branchName)!.add(name);
      }
    }
    // Implicit terminal nodes in every graph (explicit ones of the same names are replaced).
    for (const t of ['success', 'fail'] as const) {
      graph.nodes[t] = {
        type: t,
        name: t,
        internalName: branchName ? `${branchName}.${t}` : t,
        next: '',
        onFailure: '',
        overrides: {},
      };
    }
    return graph;
  }

  /** A graph's own keys (start_at, steps, description) that its schema refused. */
  private graphIssues(path: YamlPath, error: ZodError): void {
    for (const zi of error.issues) {
      if (zi.code === 'unrecognized_keys') {
        for (const k of zi.keys)
          this.issue(
            [...path, k],
            `"${k}" is not a key of a graph.${didYouMean(k, ['start_at', 'steps', 'description'])}`,
            'a graph takes start_at, steps and description.',
            { key: true },
          );
      } else {
        const key = String(zi.path[0] ?? '');
        this.issue(
          [...path, ...(zi.path as (string | number)[])],
          zi.input === undefined ? `the graph has no "${key}", which is required.` : `"${key}" ${zi.message}.`,
          key === 'start_at' ? 'name the first step: `start_at: <step name>`.' : undefined,
        );
      }
    }
  }

  node(name: string, raw: unknown, path: YamlPath, branchName: string): PipelineNode | undefined {
    const internalName = branchName ? `${branchName}.${name}` : name;
    this.checkStepName(name, path, internalName);
    const d = this.parseStep(name, raw, path, internalName);
    if (!d) return undefined;
    const base: NodeFields = {
      name,
      internalName,
      next: 'next' in d ? d.next : '',
      onFailure: 'on_failure' in d ? d.on_failure : '',
      overrides: 'overrides' in d ? d.overrides : {},
      location: this.locate(path),
    };
    switch (d.type) {
      case 'success':
      case 'fail':
        return undefined; // replaced by the implicit node
      case 'task':
        return this.taskNode(d, base, path);
      case 'stub':
        return this.stubNode(d, base, path);
      case 'parallel':
        return { ...base, type: 'parallel', branches: this.branches(d, path, internalName) };
      case 'conditional':
        return { ...base, type: 'conditional', parameter: d.parameter, branches: this.branches(d, path, internalName) };
      case 'map':
        return this.mapNode(d, base, path);
      case 'loop':
        return this.loopNode(d, base, path);
      default:
        return unreachable(d, 'node type');
    }
  }

  /** A step name runnable could not use in internal names or file names (reported; the step is still built). */
  private checkStepName(name: string, path: YamlPath, step: string): void {
    if (name.includes('.') || name.includes('%')) {
      this.issue(
        path,
        `the step name "${name}" contains "${name.includes('.') ? '.' : '%'}", which runnable uses in internal names.`,
        `rename the step without "." and "%" (for example "${name.replace(/[.%]/g, '_')}").`,
        { key: true, step },
      );
    } else if (/[/\\]/.test(name)) {
      this.issue(
        path,
        `the step name "${name}" contains "/" or "\\", which cannot be part of a file name (execution logs are named after steps).`,
        `rename the step (for example "${name.replace(/[/\\]/g, '_')}").`,
        { key: true, step },
      );
    } else if (isPrototypeName(name)) {
      this.issue(path, `"${name}" cannot name a step: it is a name every JavaScript object has.`, 'rename the step.', { key: true, step });
    }
  }

  /** The step checked against the schema of its type, or undefined (reported). */
  private parseStep(name: string, raw: unknown, path: YamlPath, step: string): StepData | undefined {
    if (!isRecord(raw)) {
      this.issue(path, 'a step must be a mapping with at least "type" and "next".', undefined, { step });
      return undefined;
    }
    const type = raw.type;
    if (typeof type !== 'string' || !(type in NODE_SCHEMAS)) {
      this.issue(
        [...path, 'type'],
        type === undefined
          ? 'the step has no "type".'
          : `"${String(type)}" is not a node type.${didYouMean(String(type), Object.keys(NODE_SCHEMAS))}`,
        'use one of task, stub, parallel, map, conditional, loop, success, fail.',
        { step },
      );
      return undefined;
    }
    const t = type as YamlNodeType;
    if ((t === 'success' || t === 'fail') && name !== t) {
      this.issue(
        path,
        `a ${t} node must be named "${t}" (every graph has one implicitly).`,
        `remove this step and point \`next\` at "${t}".`,
        {
          key: true,
          step,
        },
      );
      return undefined;
    }
    // reportInput: without it zod 4 leaves `input` off issues, and a wrong value would read as a missing one
    const parsed = z.safeParse(NODE_SCHEMAS[t] as z.ZodMiniType<StepData>, raw, { reportInput: true });
    if (!parsed.success) {
      this.zodIssues(path, parsed.error, step, t);
      return undefined;
    }
    return parsed.data;
  }

  private taskNode(d: z.infer<typeof taskSchema>, base: NodeFields, path: YamlPath): TaskNode | undefined {
    const step = base.internalName;
    const commandType = d.command_type;
    if (commandType === 'async-python') {
      this.issue(
        [...path, 'command_type'],
        `${commandType} tasks are not supported by runnable for TypeScript.`,
        'call a synchronous python function (`command_type: python`), which may run its own event loop with asyncio.run.',
        { step },
      );
      return undefined;
    }
    const returns = this.returns(d.returns, [...path, 'returns'], step);
    this.checkTaskCommand(commandType, d.command, returns, path, step);
    return {
      ...base,
      type: 'task',
      task: { command_type: commandType, command: d.command, returns, secrets: d.secrets },
      catalog: this.catalog(d.catalog, [...path, 'catalog'], step),
      maxAttempts: d.max_attempts,
    };
  }

  /** What a command of this type can be and return. */
  private checkTaskCommand(commandType: CommandType, command: string, returns: ReturnSpec[], path: YamlPath, step: string): void {
    if (commandType === 'shell' && returns.some((r) => r.kind === 'object')) {
      this.issue(
        [...path, 'returns'],
        'a shell task cannot return an object: it can only export text.',
        'use kind json or metric, or return the object from a python task.',
        { step },
      );
    }
    // module parts need not be identifiers (`examples.09-retry.linear.check`): importlib takes them, as in runnable
    if (commandType === 'python' && !/^([^.\s/\\:]+\.)+[A-Za-z_]\w*$/.test(command)) {
      this.issue(
        [...path, 'command'],
        `"${command}" is not a dotted path to a python function.`,
        'write `command: package.module.function`, or set `command_type: shell` for a shell command.',
        { step },
      );
    }
    if (commandType === 'notebook' && !command.endsWith('.ipynb')) {
      this.issue(
        [...path, 'command'],
        `"${command}" is not a notebook: a notebook task's command is the path of a .ipynb file.`,
        'write `command: path/to/notebook.ipynb` (relative to the working directory).',
        { step },
      );
    }
    for (const r of returns) {
      if (commandType === 'shell' && !IDENTIFIER.test(r.name)) {
        this.issue(
          [...path, 'returns'],
          `the return "${r.name}" is not a valid environment variable name, so a shell task cannot export it.`,
          'use letters, digits and underscores, not starting with a digit.',
          { step },
        );
      }
    }
  }

  private stubNode(d: z.infer<typeof stubSchema>, base: NodeFields, path: YamlPath): StubNode {
    const { type: _t, next: _n, on_failure: _o, overrides: _ov, catalog: _c, max_attempts: _m, ...extras } = d;
    return {
      ...base,
      type: 'stub',
      catalog: this.catalog(d.catalog, [...path, 'catalog'], base.internalName),
      maxAttempts: d.max_attempts,
      extras,
    };
  }

  /** The branches of a parallel or conditional step, each built as a graph of its own. */
  private branches(d: { type: 'parallel' | 'conditional'; branches: Record<string, unknown> }, path: YamlPath, step: string) {
    const branches: Record<string, Graph> = {};
    if (!Object.keys(d.branches).length) {
      this.issue([...path, 'branches'], `a ${d.type} step needs at least one branch.`, undefined, { step });
    }
    for (const [key, g] of Object.entries(d.branches)) {
      this.checkBranchKey(key, [...path, 'branches', key], step);
      const graph = this.graph(g, [...path, 'branches', key], `${step}.${key}`);
      if (graph) branches[key] = graph;
    }
    return branches;
  }

  private checkBranchKey(key: string, path: YamlPath, step: string): void {
    if (/[.%]/.test(key)) {
      this.issue(path, `the branch name "${key}" contains "." or "%", which runnable uses in internal names.`, 'rename the branch.', {
        key: true,
        step,
      });
    } else if (isPrototypeName(key)) {
      this.issue(path, `"${key}" cannot name a branch: it is a name every JavaScript object has.`, 'rename the branch.', {
        key: true,
        step,
      });
    } else if (/[/\\]/.test(key)) {
      this.issue(
        path,
        `the branch name "${key}" contains "/" or "\\", which cannot be part of a file name (the chunked-fs store writes one file per branch).`,
        'rename the branch.',
        { key: true, step },
      );
    }
  }

  private mapNode(d: z.infer<typeof mapSchema>, base: NodeFields, path: YamlPath): MapNode | undefined {
    const step = base.internalName;
    if (this.mapVariables.includes(d.iterate_as)) {
      // one name cannot hold two items: the outer item would be lost and the step names left unresolved
      this.issue(
        [...path, 'iterate_as'],
        `iterate_as "${d.iterate_as}" is already the item of an enclosing map.`,
        'give the inner map another iterate_as name.',
        { step },
      );
    }
    this.mapVariables.push(d.iterate_as);
    const branch = this.graph(d.branch, [...path, 'branch'], `${step}.${MAP_PLACEHOLDER}`);
    this.mapVariables.pop();
    if (!branch) return undefined;
    if (!IDENTIFIER.test(d.iterate_as) || isPrototypeName(d.iterate_as)) {
      this.issue([...path, 'iterate_as'], `"${d.iterate_as}" is not a valid parameter name.`, 'use letters, digits and underscores.', {
        step,
      });
    }
    return { ...base, type: 'map', iterateOn: d.iterate_on, iterateAs: d.iterate_as, reducer: d.reducer, branch };
  }

  private loopNode(d: z.infer<typeof loopSchema>, base: NodeFields, path: YamlPath): LoopNode | undefined {
    const step = base.internalName;
    const branch = this.graph(d.branch, [...path, 'branch'], `${step}.${LOOP_PLACEHOLDER}`);
    if (!branch) return undefined;
    if (!IDENTIFIER.test(d.index_as)) {
      this.issue(
        [...path, 'index_as'],
        `"${d.index_as}" is not a valid environment variable name.`,
        'use letters, digits and underscores.',
        {
          step,
        },
      );
    }
    return { ...base, type: 'loop', maxIterations: d.max_iterations, breakOn: d.break_on, indexAs: d.index_as, branch };
  }

  returns(raw: Array<string | { name: string; kind: 'json' | 'metric' | 'object' }>, path: YamlPath, step: string): ReturnSpec[] {
    const out: ReturnSpec[] = [];
    const seen = new Set<string>();
    raw.forEach((r, i) => {
      const spec: ReturnSpec = typeof r === 'string' ? { name: r, kind: 'json' } : { name: r.name, kind: r.kind };
      if (seen.has(spec.name)) this.issue([...path, i], `"${spec.name}" is returned twice.`, 'remove the duplicate.', { step });
      if (isPrototypeName(spec.name)) {
        this.issue([...path, i], `"${spec.name}" cannot name a return: it is a name every JavaScript object has.`, 'rename it.', { step });
      }
      seen.add(spec.name);
      out.push(spec);
    });
    return out;
  }

  catalog(raw: CatalogSpec | undefined, path: YamlPath, step: string): CatalogSpec | undefined {
    if (!raw) return undefined;
    for (const stage of ['get', 'put'] as const) {
      raw[stage].forEach((pattern, i) => {
        const problem = validateCatalogPattern(pattern);
        if (problem) this.issue([...path, stage, i], problem.message, problem.fix, { step });
      });
    }
    return raw;
  }
}

/** Builds and checks a pipeline from the parsed YAML document (`{dag: {...}}`). Throws InvalidInputError. */
export function buildPipeline(data: unknown, file: string, locate: Locator = () => undefined): Pipeline {
  const b = new Builder(locate);
  if (!isRecord(data) || !('dag' in data)) {
    throw new InvalidInputError('invalid pipeline', [
      {
        location: locate([]) ?? { file, line: 1, col: 1 },
        message: 'the pipeline file has no top-level "dag" key.',
        fix: 'put the pipeline under `dag:` with `start_at` and `steps`.',
      },
    ]);
  }
  const graph = b.graph(data.dag, ['dag'], '');
  if (graph) {
    for (const gi of checkGraph(graph, ['dag'], b.invalidSteps)) b.issue(gi.path, gi.message, gi.fix, { step: gi.step, key: gi.key });
  }
  if (b.issues.length || !graph) throw new InvalidInputError('invalid pipeline', b.issues);
  return { graph, file, dagHash: dagHash(graph) };
}
