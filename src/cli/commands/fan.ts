// `runnable fan RUN_ID PIPELINE STEP MODE`: the parts of a run a whole-graph executor's engine (Argo) cannot do
// with `execute-single-node`, one process each (engine/remote-steps.ts):
//   start  create the run log (the initial parameters from -p and RUNNABLE_PRM_ variables); STEP is "-"
//   out    open a composite step and its branches; writes `iterate-on` (map indices) or `case` (conditional) to --out-dir
//   next   after loop iteration --index: writes `continue` (true/false) and `next-index` to --out-dir
//   in     close a composite step from its branches (merge, reduce); exit 1 when it failed
//   exit   the workflow's exit handler: a run left PROCESSING (a pod killed) is marked FAIL; STEP is "-"
// runnable has `runnable fan ... in|out` with the map items on the command line; positions here are indices.
import fs from 'node:fs';
import path from 'node:path';
import { findConfigFile } from '../../config/config-file.js';
import { createServices, requestServices, type Services } from '../../config/services.js';
import { EventBus } from '../../engine/events.js';
import { isNodeExecutor } from '../../engine/executor.js';
import { initialParameters } from '../../engine/parameters.js';
import { closeUnfinishedRun, fanIn, fanOut, iterFromIndices, locateComposite, loopNext } from '../../engine/remote-steps.js';
import { buildRunContext, createRunLog } from '../../engine/run-pipeline.js';
import { InvalidInputError } from '../../errors.js';
import { LocalExecutor } from '../../executors/local-executor.js';
import { loadPipelineFile } from '../../pipeline/load.js';
import type { Pipeline } from '../../pipeline/model.js';
import { fromCommandFriendly } from '../../pipeline/names.js';
import { consoleReporter } from '../../report/console-reporter.js';
import type { RunLog } from '../../services/run-log/model.js';
import { parseArgs, str } from '../args.js';
import type { CliIO } from '../io.js';
import { CONFIG_FLAG, LOG_LEVEL_FLAG, PARAMETERS_FLAG, TAG_FLAG } from '../options.js';
import { checkRunId } from '../../run/run-id.js';
import { loadStepConfig, parseIterIndices } from '../step-config.js';
import { ITER_INDICES_FLAG } from './execute-single-node.js';
import { noSuchRun } from '../../services/run-log/store.js';
import { unreachable } from '../../util/unreachable.js';

export const FAN_USAGE =
  'runnable fan RUN_ID PIPELINE.yaml STEP_INTERNAL_NAME|- start|out|next|in|exit [--iter-indices JSON] [--index N] [--out-dir DIR] [--workflow-uid UID] [-c CONFIG] [-p PARAMETERS] [--tag TAG]';

const MODES = ['start', 'out', 'next', 'in', 'exit'] as const;
type FanMode = (typeof MODES)[number];

const FLAGS = [
  CONFIG_FLAG,
  PARAMETERS_FLAG,
  TAG_FLAG,
  LOG_LEVEL_FLAG,
  ITER_INDICES_FLAG,
  { name: 'index', spellings: ['--index'], takesValue: true },
  { name: 'out-dir', spellings: ['--out-dir'], takesValue: true },
  { name: 'workflow-uid', spellings: ['--workflow-uid'], takesValue: true },
];

