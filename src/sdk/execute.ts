// `pipeline.execute()`: what `runnable execute` does for a YAML file, for a pipeline built in code, through the
// same assembly (src/run/assemble.ts: RUNNABLE_CONFIGURATION_FILE > configurationFile > ./runnable-config.yaml >
// defaults, services from the registry, parameters, run id, checks before anything is written); then the engine.
// Nothing is printed unless asked (`console: true`, or `onEvent` to receive the engine's events).
import { bundleDir } from '../util/bundle-dir.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBus, type EventListener } from '../engine/events.js';
import type { GraphOutcome } from '../engine/executor.js';
import { runPipeline } from '../engine/run-pipeline.js';
import { InvalidInputError } from '../errors.js';
import { consoleReporter } from '../report/console-reporter.js';
import { assembleRun } from '../run/assemble.js';
import { loadPlugins } from '../run/plugins.js';
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

/** The user's file that called execute(): the first stack frame outside this SDK (src/sdk or the bundle). */
export function callerFile(): string | undefined {
  const here = bundleDir(import.meta.url);
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
  await loadPlugins(o.configurationFile, env, process.cwd());
  // The same assembly as `runnable execute`: everything is checked before anything is created.
  const { request, warnings } = assembleRun(
    {
      pipeline: pipeline.yamlFile
        ? { kind: 'file', file: pipeline.yamlFile }
        : {
            kind: 'code',
            model: pipeline.model,
            label: `sdk:${pipeline.name || caller || 'pipeline'}`,
            toYaml: () => pipeline.toYaml(),
            inlineTasks: pipeline.inlineTasks,
          },
      configFile: o.configurationFile,
      parametersFile: o.parametersFile,
      parameters: o.parameters === undefined ? undefined : codeParameters(o.parameters),
      runId: o.runId,
      tag: o.tag,
      logLevel: o.logLevel,
      retry: o.retry,
      names: { runId: 'the runId option', retryRunId: 'retry.runId' },
    },
    env,
    process.cwd(),
  );

  const events = new EventBus();
  if (o.console) {
    events.on(
      consoleReporter({
        out: (l) => process.stdout.write(`${l}\n`),
        err: (l) => process.stderr.write(`${l}\n`),
        color: !!process.stdout.isTTY && !env.NO_COLOR,
        logLevel: request.logLevel ?? 'WARNING',
      }),
    );
  }
  if (o.onEvent) events.on(o.onEvent);
  for (const message of warnings) events.emit({ type: 'warning', message });

  const { runLog, status, handoff } = await runPipeline({ ...request, events, signal: o.signal });
  return { runId: request.runId, status, runLog, handoff };
}
