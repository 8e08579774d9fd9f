// An SDK pipeline: a list of steps run in order, turned into runnable's plain YAML structure
// (`{dag: {start_at, steps}}`) and built by the same loader as a YAML file, so both are checked alike. runnable's
// SDK rules: each step's `next` is the following one and the last goes to success (unless a step says to
// terminate), names are unique, and `onFailure: Pipeline` adds that pipeline's steps to the step's graph with
// `on_failure` naming its first step.
import path from 'node:path';
import YAML from 'yaml';
import { InvalidInputError, type InputIssue } from '../errors.js';
import { buildPipeline } from '../pipeline/build.js';
import { loadPipelineFile } from '../pipeline/load.js';
import { YamlSource } from '../pipeline/yaml-source.js';
import { childGraphs, type Graph, type Pipeline as PipelineModel } from '../pipeline/model.js';
import { callerFile, executePipeline, type ExecuteOptions, type ExecuteResult } from './execute.js';
import { Fail, Step, Success, type PipelineStep, type StepOptions, type TaskFunction } from './steps.js';

export interface PipelineOptions {
  /** Run in this order; Success or Fail may close the list. */
  steps: PipelineStep[];
  description?: string;
  /** A label for the run log's pipeline_definition_file (`sdk:<name>`); the calling file is used without it. */
  name?: string;
}

/** runnable's YAML structure of a pipeline, as a YAML file holds it. */
export interface PipelineDefinition {
  dag: Record<string, unknown>;
}

interface Compiled {
  definition: PipelineDefinition;
  /** Inline TypeScript functions by the definition-time internal name of their task. */
  fns: globalThis.Map<string, TaskFunction>;
  /** Internal names of the tasks whose function another process can import (`file:name`). */
  exported: Set<string>;
  issues: InputIssue[];
}

const RESERVED = ['success', 'fail'];
const isTerminal = (s: unknown): s is Success | Fail => s instanceof Success || s instanceof Fail;

/** Writes the plain structure. `yaml`: inline functions are problems (YAML cannot hold them). */
function compile(root: Pipeline, mode: 'run' | 'yaml'): Compiled {
  const c = new Compiler(mode);
  const dag = c.graphOf(root, '', 'pipeline');
  return { definition: { dag }, fns: c.fns, exported: c.exported, issues: c.issues };
}

/** What one compilation collects across all its graphs: inline functions, exported ones, problems. */
class Compiler {
  readonly fns = new globalThis.Map<string, TaskFunction>();
  readonly exported = new Set<string>();
  readonly issues: InputIssue[] = [];
  constructor(readonly mode: 'run' | 'yaml') {}

  issue(step: string | undefined, message: string, fix?: string): void {
    this.issues.push({ step: step || undefined, message, fix });
  }

  /** The graph of a (sub-)pipeline under the branch internal name `branch` ('' for the root). */
  graphOf(p: unknown, branch: string, where: string): Record<string, unknown> {
    if (!(p instanceof Pipeline)) {
      this.issue(branch.split('.').slice(0, -1).join('.'), `the ${where} is not a Pipeline.`, 'give `new Pipeline({steps: [...]})`.');
      return { start_at: 'success', steps: {} };
    }
    // a pipeline read from a file (fromYAML) brings its graph as the file wrote it
    if (p.yamlFile) return p.toDefinition().dag;
    return new GraphWriter(this, branch).write(p);
  }

  /** The command written for a TypeScript task's function (recorded for the run). */
  inlineFunction(at: string, fn: TaskFunction, exportedAs: string | undefined): string {
    if (exportedAs) {
      this.exported.add(at);
      if (this.mode === 'yaml') return exportedCommand(exportedAs);
    } else if (this.mode === 'yaml') {
      this.issue(
        at,
        'a TypeScriptTask with an inline function cannot be written as YAML.',
        "give it a named function exported by the module that builds the pipeline, or `command: 'path/module.mjs:exportedFunction'`.",
      );
    }
    this.fns.set(at, fn);
    return `inline:${fn.name || 'anonymous'}`;
  }
}

