// `pipeline.execute()`: what `runnable execute` does for a YAML file, for a pipeline built in code. The same
// configuration lookup (RUNNABLE_CONFIGURATION_FILE > configurationFile > ./runnable-config.yaml > defaults), the
// same services from the registry, parameters, run id and checks before anything is written; then the engine.
// Nothing is printed unless asked (`console: true`, or `onEvent` to receive the engine's events).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRunId, generateRunId } from '../cli/run-id.js';
import { findConfigFile, loadConfig } from '../config/config-file.js';
import { createServices, requestServices } from '../config/services.js';
import { EventBus, type EventListener } from '../engine/events.js';
import { initialParameters } from '../engine/parameters.js';
import type { GraphOutcome } from '../engine/executor.js';
import { runPipeline } from '../engine/run-pipeline.js';
import { InvalidInputError } from '../errors.js';
import '../executors/builtins.js';
import { consoleReporter } from '../report/console-reporter.js';
import '../services/builtins.js';
import { jsonParameter, type Parameters, type RunLog, type Status } from '../services/run-log/model.js';
import type { Pipeline } from './pipeline.js';

export interface ExecuteOptions {
  /** The configuration file; RUNNABLE_CONFIGURATION_FILE wins over it, as in runnable. */
  configurationFile?: string;
  /** A YAML mapping of initial parameters; RUNNABLE_PARAMETERS_FILE wins over it, as for the CLI. */
  parametersFile?: string;
  /** Initial parameters (JSON values): over the parameters file, under RUNNABLE_PRM_<name> variables. */
  parameters?: Record<string, unknown>;
  /** Default: RUNNABLE_RUN_ID, else a generated one. */
  runId?: string;
  /** Default: RUNNABLE_RUN_TAG, else ''. */
  tag?: string;
  /** Resume this failed run instead of starting one (successful steps are skipped; its parameters are kept). */
  retry?: { runId: string; indicator?: string };
  /** WARNING (default), INFO or DEBUG (step start lines), ERROR. */
  logLevel?: string;
  /** Receives every engine event (run/step/branch started and finished, task output, warnings). */
  onEvent?: EventListener;
  /** Print progress and task output to this process's stdout/stderr, as the CLI does. */
  console?: boolean;
  /** The environment the configuration, RUNNABLE_* variables and tasks are read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Aborting cancels the run: running tasks are stopped and the run log ends FAIL. */
  signal?: AbortSignal;
}

export interface ExecuteResult {
  runId: string;
  status: Status;
  /** The run log as the store holds it at the end of the run. */
  /** The run log; absent when a whole-graph executor (argo, github) only rendered or submitted the run. */
  runLog?: RunLog;
  /** What a whole-graph executor did (a manifest written, a workflow submitted). */
  handoff?: GraphOutcome;
}

/**
 * Executors that run each step in another process (`runnable execute-single-node` reading the pipeline file):
 * they cannot call a function of this process, and need the pipeline as a file.
 */
export const OUT_OF_PROCESS_EXECUTORS: readonly string[] = ['emulator', 'local-container', 'argo'];

/** The user's file that called execute(): the first stack frame outside this SDK (src/sdk or the bundle). */
export function callerFile(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const line of (new Error().stack ?? '').split('\n').slice(1)) {
    const m = /(?:\(|at )((?:file:\/\/)?\/[^()]*?):\d+:\d+\)?\s*$/.exec(line);
    if (!m) continue;
    const file = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    if (file.startsWith(here + path.sep)) continue;
    const rel = path.relative(process.cwd(), file);
    return rel && !rel.startsWith('..') ? rel : file;
  }
  return undefined;
}

function codeParameters(values: Record<string, unknown> | undefined): Parameters {
  if (values === undefined) return {};
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new InvalidInputError('invalid parameters', [
      { message: '`parameters` must be an object of names to values.', fix: 'write `parameters: {name: value}`.' },
    ]);
  }
  const out: Parameters = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    let text: string | undefined;
    try {
      text = JSON.stringify(v);
    } catch {
      text = undefined; // a cycle or a BigInt
    }
    if (text === undefined) {
      throw new InvalidInputError('invalid parameters', [
        {
          message: `the parameter "${k}" is not a JSON value (${typeof v}).`,
          fix: 'give numbers, strings, booleans, null, lists or plain objects.',
        },
      ]);
    }
    out[k] = jsonParameter(JSON.parse(text));
  }
  return out;
}

