// The steps of an SDK pipeline (runnable's Python SDK, in TypeScript idiom). A step only describes itself: each
// turns into runnable's plain YAML structure for one step (see definition.ts), which goes through the same
// loader as a YAML file. Linking (`next`, `on_failure`) is the pipeline's business, done from the list order.
import { bundleDir } from '../util/bundle-dir.js';
import { LOOP_PLACEHOLDER, MAP_PLACEHOLDER, type ReturnKind, type ReturnSpec } from '../pipeline/model.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pipeline } from './pipeline.js';

/**
 * True when `file` visibly exports `name` (`export function name`, `export const name`, `export { name }`). An
 * arrow function given as `fn: () => ...` is named "fn" by JavaScript, which no module exports under that name.
 */
function exportsName(file: string, name: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === 'fn' || name === 'function') return false;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(
    `export\\s+(async\\s+)?function\\s*\\*?\\s*${n}\\b|export\\s+(const|let|var)\\s+${n}\\b|export\\s*\\{[^}]*\\b${n}\\b[^}]*\\}`,
  ).test(text);
}

/** The file of the first stack frame outside the SDK (src/sdk or the bundle): the user's module. */
function callerOutsideSdk(): string | undefined {
  const here = bundleDir(import.meta.url);
  for (const line of (new Error().stack ?? '').split('\n').slice(1)) {
    const m = /(?:\(|at )((?:file:\/\/)?\/[^()]*?):\d+:\d+\)?\s*$/.exec(line);
    if (!m) continue;
    const file = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    if (file.startsWith(here + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return file;
  }
  return undefined;
}

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
  /** runnable's spelling of `storeCopy`. */
  store_copy?: boolean;
}

/**
 * Every option may also be spelled as runnable's Python SDK spells it (`terminate_with_success`, `on_failure`,
 * `max_attempts`, `iterate_on`, `store_copy`...): a snake_case key is read as its camelCase twin.
 */
export interface StepOptions {
  /** Unique within its pipeline (failure pipelines included); no "." or "%"; not "success" or "fail". */
  name: string;
  /** End the pipeline with success after this step (only the last step of a list may terminate). */
  terminateWithSuccess?: boolean;
  /** runnable's spelling of `terminateWithSuccess`. */
  terminate_with_success?: boolean;
  /** End the pipeline with failure after this step (only the last step of a list may terminate). */
  terminateWithFailure?: boolean;
  /** runnable's spelling of `terminateWithFailure`. */
  terminate_with_failure?: boolean;
  /** Where to go when this step fails: the pipeline's steps join this graph and `on_failure` names its first. */
  onFailure?: Pipeline;
  /** runnable's spelling of `onFailure`. */
  on_failure?: Pipeline;
  /** executor service name -> override key (runnable's `overrides`). */
  overrides?: Record<string, string>;
}

export interface LeafStepOptions extends StepOptions {
  catalog?: CatalogOptions;
  /** How often the step is tried before it fails (default 1). */
  maxAttempts?: number;
  /** runnable's spelling of `maxAttempts`. */
  max_attempts?: number;
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
  /**
   * The function itself (runnable's `function=`), called in this process. Executors that run steps elsewhere
   * (emulator, containers, Argo) import it instead from the file that built the task, by its name: export it
   * (see README, "The TypeScript SDK").
   */
  function?: TaskFunction;
  /** The same as `function`. */
  fn?: TaskFunction;
  /** Or `path/module.mjs:exportName` (compiled JavaScript, relative to the compute data folder), as in YAML. */
  command?: string;
}

export interface NotebookTaskOptions extends TaskOptions {
  /** The path of the .ipynb file, relative to the working directory (runnable's `notebook=`). */
  notebook: string;
}

export interface ParallelOptions extends StepOptions {
  branches: Record<string, Pipeline>;
}

export interface MapOptions extends StepOptions {
  /** The parameter holding the list to iterate on (runnable: `iterate_on`). */
  iterateOn: string;
  iterate_on?: string;
  /** The name each item is given to the branch's tasks under (runnable: `iterate_as`). */
  iterateAs: string;
  iterate_as?: string;
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
  /** (runnable: `max_iterations`) */
  maxIterations: number;
  max_iterations?: number;
  /** A boolean parameter: the loop ends after an iteration that sets it true (runnable: `break_on`). */
  breakOn: string;
  break_on?: string;
  /** The environment variable holding the 0-based iteration index (runnable: `index_as`). */
  indexAs: string;
  index_as?: string;
}

/** Turns a sub-pipeline into a graph definition under a branch internal name (supplied by definition.ts). */
export type BranchWriter = (pipeline: unknown, branchName: string, where: string) => Record<string, unknown>;

/** What a step needs from the pipeline that writes it. */
export interface WriteContext {
  /** The step's internal name at definition time. */
  internalName: string;
  branch: BranchWriter;
  /**
   * Records an inline function for the task of this internal name; returns the command written for it.
   * `exportedAs` (`file:name`) is where another process may import it from.
   */
  inlineFunction(fn: TaskFunction, exportedAs?: string): string;
  /** Reports a problem of this step. */
  issue(message: string, fix?: string): void;
}

/** runnable's snake_case option names read as their camelCase twins (the camelCase one wins when both are given). */
export function camelCased<O>(options: O): O {
  const out: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const [key, value] of Object.entries(out)) {
    if (!key.includes('_')) continue;
    const camel = key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (out[camel] === undefined) out[camel] = value;
    delete out[key];
  }
  if (out.catalog && typeof out.catalog === 'object') out.catalog = camelCased(out.catalog);
  return out as O;
}