/** The `next` of a step: where it terminates to, else the following step, else the list's closing node. */
function nextOf(o: StepOptions, following: Step<any> | undefined, closing: Success | Fail | undefined): string {
  if (o.terminateWithFailure) return 'fail';
  if (o.terminateWithSuccess) return 'success';
  if (following) return following.name;
  return closing instanceof Fail ? 'fail' : 'success';
}

/** One graph: a pipeline's steps linked in order, then the steps of its failure pipelines (at any depth). */
class GraphWriter {
  private readonly steps: Record<string, unknown> = {};
  private readonly attached = new Set<Pipeline>();
  private readonly pending: Pipeline[] = [];
  constructor(
    private readonly c: Compiler,
    private readonly branch: string,
  ) {}

  write(p: Pipeline): Record<string, unknown> {
    const startAt = this.sequence(p.steps);
    // failure pipelines join this graph (and theirs too, at any depth)
    for (let f = this.pending.shift(); f; f = this.pending.shift()) this.sequence(f.steps);
    return { ...(p.description ? { description: p.description } : {}), start_at: startAt ?? 'success', steps: this.steps };
  }

  private internal(name: string): string {
    return this.branch ? `${this.branch}.${name}` : name;
  }

  /** Adds a list of steps; returns the name of its first. */
  private sequence(list: readonly PipelineStep[]): string | undefined {
    if (!Array.isArray(list)) {
      this.c.issue(this.branch, '`steps` must be a list of steps.');
      return undefined;
    }
    const last = list.at(-1);
    const closing = isTerminal(last) ? last : undefined;
    const real = closing ? list.slice(0, -1) : [...list];
    if (!real.length) {
      this.c.issue(
        this.branch,
        'a pipeline needs at least one step (Success and Fail only close a list).',
        'add a step, for example `new Stub({name: "nothing"})`.',
      );
      return undefined;
    }
    const valid = this.validSteps(real);
    valid.forEach((step, i) => this.add(step, valid[i + 1], closing));
    return valid[0]?.name;
  }

  /** Items that cannot be steps are reported and left out; the others are linked in order among themselves. */
  private validSteps(real: readonly PipelineStep[]): Step<any>[] {
    const valid: Step<any>[] = [];
    real.forEach((item, i) => {
      const problem = this.itemProblem(item, i, valid);
      if (problem) this.c.issue(...problem);
      else valid.push(item as Step<any>);
    });
    return valid;
  }

  /** Why item `i` of a list cannot be a step here: [step, message, fix], or undefined. */
  private itemProblem(item: PipelineStep, i: number, valid: Step<any>[]): [string, string, string] | undefined {
    if (isTerminal(item)) {
      const which = item instanceof Success ? 'Success' : 'Fail';
      const fix = 'move it to the end of the list, or use terminateWithSuccess / terminateWithFailure on a step.';
      return [this.branch, `${which} can only be the last of the steps.`, fix];
    }
    if (!(item instanceof Step)) {
      const fix = 'use ShellTask, PythonTask, TypeScriptTask, Stub, Parallel, Map, Conditional or Loop.';
      return [this.branch, `item ${i + 1} of the steps is not a step (${typeof item}).`, fix];
    }
    const name = item.name;
    if (typeof name !== 'string' || !name) return [this.branch, `item ${i + 1} of the steps has no name.`, 'give every step a `name`.'];
    if (RESERVED.includes(name)) {
      const ending = name === 'success' ? 'WithSuccess or Success' : 'WithFailure or Fail';
      const fix = `rename the step; to end the pipeline, use terminate${ending}.`;
      return [this.internal(name), `"${name}" is the name of the terminal node every pipeline has.`, fix];
    }
    if (name in this.steps || valid.some((v) => v.name === name)) {
      const message = `the step name "${name}" is used twice in the same pipeline (failure pipelines included).`;
      return [this.internal(name), message, 'give each step a unique name.'];
    }
    return undefined;
  }