export async function executePipeline(pipeline: Pipeline, o: ExecuteOptions, caller: string | undefined): Promise<ExecuteResult> {
  const env = o.env ?? process.env;
  // Everything is checked before anything is created, as for the CLI: bad input leaves no run log behind.
  const configFile = findConfigFile(o.configurationFile, env, process.cwd());
  const config = loadConfig(configFile, env);
  const runId = o.retry
    ? checkRunId(o.retry.runId, 'retry.runId')
    : checkRunId(
        o.runId ?? env.RUNNABLE_RUN_ID ?? generateRunId(),
        o.runId ? 'the runId option' : env.RUNNABLE_RUN_ID ? 'RUNNABLE_RUN_ID' : 'generated',
      );
  const parametersFile = env.RUNNABLE_PARAMETERS_FILE || o.parametersFile;
  // file < code < RUNNABLE_PRM_ (the environment wins, as it does over the file in runnable)
  const parameters: Parameters = o.retry
    ? {}
    : { ...initialParameters(parametersFile, {}), ...codeParameters(o.parameters), ...initialParameters(undefined, env) };
  const tag = o.tag ?? env.RUNNABLE_RUN_TAG ?? '';
  const services = createServices(config);

  let pipelineFile = `sdk:${pipeline.name || caller || 'pipeline'}`;
  if (OUT_OF_PROCESS_EXECUTORS.includes(services.executor.type)) {
    const inline = pipeline.inlineTasks;
    if (inline.length) {
      throw new InvalidInputError('invalid pipeline', [
        {
          step: inline[0],
          message: `the ${services.executor.type} executor runs each step in another process, which cannot call the inline function of ${inline.length > 1 ? `the TypeScript tasks ${inline.map((s) => `"${s}"`).join(', ')}` : 'this TypeScript task'}.`,
          fix: "use the local (or mocked) executor, or give the task `command: 'path/module.mjs:exportedFunction'` instead of `fn`.",
        },
      ]);
    }
    // The other processes read the pipeline from a file: the same pipeline as YAML, kept beside nothing else so
    // that the run log's pipeline_definition_file stays readable (and `runnable retry` can use it).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-sdk-'));
    pipelineFile = path.join(dir, `${runId}.yaml`);
    fs.writeFileSync(pipelineFile, pipeline.toYaml());
  }

  const events = new EventBus();
  const logLevel = (o.logLevel ?? 'WARNING').toUpperCase();
  if (o.console) {
    events.on(
      consoleReporter({
        out: (l) => process.stdout.write(`${l}\n`),
        err: (l) => process.stderr.write(`${l}\n`),
        color: !!process.stdout.isTTY && !env.NO_COLOR,
        logLevel,
      }),
    );
  }
  if (o.onEvent) events.on(o.onEvent);
  for (const v of config.unresolvedVariables) {
    events.emit({ type: 'warning', message: `the configuration uses $${v}, but RUNNABLE_VAR_${v} is not set; it is left as it is.` });
  }

  // runnable exports these to tasks; here they reach the tasks' environment, not this process's.
  const taskEnv: NodeJS.ProcessEnv = { ...env, RUNNABLE_RUN_ID: runId, RUNNABLE_RUN_TAG: tag };
  if (configFile) taskEnv.RUNNABLE_CONFIGURATION_FILE = configFile;

  const { runLog, status, handoff } = await runPipeline({
    pipeline: pipeline.model,
    runId,
    tag,
    parameters,
    ...requestServices(services),
    files: { pipeline: pipelineFile, config: configFile, parameters: parametersFile },
    logLevel,
    retry: o.retry ? { indicator: o.retry.indicator ?? '' } : undefined,
    events,
    env: taskEnv,
    signal: o.signal,
  });
  return { runId, status, runLog, handoff };
}