export async function fanCommand(argv: string[], io: CliIO): Promise<number> {
  const a = parseArgs('fan', argv, FLAGS, FAN_USAGE);
  const [runIdArg, pipelineFile, stepArg, modeArg, ...extra] = a.positionals;
  if (!runIdArg || !pipelineFile || !stepArg || !MODES.includes(modeArg as FanMode) || extra.length) {
    throw new InvalidInputError('invalid arguments', [
      { message: 'fan takes RUN_ID, PIPELINE, STEP and one of start, out, next, in, exit.', fix: `usage: ${FAN_USAGE}` },
    ]);
  }
  const mode = modeArg as FanMode;
  const runId = checkRunId(runIdArg, 'the RUN_ID argument');
  const pipeline = loadPipelineFile(pipelineFile);
  const configFile = findConfigFile(str(a.flags.config), io.env, io.cwd);
  const services = createServices(loadStepConfig(configFile, io.env));
  const files = { pipeline: pipelineFile, config: configFile, parameters: str(a.flags.parameters) };
  const uid = str(a.flags['workflow-uid']) ?? '';

  if (mode === 'start') {
    const runLog = await createRunLog({
      pipeline,
      runId,
      tag: str(a.flags.tag) ?? '',
      parameters: initialParameters(files.parameters, io.env),
      ...requestServices(services),
      files,
    });
    runLog.status = 'PROCESSING';
    if (uid) runLog.run_config = { ...runLog.run_config, workflow_uid: uid };
    services.store.save(runLog, '');
    await services.store.flush();
    return 0;
  }
  if (!(await services.store.exists(runId))) {
    throw noSuchRun(services.store, runId, 'invalid arguments', "the workflow's start step creates it.");
  }
  const runLog = await services.store.read(runId);
  const { run, close } = stepContext(pipeline, runLog, services, files, io, str(a.flags['log-level']));
  try {
    if (mode === 'exit') {
      // only the run this workflow created: a resubmitted workflow with a taken run id must not touch the other run
      if (uid && runLog.run_config?.workflow_uid !== uid) return 0;
      if (closeUnfinishedRun(run)) io.err(`run ${runId} ended without reaching a success or fail step: marked FAIL.`);
      return 0;
    }
    const internalName = fromCommandFriendly(stepArg);
    const indices = str(a.flags['iter-indices']);
    const iter = iterFromIndices(pipeline, runLog, internalName, indices ? parseIterIndices(indices) : []);
    const c = locateComposite(pipeline, runLog, internalName, iter);
    const outDir = str(a.flags['out-dir']);
    const write = (name: string, value: string) => {
      if (!outDir) return;
      fs.mkdirSync(outDir, { recursive: true });
      fs.writeFileSync(path.join(outDir, name), value);
    };
    switch (mode) {
      case 'out': {
        const r = fanOut(run, c);
        if (r.iterateOn) write('iterate-on', JSON.stringify(r.iterateOn));
        if (r.case !== undefined) write('case', String(r.case));
        if (r.status === 'FAIL') io.err(`${c.stepName}: ${c.step.message}`);
        return r.status === 'FAIL' ? 1 : 0;
      }
      case 'next': {
        const index = Number(str(a.flags.index));
        if (!Number.isInteger(index) || index < 0) {
          throw new InvalidInputError('invalid arguments', [{ message: 'fan ... next needs --index N.', fix: `usage: ${FAN_USAGE}` }]);
        }
        const r = loopNext(run, c, index);
        write('continue', String(r.again));
        write('next-index', String(r.nextIndex));
        return 0;
      }
      case 'in': {
        const status = await fanIn(run, c);
        if (status !== 'SUCCESS') io.err(`${c.stepName}: ${c.step.message || 'failed'}`);
        return status === 'SUCCESS' ? 0 : 1;
      }
      default:
        return unreachable(mode, 'fan mode');
    }
  } finally {
    await services.store.flush();
    await close();
  }
}

function stepContext(
  pipeline: Pipeline,
  runLog: RunLog,
  services: Services,
  files: { pipeline: string; config?: string; parameters?: string },
  io: CliIO,
  logLevel?: string,
) {
  const events = new EventBus();
  events.on(consoleReporter({ out: io.out, err: io.err, color: io.color, logLevel: logLevel ?? 'WARNING', raw: true }));
  return buildRunContext(
    {
      pipeline,
      runId: runLog.run_id,
      tag: runLog.tag,
      parameters: {},
      ...requestServices(services),
      executor: isNodeExecutor(services.executor)
        ? services.executor
        : new LocalExecutor({ enable_parallel: false, object_serialisation: true, overrides: {} }),
      files,
      env: io.env,
      signal: io.signal,
    },
    runLog,
    events,
  );
}