  /** Writes one valid step, linked to the one after it (or the list's end). */
  private add(step: Step<any>, following: Step<any> | undefined, closing: Success | Fail | undefined): void {
    const at = this.internal(step.name);
    const o = step.options as StepOptions;
    this.checkTermination(at, o, following, closing);
    const onFailure = this.failureTarget(at, o.onFailure);
    const { type, branch, branches, ...rest } = step.write({
      internalName: at,
      branch: (sub, name, where) => this.c.graphOf(sub, name, `${where} of step "${at}"`),
      issue: (message, fix) => this.c.issue(at, message, fix),
      inlineFunction: (fn, exportedAs) => this.c.inlineFunction(at, fn, exportedAs),
    });
    this.steps[step.name] = {
      type,
      ...rest,
      next: nextOf(o, following, closing),
      ...(onFailure !== undefined ? { on_failure: onFailure } : {}),
      ...(branch !== undefined ? { branch } : {}),
      ...(branches !== undefined ? { branches } : {}),
    };
  }

  /** A step that terminates the pipeline must be its last. */
  private checkTermination(at: string, o: StepOptions, following: Step<any> | undefined, closing: Success | Fail | undefined): void {
    if (o.terminateWithSuccess && o.terminateWithFailure) {
      this.c.issue(
        at,
        'a step cannot terminate with both success and failure.',
        'keep one of terminateWithSuccess and terminateWithFailure.',
      );
    }
    if ((o.terminateWithSuccess || o.terminateWithFailure) && (following || closing)) {
      this.c.issue(
        at,
        `the step terminates the pipeline, so what follows it (${following ? `"${following.name}"` : closing!.name}) would never run.`,
        'make it the last step, or move the steps after it into an onFailure pipeline.',
      );
    }
  }

  /** The first step of the onFailure pipeline (whose steps join this graph once), or undefined. */
  private failureTarget(at: string, f: unknown): string | undefined {
    if (f === undefined) return undefined;
    if (!(f instanceof Pipeline)) {
      this.c.issue(
        at,
        '`onFailure` is not a Pipeline.',
        'give `onFailure: new Pipeline({steps: [...]})`: its first step runs when this one fails.',
      );
      return undefined;
    }
    if (!this.attached.has(f)) {
      this.attached.add(f);
      this.pending.push(f);
    }
    const first = f.steps[0];
    return first && !isTerminal(first) ? first.name : undefined;
  }
}

/** `file:name` with the file relative to the working directory when it is inside it (containers mount it). */
function exportedCommand(exportedAs: string): string {
  const colon = exportedAs.lastIndexOf(':');
  const file = exportedAs.slice(0, colon);
  const rel = path.relative(process.cwd(), file);
  return `${rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file}:${exportedAs.slice(colon + 1)}`;
}

function attachFunctions(graph: Graph, fns: globalThis.Map<string, TaskFunction>): void {
  for (const node of Object.values(graph.nodes)) {
    if (node.type === 'task' && node.task.command_type === 'typescript') {
      const fn = fns.get(node.internalName);
      if (fn) node.fn = fn;
    }
    for (const g of Object.values(childGraphs(node))) attachFunctions(g, fns);
  }
}

function inlineTasks(graph: Graph, exported: Set<string>, out: string[] = []): string[] {
  for (const node of Object.values(graph.nodes)) {
    if (node.type === 'task' && node.fn && !exported.has(node.internalName)) out.push(node.internalName);
    for (const g of Object.values(childGraphs(node))) inlineTasks(g, exported, out);
  }
  return out;
}

/** A pipeline built in code. Checked when constructed: a problem throws InvalidInputError naming the step. */
export class Pipeline {
  readonly steps: readonly PipelineStep[];
  readonly description: string;
  readonly name: string;
  /** The validated model the engine runs (graph, dag hash), the same a YAML file gives. */
  readonly model: PipelineModel;
  private readonly exported: Set<string>;
  /** Set by fromYAML: the file and its plain structure. */
  private readonly fromFile?: { file: string; definition: PipelineDefinition };

