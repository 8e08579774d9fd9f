// `runnable execute PIPELINE [RUN_ID] [-c CONFIG] [-p PARAMETERS] [--tag TAG] [--log-level LEVEL]`, and
// the same run resumed when RUNNABLE_RETRY_RUN_ID is set.
import { EventBus } from '../../engine/events.js';
import { runPipeline } from '../../engine/run-pipeline.js';
import { InvalidInputError } from '../../errors.js';
import { consoleReporter } from '../../report/console-reporter.js';
import { assembleRun, type AssembledRun } from '../../run/assemble.js';
import { LOG_LEVELS } from '../../run/log-levels.js';
import { parseArgs, str } from '../args.js';
import type { CliIO } from '../io.js';
import { CONFIG_FLAG, FILE_FLAG, LOG_LEVEL_FLAG, PARAMETERS_FLAG, RUN_ID_FLAG, TAG_FLAG } from '../options.js';

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
    parametersFile: str(a.flags.parameters),
    tag: str(a.flags.tag),
    logLevel,
    retryRunId: env.RUNNABLE_RETRY_RUN_ID || undefined,
    retryIndicator: env.RUNNABLE_RETRY_INDICATOR,
  };
}

/** The run's assembly (src/run) from the CLI's options. */
export function assembleFromOptions(o: ExecuteOptions, io: CliIO): AssembledRun {
  return assembleRun(
    {
      pipeline: { kind: 'file', file: o.pipelineFile },
      configFile: o.configFile,
      parametersFile: o.parametersFile,
      runId: o.runId,
      tag: o.tag,
      logLevel: o.logLevel,
      retry: o.retryRunId ? { runId: o.retryRunId, indicator: o.retryIndicator } : undefined,
      names: { runId: 'the RUN_ID argument', retryRunId: 'RUNNABLE_RETRY_RUN_ID' },
    },
    io.env,
    io.cwd,
  );
}

export const TRANSPILE_USAGE = 'runnable transpile PIPELINE.yaml [RUN_ID] -c CONFIG [-p PARAMETERS] [--tag TAG]';

/** Writes what a whole-graph executor (argo, github) would run, and runs nothing. */
export function transpileCommand(argv: string[], io: CliIO): Promise<number> {
  return executeCommand({ ...parseExecuteArgs(argv, io.env), retryRunId: undefined }, io, 'render');
}

/** Runs (or resumes) a pipeline, reporting to the console; resolves to the process exit code. */
export async function executeCommand(o: ExecuteOptions, io: CliIO, intent: 'execute' | 'render' = 'execute'): Promise<number> {
  // Everything the user gave is checked before anything is created: bad input never leaves a run log behind.
  const { request, warnings } = assembleFromOptions(o, io);
  const events = new EventBus();
  events.on(consoleReporter({ out: io.out, err: io.err, color: io.color, logLevel: request.logLevel ?? 'WARNING' }));
  for (const w of warnings) io.err(`warning: ${w}`);
  const { status, handoff } = await runPipeline({ ...request, events, signal: io.signal, intent, say: io.out });
  if (handoff?.kind === 'rendered') for (const f of handoff.files) io.out(`wrote ${f}`);
  else if (handoff?.kind === 'submitted') io.out(`submitted ${handoff.reference}`);
  else if (request.store.logFolder) io.out(`run log: ${request.store.logFolder}`);
  return status === 'SUCCESS' ? 0 : 1;
}
