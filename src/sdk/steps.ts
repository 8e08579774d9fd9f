// The steps of an SDK pipeline (runnable's Python SDK, in TypeScript idiom). A step only describes itself: each
// turns into runnable's plain YAML structure for one step (see definition.ts), which goes through the same
// loader as a YAML file. Linking (`next`, `on_failure`) is the pipeline's business, done from the list order.
import { LOOP_PLACEHOLDER, MAP_PLACEHOLDER, type ReturnKind, type ReturnSpec } from '../pipeline/model.js';
import type { Pipeline } from './pipeline.js';

/** A TypeScript task's function: called in-process with an object of every parameter (and map item). */
export type TaskFunction = (params: any) => unknown;

/** What a task gives back: a name (a json parameter) or `{name, kind}`; see `metric()` and `object()`. */
export type TaskReturn = string | ReturnSpec;

const returnOf = (name: string, kind: ReturnKind): ReturnSpec => ({ name, kind });
/** A json return (the default for a plain name). */
export const json = (name: string): ReturnSpec => returnOf(name, 'json');
/** A return recorded as a metric (`user_defined_metrics` of the attempt). */
export const metric = (name: string): ReturnSpec => returnOf(name, 'metric');
/** A python object, pickled into the catalog (python tasks only). */
export const object = (name: string): ReturnSpec => returnOf(name, 'object');
/** runnable's name for `object()`. */
export const pickled = object;

export interface CatalogOptions {
  /** Glob patterns to copy from the run's catalog into the compute data folder before the step. */
  get?: string[];
  /** Glob patterns to copy from the compute data folder into the run's catalog after the step. */
  put?: string[];
  /** false: record the files' hashes without copying them (runnable's `store_copy`). */
  storeCopy?: boolean;
}

export interface StepOptions {
  /** Unique within its pipeline (failure pipelines included); no "." or "%"; not "success" or "fail". */
  name: string;
  /** End the pipeline with success after this step (only the last step of a list may terminate). */
  terminateWithSuccess?: boolean;
  /** End the pipeline with failure after this step (only the last step of a list may terminate). */
  terminateWithFailure?: boolean;
  /** Where to go when this step fails: the pipeline's steps join this graph and `on_failure` names its first. */
  onFailure?: Pipeline;
  /** executor service name -> override key (runnable's `overrides`). */
  overrides?: Record<string, string>;
}

export interface LeafStepOptions extends StepOptions {
  catalog?: CatalogOptions;
  /** How often the step is tried before it fails (default 1). */
  maxAttempts?: number;
}

export interface TaskOptions extends LeafStepOptions {
  returns?: TaskReturn[];
  /** Secrets the task may read (as environment variables). */
  secrets?: string[];
}

export interface ShellTaskOptions extends TaskOptions {
  /** A /bin/sh script; `export name=value` returns a declared value. */
  command: string;
}

export interface PythonTaskOptions extends TaskOptions {
  /** Dotted path of the function, `package.module.function`, importable from the compute data folder. */
  function: string;
}

export interface TypeScriptTaskOptions extends TaskOptions {
  /** The function itself, called in this process (cannot be written as YAML nor run out of process). */
  fn?: TaskFunction;
  /** Or `path/module.mjs:exportName` (compiled JavaScript, relative to the compute data folder), as in YAML. */
  command?: string;
}

export interface ParallelOptions extends StepOptions {
  branches: Record<string, Pipeline>;
}

export interface MapOptions extends StepOptions {
  /** The parameter holding the list to iterate on. */
  iterateOn: string;
  /** The name each item is given to the branch's tasks under. */
  iterateAs: string;
  /** max, min, sum, first, last, concat, a python lambda string or a dotted path (default: the list of values). */
  reducer?: string;
  branch: Pipeline;
}

export interface ConditionalOptions extends StepOptions {
  /** The parameter whose value (as text) names the branch to run. */
  parameter: string;
  branches: Record<string, Pipeline>;
}

export interface LoopOptions extends StepOptions {
  branch: Pipeline;
  maxIterations: number;
  /** A boolean parameter: the loop ends after an iteration that sets it true. */
  breakOn: string;
  /** The environment variable holding the 0-based iteration index. */
  indexAs: string;
}

/** Turns a sub-pipeline into a graph definition under a branch internal name (supplied by definition.ts). */
export type BranchWriter = (pipeline: unknown, branchName: string, where: string) => Record<string, unknown>;

/** What a step needs from the pipeline that writes it. */
export interface WriteContext {
  /** The step's internal name at definition time. */
  internalName: string;
  branch: BranchWriter;
  /** Records an inline function for the task of this internal name; returns the command written for it. */
  inlineFunction(fn: TaskFunction): string;
  /** Reports a problem of this step. */
  issue(message: string, fix?: string): void;
}

const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Any step of a pipeline (everything but Success and Fail). */
export abstract class Step<O extends StepOptions = StepOptions> {
  readonly name: string;
  readonly options: Readonly<O>;
  constructor(options: O) {
    this.options = Object.freeze({ ...options });
    this.name = options?.name;
  }
  get terminateWithSuccess(): boolean {
    return !!this.options.terminateWithSuccess;
  }
  get terminateWithFailure(): boolean {
    return !!this.options.terminateWithFailure;
  }
  get onFailure(): Pipeline | undefined {
    return this.options.onFailure;
  }
  /** The step's own keys in runnable's YAML (no `next` / `on_failure`: the pipeline adds them). */
  abstract write(ctx: WriteContext): Record<string, unknown>;
  protected common(): Record<string, unknown> {
    return defined({ overrides: this.options.overrides });
  }
}

