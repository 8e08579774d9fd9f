// One run from start to end: create (or, on a retry, reopen) the run log, traverse the root graph, and leave a
// whole run log behind whatever happens: a cancelled or broken run is marked FAIL and flushed, never left
// PROCESSING as runnable leaves it.
import { CancelledError, InvalidInputError } from '../errors.js';
import { dagDump } from '../pipeline/dag-hash.js';
import type { Pipeline } from '../pipeline/model.js';
import { declaredSecrets } from '../pipeline/walk.js';
import { emptyIter } from '../pipeline/names.js';
import type { Catalog } from '../services/catalog/catalog.js';
import type { Parameters, RunLog, Status } from '../services/run-log/model.js';
import { describeHolder, RunLockedError, type RunLock } from '../services/run-log/run-lock.js';
import type { RunLogStore } from '../services/run-log/store.js';
import { SecretMasker } from '../services/secrets/masker.js';
import type { SecretsStore } from '../services/secrets/secrets.js';
import { warmCodeIdentity } from './code-identity.js';
import { describeDagChanges } from './dag-changes.js';
import { EventBus } from './events.js';
import { isNodeExecutor, type Executor, type GraphOutcome, type NodeExecutor } from './executor.js';
import type { RunContext } from './run-context.js';
import { RunResources } from './run-resources.js';
import { Semaphore } from './semaphore.js';
import { taskBaseEnv } from './task-env.js';
import { EventLoopTurns, executeGraph } from './traverse.js';
import { noSuchRun } from '../services/run-log/store.js';

export interface RunRequest {
  pipeline: Pipeline;
  runId: string;
  tag: string;
  parameters: Parameters;
  store: RunLogStore;
  catalog: Catalog;
  secrets: SecretsStore;
  executor: Executor;
  /** run_config entries describing the services, as runnable records them. */
  serviceSummary: Record<string, unknown>;
  /** Each service's `{type, config}` as configured: what a whole-graph executor passes on to the steps it starts. */
  serviceConfigs?: Record<string, { type: string; config: Record<string, unknown> }>;
  /** For a whole-graph executor: run the pipeline (default), or only render its files (`runnable transpile`). */
  intent?: 'execute' | 'render';
  /** Where a whole-graph executor's lines for the user go (default: nowhere). */
  say?: (line: string) => void;
  files: { pipeline: string; config?: string; parameters?: string };
  logLevel?: string;
  retry?: { indicator: string };
  events?: EventBus;
  signal?: AbortSignal;
  /** The environment tasks inherit (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

export interface RunOutcome {
  /** The run log; absent when a whole-graph executor rendered or submitted the run and could not read it back. */
  runLog?: RunLog;
  /** SUCCESS also when a whole-graph executor only rendered or submitted the run: the command did what it said. */
  status: Status;
  /** What a whole-graph executor did. */
  handoff?: GraphOutcome;
}

/** The context a run (or a single step of it) executes in. `close` ends what its tasks started (python workers). */
export function buildRunContext(
  req: RunRequest & { executor: NodeExecutor },
  runLog: RunLog,
  events: EventBus,
): { run: RunContext; close(): Promise<void> } {
  const abort = req.signal ?? new AbortController().signal;
  const baseEnv = taskBaseEnv(req.pipeline, req.env ?? process.env);
  const resources = new RunResources({ cwd: req.catalog.computeDataFolder, env: baseEnv });
  // a cancelled run must not wait for a python function to return
  abort.addEventListener('abort', () => void resources.close(), { once: true });
  const run: RunContext = {
    runId: req.runId,
    tag: req.tag,
    pipeline: req.pipeline,
    store: req.store,
    catalog: req.catalog,
    secrets: req.secrets,
    executor: req.executor,
    events,
    masker: maskerForRun(req),
    runLog,
    lanes: new Semaphore(1),
    baseEnv,
    files: req.files,
    logLevel: req.logLevel ?? 'WARNING',
    retry: req.retry,
    resources,
    abort,
    turns: new EventLoopTurns(),
  };
  return { run, close: () => resources.close() };
}

/**
 * Every secret a task of the pipeline declares is masked from the start of the run, not from the first task that
 * declares it: an earlier or parallel step printing the value shows ***. A secret that cannot be read now is
 * left to the step that declares it (which then fails with the reason).
 */
