import { type Graph, type Pipeline as PipelineModel } from '../pipeline/model.js';
import { type ExecuteOptions, type ExecuteResult } from './execute.js';
import { type PipelineStep } from './steps.js';
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
/** A pipeline built in code. Checked when constructed: a problem throws InvalidInputError naming the step. */
export declare class Pipeline {
    readonly steps: readonly PipelineStep[];
    readonly description: string;
    readonly name: string;
    /** The validated model the engine runs (graph, dag hash), the same a YAML file gives. */
    readonly model: PipelineModel;
    private readonly exported;
    /** Set by fromYAML: the file and its plain structure. */
    private readonly fromFile?;
    constructor(options: PipelineOptions);
    /**
     * A pipeline from a runnable YAML file: the same graph, dag hash and run log as `runnable execute FILE`.
     * Its steps are not SDK objects (a YAML graph need not be a list); `toYAML()` gives the file's pipeline back.
     */
    static fromYAML(file: string): Pipeline;
    /** runnable's spelling of `fromYAML`. */
    static fromYaml(file: string): Pipeline;
    /** The YAML file the pipeline was read from (fromYAML), else undefined. */
    get yamlFile(): string | undefined;
    /** The validated graph. */
    get graph(): Graph;
    /** runnable's dag_hash of this pipeline (the same as the equivalent YAML file's). */
    get dagHash(): string;
    /** Internal names of the TypeScript tasks whose function only this process can call (unnamed, or built outside a file). */
    get inlineTasks(): string[];
    /** runnable's plain structure; an inline TypeScript function shows as `command: inline:<function name>`. */
    toDefinition(): PipelineDefinition;
    /**
     * The pipeline as runnable YAML. A TypeScriptTask's named function is written as `command: <file>:<name>` (the
     * module that built the task must export it); an anonymous one cannot be written: InvalidInputError.
     */
    toYAML(): string;
    /** The same as `toYAML()`. */
    toYaml(): string;
    /** Runs the pipeline with the services of the configuration, as `runnable execute` does. */
    execute(options?: ExecuteOptions): Promise<ExecuteResult>;
}