function catalogOf(c: CatalogOptions | undefined): Record<string, unknown> | undefined {
  if (!c) return undefined;
  return defined({ get: c.get, put: c.put, store_copy: c.storeCopy });
}

function returnsOf(r: TaskReturn[] | undefined): unknown[] | undefined {
  return r?.map((x) => (typeof x === 'object' && x !== null && x.kind === 'json' ? x.name : x));
}

abstract class LeafStep<O extends LeafStepOptions> extends Step<O> {
  protected leaf(): Record<string, unknown> {
    return defined({ ...this.common(), catalog: catalogOf(this.options.catalog), max_attempts: this.options.maxAttempts });
  }
}

abstract class BaseTask<O extends TaskOptions> extends LeafStep<O> {
  protected task(commandType: string, command: unknown): Record<string, unknown> {
    return defined({
      type: 'task',
      command_type: commandType,
      command,
      returns: returnsOf(this.options.returns),
      secrets: this.options.secrets,
      ...this.leaf(),
    });
  }
}

/** A shell script (`command_type: shell`). */
export class ShellTask extends BaseTask<ShellTaskOptions> {
  write(): Record<string, unknown> {
    return this.task('shell', this.options.command);
  }
}

/** A python function, by dotted path (`command_type: python`), run in the python worker pool. */
export class PythonTask extends BaseTask<PythonTaskOptions> {
  write(ctx: WriteContext): Record<string, unknown> {
    if (this.options.function === undefined)
      ctx.issue('a PythonTask needs `function`, the dotted path of a python function.', "write `function: 'package.module.function'`.");
    return this.task('python', this.options.function);
  }
}

/** A TypeScript/JavaScript function (`command_type: typescript`), called in-process. */
export class TypeScriptTask extends BaseTask<TypeScriptTaskOptions> {
  write(ctx: WriteContext): Record<string, unknown> {
    const { fn, command } = this.options;
    if ((fn === undefined) === (command === undefined)) {
      ctx.issue(
        `a TypeScriptTask takes ${fn === undefined ? 'a function' : 'only one of the two'}: \`fn\` (called in this process) or \`command\` ("path/module.mjs:exportedFunction").`,
      );
    } else if (fn !== undefined && typeof fn !== 'function') {
      ctx.issue(`\`fn\` is not a function (${typeof fn}).`, 'give the function itself, or `command: "path/module.mjs:exportedFunction"`.');
    }
    return this.task('typescript', typeof fn === 'function' && command === undefined ? ctx.inlineFunction(fn) : (command ?? 'missing'));
  }
  /** True when the task carries its function (and so runs only in this process). */
  get inline(): boolean {
    return typeof this.options.fn === 'function';
  }
}

/** Does nothing and succeeds (`type: stub`). */
export class Stub extends LeafStep<LeafStepOptions> {
  write(): Record<string, unknown> {
    return { type: 'stub', ...this.leaf() };
  }
}

/** Runs every branch (`type: parallel`). */
export class Parallel extends Step<ParallelOptions> {
  write(ctx: WriteContext): Record<string, unknown> {
    const branches = Object.fromEntries(
      Object.entries(this.options.branches ?? {}).map(([k, p]) => [k, ctx.branch(p, `${ctx.internalName}.${k}`, `branch "${k}"`)]),
    );
    return { type: 'parallel', ...this.common(), branches };
  }
}

/** Runs the branch once per item of a list parameter (`type: map`). */
export class Map extends Step<MapOptions> {
  write(ctx: WriteContext): Record<string, unknown> {
    const o = this.options;
    return defined({
      type: 'map',
      ...this.common(),
      iterate_on: o.iterateOn,
      iterate_as: o.iterateAs,
      reducer: o.reducer,
      branch: ctx.branch(o.branch, `${ctx.internalName}.${MAP_PLACEHOLDER}`, 'branch'),
    });
  }
}

/** Runs the branch named by a parameter's value (`type: conditional`). */
export class Conditional extends Step<ConditionalOptions> {
  write(ctx: WriteContext): Record<string, unknown> {
    const branches = Object.fromEntries(
      Object.entries(this.options.branches ?? {}).map(([k, p]) => [k, ctx.branch(p, `${ctx.internalName}.${k}`, `branch "${k}"`)]),
    );
    return { type: 'conditional', ...this.common(), parameter: this.options.parameter, branches };
  }
}

/** Runs the branch again until `breakOn` is true or `maxIterations` is reached (`type: loop`). */
export class Loop extends Step<LoopOptions> {
  write(ctx: WriteContext): Record<string, unknown> {
    const o = this.options;
    return defined({
      type: 'loop',
      ...this.common(),
      max_iterations: o.maxIterations,
      break_on: o.breakOn,
      index_as: o.indexAs,
      branch: ctx.branch(o.branch, `${ctx.internalName}.${LOOP_PLACEHOLDER}`, 'branch'),
    });
  }
}

/** As the last of a list of steps: the previous step goes to `success`. */
export class Success {
  readonly name = 'success';
}

/** As the last of a list of steps: the previous step goes to `fail` (the pipeline ends failed). */
export class Fail {
  readonly name = 'fail';
}

export type PipelineStep = Step<any> | Success | Fail;
