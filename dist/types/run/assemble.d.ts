import type { RunRequest } from '../engine/run-pipeline.js';
import '../executors/builtins.js';
import '../tasks/builtins.js';
import type { Pipeline } from '../pipeline/model.js';
import '../services/builtins.js';
import type { ArtifactTransport } from '../services/catalog/artifact-transport.js';
import type { Parameters } from '../services/run-log/model.js';
/** A pipeline file, or a pipeline built in code (the SDK), which is written to a file only when steps run elsewhere. */
export type PipelineSource = {
    kind: 'file';
    file: string;
} | {
    kind: 'code';
    model: Pipeline;
    /** What the run log records as its pipeline file when none is written (`sdk:<name>`). */
    label: string;
    /** The pipeline as runnable's YAML, for processes that read it from a file. */
    toYaml(): string;
    /** Tasks that call a function of this process: they cannot run in another one. */
    inlineTasks: readonly string[];
};
/** What an adapter gathered from its user (flags, action inputs, SDK options). */
export interface RunInput {
    pipeline: PipelineSource;
    /** The configuration file; RUNNABLE_CONFIGURATION_FILE wins over it (runnable's precedence). */
    configFile?: string;
    /** A YAML mapping of initial parameters; RUNNABLE_PARAMETERS_FILE wins over it. */
    parametersFile?: string;
    /** Parameters given in code: over the parameters file, under RUNNABLE_PRM_ variables. */
    parameters?: Parameters;
    /** Default: RUNNABLE_RUN_ID, else a generated one. */
    runId?: string;
    /** Default: RUNNABLE_RUN_TAG, else ''. */
    tag?: string;
    /** DEBUG, INFO, WARNING (default), ERROR, FATAL. */
    logLevel?: string;
    /** Resume this run instead of starting one; its parameters are kept. */
    retry?: {
        runId: string;
        indicator?: string;
    };
    /** How the adapter names its run-id inputs, for messages (`the RUN_ID argument`, `the runId option`). */
    names?: {
        runId?: string;
        retryRunId?: string;
    };
    /**
     * Settings given outside the configuration file (`runnable execute --submit --wait --detach`), laid over the
     * `config:` of the pipeline executor. Only an executor of type `executor` takes them; `given` names them as the
     * user gave them, for the error when the configured executor is another one.
     */
    executorSettings?: {
        executor: string;
        settings: Record<string, unknown>;
        given: string[];
    };
    /** GitHub's artifact service, for the `github-artifacts` catalog (the action opens it; the CLI cannot). */
    artifactTransport?: ArtifactTransport;
}
/** A run ready for the engine: the adapter adds `events`, `signal` (and `intent`, `say`) and calls runPipeline. */
export interface AssembledRun {
    request: RunRequest;
    /** What to tell the user before the run starts (unset RUNNABLE_VAR_ variables, ignored parameters). */
    warnings: string[];
}
/** Loads and checks everything a run needs; throws InvalidInputError for bad input. Changes neither `env` nor files but a code pipeline's YAML. */
export declare function assembleRun(input: RunInput, env: NodeJS.ProcessEnv, cwd: string): AssembledRun;