  constructor(options: PipelineOptions) {
    this.steps = Object.freeze([...(Array.isArray(options?.steps) ? options.steps : [])]);
    this.description = options?.description ?? '';
    this.name = options?.name ?? '';
    if (!Array.isArray(options?.steps)) {
      throw new InvalidInputError('invalid pipeline', [
        { message: '`steps` must be a list of steps.', fix: 'write `new Pipeline({steps: [...]})`.' },
      ]);
    }
    const c = compile(this, 'run');
    let model: PipelineModel | undefined;
    try {
      model = buildPipeline(c.definition, '');
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      // every problem at once; a step the SDK already reported is not reported again by the loader
      const reported = new Set(c.issues.map((i) => i.step));
      c.issues.push(...e.issues.filter((i) => !i.step || !reported.has(i.step)));
    }
    if (c.issues.length || !model) throw new InvalidInputError('invalid pipeline', c.issues);
    this.model = model;
    this.exported = c.exported;
    attachFunctions(this.model.graph, c.fns);
  }

  /**
   * A pipeline from a runnable YAML file: the same graph, dag hash and run log as `runnable execute FILE`.
   * Its steps are not SDK objects (a YAML graph need not be a list); `toYAML()` gives the file's pipeline back.
   */
  static fromYAML(file: string): Pipeline {
    const model = loadPipelineFile(file);
    const definition = YamlSource.fromFile(file, 'pipeline').data as PipelineDefinition;
    const p = Object.create(Pipeline.prototype) as Pipeline;
    Object.assign(p, {
      steps: Object.freeze([]),
      description: model.graph.description ?? '',
      name: path.basename(file),
      model,
      exported: new Set(),
    });
    Object.defineProperty(p, 'fromFile', { value: { file, definition } });
    return p;
  }

  /** runnable's spelling of `fromYAML`. */
  static fromYaml(file: string): Pipeline {
    return Pipeline.fromYAML(file);
  }

  /** The YAML file the pipeline was read from (fromYAML), else undefined. */
  get yamlFile(): string | undefined {
    return this.fromFile?.file;
  }

  /** The validated graph. */
  get graph(): Graph {
    return this.model.graph;
  }

  /** runnable's dag_hash of this pipeline (the same as the equivalent YAML file's). */
  get dagHash(): string {
    return this.model.dagHash;
  }

  /** Internal names of the TypeScript tasks whose function only this process can call (unnamed, or built outside a file). */
  get inlineTasks(): string[] {
    return inlineTasks(this.model.graph, this.exported);
  }

  /** runnable's plain structure; an inline TypeScript function shows as `command: inline:<function name>`. */
  toDefinition(): PipelineDefinition {
    if (this.fromFile) return structuredClone(this.fromFile.definition);
    return compile(this, 'run').definition;
  }

  /**
   * The pipeline as runnable YAML. A TypeScriptTask's named function is written as `command: <file>:<name>` (the
   * module that built the task must export it); an anonymous one cannot be written: InvalidInputError.
   */
  toYAML(): string {
    return this.toYaml();
  }

  /** The same as `toYAML()`. */
  toYaml(): string {
    if (this.fromFile) return YAML.stringify(this.fromFile.definition, { aliasDuplicateObjects: false, lineWidth: 0 });
    const c = compile(this, 'yaml');
    if (c.issues.length) throw new InvalidInputError('cannot write YAML', c.issues);
    return YAML.stringify(c.definition, { aliasDuplicateObjects: false, lineWidth: 0 });
  }

  /** Runs the pipeline with the services of the configuration, as `runnable execute` does. */
  execute(options: ExecuteOptions = {}): Promise<ExecuteResult> {
    return executePipeline(this, options, callerFile());
  }
}
