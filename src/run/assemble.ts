// The assembly of a run, shared by the CLI (`runnable execute`, `retry`, `transpile`), the action and the SDK:
// the configuration lookup, live services from the registry, the run id, the parameters, the tag, the warnings
// for the user and the environment the tasks inherit. Everything the user gave is checked here, before anything
// is written, so bad input never leaves a run log behind. The adapters add only what is theirs: listeners of the
// engine's events, an abort signal, the action's secrets wrapper.
//
// Differs from runnable: the environment is not changed in place; RUNNABLE_RUN_ID, RUNNABLE_RUN_TAG and
// RUNNABLE_CONFIGURATION_FILE are set on the copy the tasks inherit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findConfigFile, loadConfig, type RunnableConfig } from '../config/config-file.js';
import { createServices, requestServices } from '../config/services.js';
import { stepsRunElsewhere } from '../engine/executor.js';
import { initialParameters } from '../engine/parameters.js';
import type { RunRequest } from '../engine/run-pipeline.js';
import { taskRunners } from '../engine/task-runner.js';
import { InvalidInputError } from '../errors.js';
import { unknownPatchIssues } from '../executors/mocked-executor.js';
import '../executors/builtins.js';
import '../tasks/builtins.js';
import { loadPipelineFile } from '../pipeline/load.js';
import type { Pipeline } from '../pipeline/model.js';
import '../services/builtins.js';
import type { ArtifactTransport } from '../services/catalog/artifact-transport.js';
import type { Parameters } from '../services/run-log/model.js';
import { LOG_LEVELS } from './log-levels.js';
import { checkRunId, generateRunId } from './run-id.js';

