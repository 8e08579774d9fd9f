// `runnable execute PIPELINE [RUN_ID] [-c CONFIG] [-p PARAMETERS] [--tag TAG] [--log-level LEVEL]`, and
// the same run resumed when RUNNABLE_RETRY_RUN_ID is set.
import { findConfigFile, loadConfig } from '../../config/config-file.js';
import { createServices, requestServices } from '../../config/services.js';
import { EventBus } from '../../engine/events.js';
import { initialParameters } from '../../engine/parameters.js';
import { runPipeline, type RunRequest } from '../../engine/run-pipeline.js';
import { InvalidInputError } from '../../errors.js';
import { loadPipelineFile } from '../../pipeline/load.js';
import { consoleReporter } from '../../report/console-reporter.js';
import { parseArgs, str } from '../args.js';
import type { CliIO } from '../io.js';
import { CONFIG_FLAG, FILE_FLAG, LOG_LEVEL_FLAG, LOG_LEVELS, PARAMETERS_FLAG, RUN_ID_FLAG, TAG_FLAG } from '../options.js';
import { checkRunId, generateRunId } from '../run-id.js';

export const EXECUTE_USAGE = 'runnable execute PIPELINE.yaml [RUN_ID] [-c CONFIG] [-p PARAMETERS] [--tag TAG] [--log-level LEVEL]';

export interface ExecuteOptions {
  pipelineFile: string;
  runId?: string;
  configFile?: string;
  parametersFile?: string;
  tag?: string;
  logLevel?: string;
  retryIndicator?: string;
  /** Resume this run instead of starting a new one. */
  retryRunId?: string;
}

export function parseExecuteArgs(argv: string[], env: NodeJS.ProcessEnv): ExecuteOptions {
  const a = parseArgs('execute', argv, [CONFIG_FLAG, PARAMETERS_FLAG, TAG_FLAG, LOG_LEVEL_FLAG, FILE_FLAG, RUN_ID_FLAG], EXECUTE_USAGE);
  const pipelineFile = str(a.flags.file) ?? a.positionals.shift();
  if (!pipelineFile) {
    throw new InvalidInputError('invalid arguments', [{ message: 'no pipeline file was given.', fix: `usage: ${EXECUTE_USAGE}` }]);
  }
  const runId = str(a.flags['run-id']) ?? a.positionals.shift();
  if (a.positionals.length) {
    throw new InvalidInputError('invalid arguments', [
      { message: `unexpected argument "${a.positionals[0]}".`, fix: `usage: ${EXECUTE_USAGE}` },
    ]);
  }
  const logLevel = str(a.flags['log-level'])?.toUpperCase();
  if (logLevel && !LOG_LEVELS.includes(logLevel)) {
    throw new InvalidInputError('invalid arguments', [
      { message: `--log-level ${logLevel} is not a log level.`, fix: `use one of ${LOG_LEVELS.join(', ')}.` },
    ]);
  }
  return {
    pipelineFile,
    runId,
    configFile: str(a.flags.config),
    parametersFile: env.RUNNABLE_PARAMETERS_FILE || str(a.flags.parameters),
    tag: str(a.flags.tag),
    logLevel,
    retryRunId: env.RUNNABLE_RETRY_RUN_ID || undefined,
    retryIndicator: env.RUNNABLE_RETRY_INDICATOR,
  };
}

export interface PreparedRun {
  /** Everything runPipeline needs but `events` and `signal`, which the caller (CLI, action) adds. */
  request: RunRequest;
  /** What to tell the user before the run starts (unset RUNNABLE_VAR_ variables, ignored parameters). */
  warnings: string[];
}

/**
 * Loads and checks everything a run needs before anything is written (bad input throws InvalidInputError), and
 * exports RUNNABLE_RUN_ID, RUNNABLE_RUN_TAG and RUNNABLE_CONFIGURATION_FILE into `env` for the tasks.
 */
