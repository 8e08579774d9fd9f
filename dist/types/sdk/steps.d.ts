import { type ReturnSpec } from '../pipeline/model.js';
import type { Pipeline } from './pipeline.js';
/** A TypeScript task's function: called in-process with an object of every parameter (and map item). */
export type TaskFunction = (params: any) => unknown;
/** What a task gives back: a name (a json parameter) or `{name, kind}`; see `metric()` and `object()`. */
export type TaskReturn = string | ReturnSpec;
/** A json return (the default for a plain name). */
export declare const json: (name: string) => ReturnSpec;
/** A return recorded as a metric (`user_defined_metrics` of the attempt). */
export declare const metric: (name: string) => ReturnSpec;
/** A python object, pickled into the catalog (python tasks only). */
export declare const object: (name: string) => ReturnSpec;
/** runnable's name for `object()`. */
export declare const pickled: (name: string) => ReturnSpec;
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
export declare function camelCased<O>(options: O): O;
/** Any step of a pipeline (everything but Success and Fail). */
export declare abstract class Step<O extends StepOptions = StepOptions> {
    readonly name: string;
    readonly options: Readonly<O>;
    constructor(options: O);
    get terminateWithSuccess(): boolean;
    get terminateWithFailure(): boolean;
    get onFailure(): Pipeline | undefined;
    /** The step's own keys in runnable's YAML (no `next` / `on_failure`: the pipeline adds them). */
    abstract write(ctx: WriteContext): Record<string, unknown>;
    protected common(): Record<string, unknown>;
}
declare abstract class LeafStep<O extends LeafStepOptions> extends Step<O> {
    protected leaf(): Record<string, unknown>;
}
declare abstract class BaseTask<O extends TaskOptions> extends LeafStep<O> {
    protected task(commandType: string, command: unknown): Record<string, unknown>;
}
/** A shell script (`command_type: shell`). */
export declare class ShellTask extends BaseTask<ShellTaskOptions> {
    write(): Record<string, unknown>;
}
/** A python function, by dotted path (`command_type: python`), run in the python worker pool. */
export declare class PythonTask extends BaseTask<PythonTaskOptions> {
    write(ctx: WriteContext): Record<string, unknown>;
}
/** A TypeScript/JavaScript function (`command_type: typescript`), called in-process. */
export declare class TypeScriptTask extends BaseTask<TypeScriptTaskOptions> {
    /** The file that built this task, where executors that run steps elsewhere import its function from. */
    readonly definedIn: string | undefined;
    constructor(options: TypeScriptTaskOptions);
    write(ctx: WriteContext): Record<string, unknown>;
    /** `file:name` where another process can import the function (its name, in the file that built the task). */
    get exportedAs(): string | undefined;
    /** True when the task carries its function (and so runs only in this process). */
    get inline(): boolean;
}
/** A Jupyter notebook (`command_type: notebook`): its code cells run in order in the python worker. */
export declare class NotebookTask extends BaseTask<NotebookTaskOptions> {
    write(ctx: WriteContext): Record<string, unknown>;
}
/** Does nothing and succeeds (`type: stub`). */
export declare class Stub extends LeafStep<LeafStepOptions> {
    write(): Record<string, unknown>;
}
/** Runs every branch (`type: parallel`). */
export declare class Parallel extends Step<ParallelOptions> {
    write(ctx: WriteContext): Record<string, unknown>;
}
/** Runs the branch once per item of a list parameter (`type: map`). */
export declare class Map extends Step<MapOptions> {
    write(ctx: WriteContext): Record<string, unknown>;
}
/** Runs the branch named by a parameter's value (`type: conditional`). */
export declare class Conditional extends Step<ConditionalOptions> {
    write(ctx: WriteContext): Record<string, unknown>;
}
/** Runs the branch again until `breakOn` is true or `maxIterations` is reached (`type: loop`). */
export declare class Loop extends Step<LoopOptions> {
    write(ctx: WriteContext): Record<string, unknown>;
}
/** As the last of a list of steps: the previous step goes to `success`. */
export declare class Success {
    readonly name = "success";
}
/** As the last of a list of steps: the previous step goes to `fail` (the pipeline ends failed). */
export declare class Fail {
    readonly name = "fail";
}
export type PipelineStep = Step<any> | Success | Fail;
export {};
