// `runnable execute PIPELINE [RUN_ID] [-c CONFIG] [-p PARAMETERS] [--tag TAG] [--log-level LEVEL]
// [--submit] [--wait] [--detach]`, and the same run resumed when RUNNABLE_RETRY_RUN_ID is set. The last three are
// the argo executor's submit / wait / detach settings given on the command line (runnable has none of them).
import { EventBus } from '../../engine/events.js';
import { runPipeline } from '../../engine/run-pipeline.js';
import { InvalidInputError } from '../../errors.js';
import { consoleReporter } from '../../report/console-reporter.js';
import { assembleRun, type AssembledRun } from '../../run/assemble.js';
import { LOG_LEVELS } from '../../run/log-levels.js';
import { parseArgs, str } from '../args.js';
import type { CliIO } from '../io.js';
import {
  CONFIG_FLAG,
  DETACH_FLAG,
  FILE_FLAG,
  LOG_LEVEL_FLAG,
  PARAMETERS_FLAG,
  RUN_ID_FLAG,
  SUBMIT_FLAG,
  TAG_FLAG,
  WAIT_FLAG,
} from '../options.js';

export const EXECUTE_USAGE =
  'runnable execute PIPELINE.yaml [RUN_ID] [-c CONFIG] [-p PARAMETERS] [--tag TAG] [--log-level LEVEL] [--submit] [--wait] [--detach]';

/** What `runnable execute --help` says about the argo flags, after the usage line. */
export const EXECUTE_HELP = [
  'With `pipeline-executor: {type: argo}` (the configuration keys submit, wait, detach; the flags win):',
  '  --submit   create the Workflow (or CronWorkflow) in the cluster of KUBECONFIG after writing it',
  "  --wait     submit, then follow it: each step's phase and its pod's log; exit 0 or 1 from the final phase",
  '  --detach   with --wait: Ctrl-C / SIGTERM leaves the workflow running (without it: spec.shutdown: Stop)',
  'Check the cluster first with `runnable doctor -c CONFIG`.',
].join('\n');

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
  /** --submit, --wait, --detach: the argo executor's settings of the same names, over the configuration's. */
  argo?: { submit?: true; wait?: true; detach?: true };
}

const ARGO_FLAGS = [SUBMIT_FLAG, WAIT_FLAG, DETACH_FLAG];

export function parseExecuteArgs(argv: string[], env: NodeJS.ProcessEnv, command: 'execute' | 'transpile' = 'execute'): ExecuteOptions {
  const usage = command === 'execute' ? EXECUTE_USAGE : TRANSPILE_USAGE;
  const flags = [CONFIG_FLAG, PARAMETERS_FLAG, TAG_FLAG, LOG_LEVEL_FLAG, FILE_FLAG, RUN_ID_FLAG];
  const a = parseArgs(command, argv, command === 'execute' ? [...flags, ...ARGO_FLAGS] : flags, usage);
  const pipelineFile = str(a.flags.file) ?? a.positionals.shift();
  if (!pipelineFile) {
    throw new InvalidInputError('invalid arguments', [{ message: 'no pipeline file was given.', fix: `usage: ${usage}` }]);
  }
  const runId = str(a.flags['run-id']) ?? a.positionals.shift();
  if (a.positionals.length) {
    throw new InvalidInputError('invalid arguments', [{ message: `unexpected argument "${a.positionals[0]}".`, fix: `usage: ${usage}` }]);
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
    argo: argoFlags(a.flags),
  };
}

function argoFlags(flags: Record<string, string | true>): ExecuteOptions['argo'] {
  const given = ARGO_FLAGS.filter((f) => flags[f.name] === true).map((f) => f.name as 'submit' | 'wait' | 'detach');
  return given.length ? Object.fromEntries(given.map((k) => [k, true])) : undefined;
}

/** The argo flags as executor settings: --wait implies --submit (there is nothing to follow otherwise). */
function executorSettings(argo: ExecuteOptions['argo']) {
  if (!argo) return undefined;
  const settings: Record<string, boolean> = {};
  if (argo.submit || argo.wait) settings.submit = true;
  if (argo.wait) settings.wait = true;
  if (argo.detach) settings.detach = true;
  return { executor: 'argo', settings, given: Object.keys(argo).map((k) => `--${k}`) };
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
      executorSettings: executorSettings(o.argo),
    },
    io.env,
    io.cwd,
  );
}

export const TRANSPILE_USAGE = 'runnable transpile PIPELINE.yaml [RUN_ID] -c CONFIG [-p PARAMETERS] [--tag TAG]';

/** Writes what a whole-graph executor (argo, github) would run, and runs nothing. */
export function transpileCommand(argv: string[], io: CliIO): Promise<number> {
  return executeCommand({ ...parseExecuteArgs(argv, io.env, 'transpile'), retryRunId: undefined }, io, 'render');
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
