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
    write(ctx: WriteContext): Record<string, unknown>;
    /** True when the task carries its function (and so runs only in this process). */
    get inline(): boolean;
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