export function prepareExecution(o: ExecuteOptions, env: NodeJS.ProcessEnv, cwd: string): PreparedRun {
  const pipeline = loadPipelineFile(o.pipelineFile);
  const configFile = findConfigFile(o.configFile, env, cwd);
  const config = loadConfig(configFile, env);
  // an empty RUNNABLE_RUN_ID (a workflow's `env: {RUNNABLE_RUN_ID: ''}`) means unset, as in runnable
  const runId = checkRunId(
    o.retryRunId || o.runId || env.RUNNABLE_RUN_ID || generateRunId(),
    o.retryRunId ? 'RUNNABLE_RETRY_RUN_ID' : o.runId ? 'the RUN_ID argument' : env.RUNNABLE_RUN_ID ? 'RUNNABLE_RUN_ID' : 'generated',
  );
  const retry = o.retryRunId ? { indicator: o.retryIndicator ?? '' } : undefined;
  const parameters = retry ? {} : initialParameters(o.parametersFile, env);
  const tag = o.tag ?? env.RUNNABLE_RUN_TAG ?? '';
  const isolation = pythonIsolation(env);
  const services = createServices(config);

  const warnings = config.unresolvedVariables.map(
    (v) => `the configuration uses $${v}, but RUNNABLE_VAR_${v} is not set; it is left as it is.`,
  );
  if (retry && (o.parametersFile || Object.keys(env).some((k) => k.startsWith('RUNNABLE_PRM_')))) {
    warnings.push('a resumed run keeps the parameters of the original run; the parameters file and RUNNABLE_PRM_ variables are ignored.');
  }

  // runnable exports these so that tasks (and their children) see them.
  env.RUNNABLE_RUN_ID = runId;
  env.RUNNABLE_RUN_TAG = tag;
  if (configFile) env.RUNNABLE_CONFIGURATION_FILE = configFile;

  return {
    request: {
      pipeline,
      runId,
      tag,
      parameters,
      ...requestServices(services),
      files: { pipeline: o.pipelineFile, config: configFile, parameters: o.parametersFile },
      logLevel: o.logLevel ?? 'WARNING',
      retry,
      env,
      python: { isolation },
    },
    warnings,
  };
}

export const TRANSPILE_USAGE = 'runnable transpile PIPELINE.yaml [RUN_ID] -c CONFIG [-p PARAMETERS] [--tag TAG]';

/** Writes what a whole-graph executor (argo, github) would run, and runs nothing. */
export function transpileCommand(argv: string[], io: CliIO): Promise<number> {
  return executeCommand({ ...parseExecuteArgs(argv, io.env), retryRunId: undefined }, io, 'render');
}

/** Runs (or resumes) a pipeline, reporting to the console; resolves to the process exit code. */
export async function executeCommand(o: ExecuteOptions, io: CliIO, intent: 'execute' | 'render' = 'execute'): Promise<number> {
  // Everything the user gave is checked before anything is created: bad input never leaves a run log behind.
  const { request, warnings } = prepareExecution(o, io.env, io.cwd);
  const events = new EventBus();
  events.on(consoleReporter({ out: io.out, err: io.err, color: io.color, logLevel: request.logLevel ?? 'WARNING' }));
  for (const w of warnings) io.err(`warning: ${w}`);
  const { status, handoff } = await runPipeline({ ...request, events, signal: io.signal, intent, say: io.out });
  if (handoff?.kind === 'rendered') for (const f of handoff.files) io.out(`wrote ${f}`);
  else if (handoff?.kind === 'submitted') io.out(`submitted ${handoff.reference}`);
  else if (request.store.logFolder) io.out(`run log: ${request.store.logFolder}`);
  return status === 'SUCCESS' ? 0 : 1;
}

/** RUNNABLE_PYTHON_ISOLATION=process: a fresh interpreter for every python task instead of a long-lived worker. */
function pythonIsolation(env: NodeJS.ProcessEnv): 'worker' | 'process' {
  const v = env.RUNNABLE_PYTHON_ISOLATION;
  if (v === undefined || v === '' || v === 'worker') return 'worker';
  if (v === 'process') return 'process';
  throw new InvalidInputError('invalid arguments', [
    {
      message: `RUNNABLE_PYTHON_ISOLATION=${v} is not known.`,
      fix: 'use "worker" (the default: one long-lived interpreter per lane) or "process" (a fresh interpreter per task).',
    },
  ]);
}