/** A pipeline file, or a pipeline built in code (the SDK), which is written to a file only when steps run elsewhere. */
export type PipelineSource =
  | { kind: 'file'; file: string }
  | {
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
  retry?: { runId: string; indicator?: string };
  /** How the adapter names its run-id inputs, for messages (`the RUN_ID argument`, `the runId option`). */
  names?: { runId?: string; retryRunId?: string };
  /**
   * Settings given outside the configuration file (`runnable execute --submit --wait --detach`), laid over the
   * `config:` of the pipeline executor. Only an executor of type `executor` takes them; `given` names them as the
   * user gave them, for the error when the configured executor is another one.
   */
  executorSettings?: { executor: string; settings: Record<string, unknown>; given: string[] };
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
export function assembleRun(input: RunInput, env: NodeJS.ProcessEnv, cwd: string): AssembledRun {
  const pipeline = input.pipeline.kind === 'file' ? loadPipelineFile(input.pipeline.file) : input.pipeline.model;
  const configFile = findConfigFile(input.configFile, env, cwd);
  const config = loadConfig(configFile, env);
  applyExecutorSettings(config, input.executorSettings);
  const runId = resolveRunId(input, env);
  const retry = input.retry ? { indicator: input.retry.indicator ?? '' } : undefined;
  const parametersFile = env.RUNNABLE_PARAMETERS_FILE || input.parametersFile;
  // file < code < RUNNABLE_PRM_ (the environment wins, as it does over the file in runnable)
  const parameters: Parameters = retry
    ? {}
    : { ...initialParameters(parametersFile, {}), ...input.parameters, ...initialParameters(undefined, env) };
  const tag = input.tag ?? env.RUNNABLE_RUN_TAG ?? '';
  const services = createServices(config, { artifactTransport: input.artifactTransport });
  taskRunners.checkEnvironment(env);
  const patchIssues = unknownPatchIssues(config.services['pipeline-executor'], pipeline);
  if (patchIssues.length) throw new InvalidInputError('invalid configuration', patchIssues);
  const pipelineFile = pipelineFileFor(input.pipeline, stepsRunElsewhere(services.executor), services.executor.type, runId);

  const warnings = config.unresolvedVariables.map(
    (v) => `the configuration uses $${v}, but RUNNABLE_VAR_${v} is not set; it is left as it is.`,
  );
  if (retry && (parametersFile || input.parameters || Object.keys(env).some((k) => k.startsWith('RUNNABLE_PRM_')))) {
    warnings.push('a resumed run keeps the parameters of the original run; the parameters file and RUNNABLE_PRM_ variables are ignored.');
  }

  // runnable exports these so that tasks (and their children) see them.
  const taskEnv: NodeJS.ProcessEnv = { ...env, RUNNABLE_RUN_ID: runId, RUNNABLE_RUN_TAG: tag };
  if (configFile) taskEnv.RUNNABLE_CONFIGURATION_FILE = configFile;

  return {
    request: {
      pipeline,
      runId,
      tag,
      parameters,
      ...requestServices(services),
      files: { pipeline: pipelineFile, config: configFile, parameters: parametersFile },
      logLevel: checkLogLevel(input.logLevel),
      retry,
      env: taskEnv,
    },
    warnings,
  };
}

/** Lays the adapter's executor settings over the configuration's, refusing them for another executor. */
function applyExecutorSettings(config: RunnableConfig, given: RunInput['executorSettings']): void {
  if (!given || !Object.keys(given.settings).length) return;
  const executor = config.services['pipeline-executor'];
  if (executor.type !== given.executor) {
    const names = given.given.join(', ');
    const configured = executor.location
      ? `${config.file} configures the ${executor.type} executor`
      : config.file
        ? `${config.file} sets no pipeline-executor, so the executor is ${executor.type}`
        : `no configuration file is given (-c), so the executor is ${executor.type}`;
    throw new InvalidInputError('invalid arguments', [
      {
        location: executor.location,
        message: `${names} ${given.given.length > 1 ? 'are options' : 'is an option'} of the ${given.executor} executor, but ${configured}.`,
        fix: `give a configuration with \`pipeline-executor: {type: ${given.executor}}\` (-c CONFIG), or leave out ${names}.`,
      },
    ]);
  }
  executor.config = { ...executor.config, ...given.settings };
}

function resolveRunId(input: RunInput, env: NodeJS.ProcessEnv): string {
  if (input.retry) return checkRunId(input.retry.runId, input.names?.retryRunId ?? 'RUNNABLE_RETRY_RUN_ID');
  // an empty run id (a workflow's `env: {RUNNABLE_RUN_ID: ''}`) means unset, as in runnable
  if (input.runId) return checkRunId(input.runId, input.names?.runId ?? 'the run id');
  if (env.RUNNABLE_RUN_ID) return checkRunId(env.RUNNABLE_RUN_ID, 'RUNNABLE_RUN_ID');
  return checkRunId(generateRunId(), 'generated');
}

/**
 * The pipeline file the run records and other processes read. A pipeline built in code is written as YAML to a
 * temporary file only when steps run in another process, which cannot call its inline functions either.
 */
function pipelineFileFor(source: PipelineSource, elsewhere: boolean, executor: string, runId: string): string {
  if (source.kind === 'file') return source.file;
  if (!elsewhere) return source.label;
  const inline = source.inlineTasks;
  if (inline.length) {
    throw new InvalidInputError('invalid pipeline', [
      {
        step: inline[0],
        message: `the ${executor} executor runs each step in another process, which cannot call the inline function of ${inline.length > 1 ? `the TypeScript tasks ${inline.map((s) => `"${s}"`).join(', ')}` : 'this TypeScript task'}.`,
        fix: "use the local (or mocked) executor, or give the task `command: 'path/module.mjs:exportedFunction'` instead of `fn`.",
      },
    ]);
  }
  // kept beside nothing else, so that the run log's pipeline_definition_file stays readable (and retry can use it)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-sdk-'));
  const file = path.join(dir, `${runId}.yaml`);
  fs.writeFileSync(file, source.toYaml());
  return file;
}

function checkLogLevel(given: string | undefined): string {
  const level = (given ?? 'WARNING').toUpperCase();
  if (LOG_LEVELS.includes(level)) return level;
  throw new InvalidInputError('invalid arguments', [
    { message: `the log level "${given}" is not known.`, fix: `use one of ${LOG_LEVELS.join(', ')}.` },
  ]);
}