const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Any step of a pipeline (everything but Success and Fail). */
export abstract class Step<O extends StepOptions = StepOptions> {
  readonly name: string;
  readonly options: Readonly<O>;
  constructor(options: O) {
    this.options = Object.freeze(camelCased(options ?? ({} as O)));
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
  /** The file that built this task, where executors that run steps elsewhere import its function from. */
  readonly definedIn: string | undefined;
  constructor(options: TypeScriptTaskOptions) {
    super(options?.fn === undefined && options?.function !== undefined ? { ...options, fn: options.function } : options);
    this.definedIn = callerOutsideSdk();
  }
  write(ctx: WriteContext): Record<string, unknown> {
    const { fn, command } = this.options;
    if ((fn === undefined) === (command === undefined)) {
      ctx.issue(
        `a TypeScriptTask takes ${fn === undefined ? 'a function' : 'only one of the two'}: \`fn\` (called in this process) or \`command\` ("path/module.mjs:exportedFunction").`,
      );
    } else if (fn !== undefined && typeof fn !== 'function') {
      ctx.issue(`\`fn\` is not a function (${typeof fn}).`, 'give the function itself, or `command: "path/module.mjs:exportedFunction"`.');
    }
    return this.task(
      'typescript',
      typeof fn === 'function' && command === undefined ? ctx.inlineFunction(fn, this.exportedAs) : (command ?? 'missing'),
    );
  }
  /** `file:name` where another process can import the function (its name, in the file that built the task). */
  get exportedAs(): string | undefined {
    const fn = this.options.fn;
    if (typeof fn !== 'function' || !this.definedIn || !exportsName(this.definedIn, fn.name)) return undefined;
    return `${this.definedIn}:${fn.name}`;
  }
  /** True when the task carries its function (and so runs only in this process). */
  get inline(): boolean {
    return typeof this.options.fn === 'function';
  }
}

/** A Jupyter notebook (`command_type: notebook`): its code cells run in order in the python worker. */
export class NotebookTask extends BaseTask<NotebookTaskOptions> {
  write(ctx: WriteContext): Record<string, unknown> {
    if (typeof this.options.notebook !== 'string')
      ctx.issue('a NotebookTask needs `notebook`, the path of a .ipynb file.', "write `notebook: 'notebooks/step.ipynb'`.");
    return this.task('notebook', this.options.notebook);
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
