// `runnable execute-single-node RUN_ID PIPELINE STEP [--iter-variable JSON] [-c CONFIG] [-p PARAMETERS] [--tag T]
// [--log-level L]`: run one task or stub of an existing run. Containers, the emulator and Argo pods run steps
// through this command, so a step runs the same way everywhere. STEP is the internal name with "%" for spaces.
import { findConfigFile } from '../../config/config-file.js';
import { createServices, requestServices } from '../../config/services.js';
import { isNodeExecutor } from '../../engine/executor.js';
import { LocalExecutor } from '../../executors/local-executor.js';
import { EventBus } from '../../engine/events.js';
import { buildRunContext } from '../../engine/run-pipeline.js';
import { executeSingleNode } from '../../engine/single-node.js';
import { InvalidInputError } from '../../errors.js';
import { loadPipelineFile } from '../../pipeline/load.js';
import { emptyIter, fromCommandFriendly, type IterVariable } from '../../pipeline/names.js';
import { consoleReporter } from '../../report/console-reporter.js';
import { parseArgs, str } from '../args.js';
import type { CliIO } from '../io.js';
import { CONFIG_FLAG, LOG_LEVEL_FLAG, PARAMETERS_FLAG, TAG_FLAG } from '../options.js';
import { checkRunId } from '../../run/run-id.js';
import { loadStepConfig, parseIterIndices } from '../step-config.js';
import { iterFromIndices } from '../../engine/remote-steps.js';
import { noSuchRun } from '../../services/run-log/store.js';

export const SINGLE_NODE_USAGE =
  'runnable execute-single-node RUN_ID PIPELINE.yaml STEP_INTERNAL_NAME [--iter-variable JSON | --iter-indices JSON] [--one-attempt] [-c CONFIG] [-p PARAMETERS] [--tag TAG] [--log-level LEVEL]';

const ITER_FLAG = { name: 'iter-variable', spellings: ['--iter-variable'], takesValue: true };
const MODE_FLAG = { name: 'mode', spellings: ['--mode'], takesValue: true };
/** A whole-graph executor's pods give their position in maps and loops instead of the items (remote-steps.ts). */
export const ITER_INDICES_FLAG = { name: 'iter-indices', spellings: ['--iter-indices'], takesValue: true };
const ONE_ATTEMPT_FLAG = { name: 'one-attempt', spellings: ['--one-attempt'], takesValue: false };

export function parseIterVariable(text: string | undefined): IterVariable {
  if (!text) return emptyIter();
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new InvalidInputError('invalid arguments', [
      {
        message: `--iter-variable is not JSON: ${(e as Error).message}.`,
        fix: 'pass {"map_variable": {"x": {"value": 1}}, "loop_variable": [{"value": 0}]}.',
      },
    ]);
  }
  const o = (v ?? {}) as Partial<IterVariable>;
  if (typeof o !== 'object' || Array.isArray(o)) {
    throw new InvalidInputError('invalid arguments', [
      { message: '--iter-variable must be a JSON object.', fix: 'pass {"map_variable": {...}, "loop_variable": [...]}.' },
    ]);
  }
  return { map_variable: o.map_variable ?? {}, loop_variable: o.loop_variable ?? [] };
}

export async function executeSingleNodeCommand(argv: string[], io: CliIO): Promise<number> {
  const a = parseArgs(
    'execute-single-node',
    argv,
    [CONFIG_FLAG, PARAMETERS_FLAG, TAG_FLAG, LOG_LEVEL_FLAG, ITER_FLAG, MODE_FLAG, ITER_INDICES_FLAG, ONE_ATTEMPT_FLAG],
    SINGLE_NODE_USAGE,
  );
  const [runIdArg, pipelineFile, stepArg, ...extra] = a.positionals;
  if (!runIdArg || !pipelineFile || !stepArg || extra.length) {
    throw new InvalidInputError('invalid arguments', [
      { message: 'execute-single-node takes RUN_ID, PIPELINE and STEP.', fix: `usage: ${SINGLE_NODE_USAGE}` },
    ]);
  }
  const runId = checkRunId(runIdArg, 'the RUN_ID argument');
  const pipeline = loadPipelineFile(pipelineFile);
  const configFile = findConfigFile(str(a.flags.config), io.env, io.cwd);
  const services = createServices(loadStepConfig(configFile, io.env));
  if (!(await services.store.exists(runId))) {
    throw noSuchRun(
      services.store,
      runId,
      'invalid arguments',
      'start the run with `runnable execute` first; execute-single-node runs one step of an existing run.',
    );
  }
  const runLog = await services.store.read(runId);
  const events = new EventBus();
  events.on(consoleReporter({ out: io.out, err: io.err, color: io.color, logLevel: str(a.flags['log-level']) ?? 'WARNING', raw: true }));
  const { run, close } = buildRunContext(
    {
      pipeline,
      runId,
      tag: str(a.flags.tag) ?? runLog.tag,
      parameters: {},
      ...requestServices(services),
      // A step of a whole-graph run (an Argo pod, a GitHub job) runs here, in this process.
      executor: isNodeExecutor(services.executor)
        ? services.executor
        : new LocalExecutor({ enable_parallel: false, object_serialisation: true, overrides: {} }),
      files: { pipeline: pipelineFile, config: configFile, parameters: str(a.flags.parameters) },
      env: io.env,
      signal: io.signal,
      retry: io.env.RUNNABLE_RETRY_RUN_ID ? { indicator: io.env.RUNNABLE_RETRY_INDICATOR ?? '' } : undefined,
    },
    runLog,
    events,
  );
  try {
    const internalName = fromCommandFriendly(stepArg);
    const indices = str(a.flags['iter-indices']);
    const status = await executeSingleNode(run, {
      pipeline,
      internalName,
      iter: indices
        ? iterFromIndices(pipeline, runLog, internalName, parseIterIndices(indices))
        : parseIterVariable(str(a.flags['iter-variable'])),
      oneAttempt: a.flags['one-attempt'] === true,
    });
    return status === 'SUCCESS' ? 0 : 1;
  } finally {
    await close();
  }
}