function maskerForRun(req: RunRequest): SecretMasker {
  const masker = new SecretMasker();
  for (const name of declaredSecrets(req.pipeline.graph)) {
    try {
      masker.add(req.secrets.get(name), name);
    } catch {
      // reported by the step that declares it
    }
  }
  return masker;
}

export async function runPipeline(req: RunRequest): Promise<RunOutcome> {
  const executor = req.executor;
  if (!isNodeExecutor(executor)) return handOffGraph(req, executor);
  if (req.intent === 'render') {
    throw new InvalidInputError('invalid configuration', [
      {
        message: `the ${executor.type} executor runs pipelines itself; there is nothing to transpile.`,
        fix: 'configure a whole-graph executor (pipeline-executor: {type: argo} or {type: github}) to write its files, or use `runnable execute`.',
      },
    ]);
  }
  return traverseRun({ ...req, executor });
}

/** A whole-graph executor: it gets the pipeline and the services, and renders or submits the run. */
async function handOffGraph(req: RunRequest, executor: Exclude<Executor, NodeExecutor>): Promise<RunOutcome> {
  const events = req.events ?? new EventBus();
  const run = {
    intent: req.intent ?? 'execute',
    runId: req.runId,
    tag: req.tag,
    pipeline: req.pipeline,
    parameters: req.parameters,
    store: req.store,
    catalog: req.catalog,
    secrets: req.secrets,
    services: req.serviceConfigs ?? {},
    files: req.files,
    events,
    logLevel: req.logLevel ?? 'WARNING',
    env: req.env ?? process.env,
    abort: req.signal ?? new AbortController().signal,
    say: req.say ?? (() => {}),
  };
  try {
    await executor.prepare?.(run);
    const handoff = await executor.executeGraph(run);
    const status: Status = handoff.kind === 'finished' ? handoff.status : 'SUCCESS';
    return { status, handoff, runLog: handoff.kind === 'finished' ? handoff.runLog : undefined };
  } finally {
    await executor.close?.();
  }
}

async function traverseRun(req: RunRequest & { executor: NodeExecutor }): Promise<RunOutcome> {
  // One writer per run: the lock comes before the run log is created or reopened, so of two processes started
  // with one run id, one runs and the other is refused before anything runs.
  const lock = takeRunLock(req);
  try {
    return await lockedRun(req);
  } finally {
    lock?.release();
  }
}

function takeRunLock(req: RunRequest): RunLock | undefined {
  try {
    return req.store.lock?.(req.runId);
  } catch (e) {
    if (!(e instanceof RunLockedError)) throw e;
    throw new InvalidInputError(req.retry ? 'invalid retry' : 'run id in use', [
      {
        message: `run "${req.runId}" is being run by ${describeHolder(e.holder)}: one run has one writer.`,
        fix: req.retry
          ? `wait for it to end (or stop it) and retry then; if that process is gone, remove ${e.file}.`
          : `choose another run id, or leave it out to have one generated; if that process is gone, remove ${e.file}.`,
      },
    ]);
  }
}

async function lockedRun(req: RunRequest & { executor: NodeExecutor }): Promise<RunOutcome> {
  const events = req.events ?? new EventBus();
  const started = Date.now();
  warmCodeIdentity();
  const runLog = req.retry ? await reopenForRetry(req) : await createRunLog(req);
  const { run, close } = buildRunContext(req, runLog, events);
  // The executor's checks (an engine that answers, images that exist) come before the run log is written:
  // a run that cannot start leaves nothing behind.
  try {
    await req.executor.prepare?.(run);
  } catch (e) {
    await Promise.allSettled([req.executor.close?.(), close()]);
    throw e;
  }
  try {
    run.lanes = new Semaphore(Math.max(1, req.executor.maxConcurrency));
    events.emit({
      type: 'run-started',
      runId: req.runId,
      pipelineFile: req.files.pipeline,
      executor: req.executor.type,
      retry: !!req.retry,
    });
    req.store.save(runLog, '');
    await req.store.flush();
    const root = { branch: '', steps: runLog.steps, params: runLog.parameters, holder: runLog, iter: emptyIter(), env: {} };
    await executeGraph(run, req.pipeline.graph, root);
    if (runLog.status === 'PROCESSING') runLog.status = 'FAIL';
  } catch (e) {
    // Whatever stopped the run, the log on disk says so: the run FAILed, and the step that was running too.
    runLog.status = 'FAIL';
    markRunningStepsFailed(runLog, e instanceof CancelledError ? 'cancelled' : `stopped: ${(e as Error).message}`);
    saveAllBranches(run);
    throw e;
  } finally {
    req.store.save(runLog, '');
    await req.store.flush();
    await Promise.allSettled([req.executor.close?.(), close()]);
    events.emit({ type: 'run-finished', runId: req.runId, status: runLog.status, durationMs: Date.now() - started });
  }
  return { runLog, status: runLog.status };
}

/** A new run log for `req` (refused when the run id exists): also what the first job of a GitHub workflow creates. */
export async function createRunLog(req: RunRequest): Promise<RunLog> {
  if (await req.store.exists(req.runId)) {
    throw new InvalidInputError('run id exists', [
      {
        message: `a run with id "${req.runId}" already exists in the ${req.store.type} run-log store.`,
        fix: `choose another run id, leave it out to have one generated, or resume that run with \`runnable retry ${req.runId}\`.`,
      },
    ]);
  }
  return {
    run_id: req.runId,
    dag_hash: req.pipeline.dagHash,
    tag: req.tag,
    status: 'PROCESSING',
    steps: {},
    job: null,
    parameters: req.parameters,
    run_config: runConfig(req),
  };
}

async function reopenForRetry(req: RunRequest): Promise<RunLog> {
  if (!(await req.store.exists(req.runId))) {
    throw noSuchRun(
      req.store,
      req.runId,
      'invalid retry',
      'give the run id of a failed run (see `runnable list`), with the same configuration it ran with.',
    );
  }
  const old = await req.store.read(req.runId);
  if (old.status === 'SUCCESS') {
    throw new InvalidInputError('invalid retry', [
      { message: `run "${req.runId}" succeeded: there is nothing to retry.`, fix: 'start a new run instead.' },
    ]);
  }
  if (old.dag_hash !== req.pipeline.dagHash) {
    const changes = describeDagChanges((old.run_config?.dag ?? {}) as Record<string, unknown>, dagDump(req.pipeline.graph));
    throw new InvalidInputError('invalid retry', [
      {
        message: `the pipeline changed since run "${req.runId}", so it cannot be resumed: ${changes.join('; ') || 'its structure differs'}.`,
        fix: 'undo the change to the pipeline and retry, or start a new run with the changed pipeline.',
      },
    ]);
  }
  old.status = 'PROCESSING';
  old.run_config = { ...old.run_config, is_retry: true, retry_indicator: req.retry?.indicator ?? '' };
  return old;
}

function runConfig(req: RunRequest): Record<string, unknown> {
  return {
    execution_mode: 'yaml',
    run_id: req.runId,
    tag: req.tag,
    object_serialisation: true,
    return_objects: {},
    ...req.serviceSummary,
    pipeline_definition_file: req.files.pipeline,
    configuration_file: req.files.config ?? null,
    parameters_file: req.files.parameters ?? null,
    retry_indicator: req.retry?.indicator ?? '',
    is_retry: !!req.retry,
    dag: dagDump(req.pipeline.graph),
    dag_hash: req.pipeline.dagHash,
  };
}

function markRunningStepsFailed(runLog: RunLog, message: string): void {
  const walk = (steps: RunLog['steps']) => {
    for (const s of Object.values(steps)) {
      for (const b of Object.values(s.branches)) {
        walk(b.steps);
        if (b.status === 'PROCESSING' || b.status === 'CREATED') b.status = 'FAIL';
      }
      if (s.status === 'PROCESSING' || s.status === 'CREATED') {
        s.status = 'FAIL';
        s.message = message;
      }
    }
  };
  walk(runLog.steps);
}

// After a failure deep inside, branch documents (chunked-fs) must be written with their final statuses too.
function saveAllBranches(run: RunContext): void {
  const walk = (steps: RunLog['steps']) => {
    for (const s of Object.values(steps)) {
      for (const b of Object.values(s.branches)) {
        run.store.save(run.runLog, b.internal_name);
        walk(b.steps);
      }
    }
  };
  walk(run.runLog.steps);
}
