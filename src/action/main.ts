// The action's main step: read the inputs, assemble the run as the CLI does, run it with the GitHub reporter
// listening, then write the outputs, the job summary and the annotations. Never throws: every outcome ends in
// an exit code (0 success, 1 run failed, 2 bad input, 3 infrastructure, 130/143 cancelled), as the CLI's.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { EventBus } from '../engine/events.js';
import { runPipeline } from '../engine/run-pipeline.js';
import { CancelledError, EXIT, InvalidInputError, RunnableError, formatIssue } from '../errors.js';
import type { Pipeline } from '../pipeline/model.js';
import { assembleRun } from '../run/assemble.js';
import { loadPlugins } from '../run/plugins.js';
import { chunkDir, singleFile } from '../services/run-log/file-layouts.js';
import type { RunLog } from '../services/run-log/model.js';
import type { RunLogStore } from '../services/run-log/store.js';
import type { ArtifactTransport } from '../services/catalog/artifact-transport.js';
import { SecretMasker } from '../services/secrets/masker.js';
import { checkBeforePlan, mockThePlan } from './validate-mode.js';
import { ArgoSession } from './argo.js';
import { openArtifacts, restoreRunLog, shareCatalog, uploadRunLog } from './artifacts.js';
import { Annotations, failedStepAnnotation, failedSteps, failureMessage, issueAnnotation } from './annotations.js';
import { OutputTails, githubReporter } from './github-reporter.js';
import { readInputs, readMode } from './inputs.js';
import { ActionLog } from './log.js';
import { SecretRegistry } from './masking.js';
import { runStepMode } from './step-mode.js';
import { renderSummary, type Outcome } from './summary.js';

/** Names of the values saved for the post step (core.saveState). */
export const STATE = { isPost: 'isPost', runId: 'runId' } as const;

export const OUTPUTS = {
  runId: 'run-id',
  status: 'status',
  failedSteps: 'failed-steps',
  runLog: 'run-log',
  runLogArtifact: 'run-log-artifact',
  argoWorkflow: 'argo-workflow',
} as const;

export interface RunOptions {
  /** Aborted on SIGINT / SIGTERM (reason: the signal's name): running tasks are stopped, the summary written. */
  signal?: AbortSignal;
  /** Armed while the run goes on, so that the entry can have the report written at once on a second signal. */
  urgent?: UrgentReport;
}

/** What is known about the run so far; filled in as it goes, so any ending can report it. */
interface Known {
  outcome?: Outcome;
  reason?: string;
  details?: string[];
  failure?: string;
  runId?: string;
  pipelineFile?: string;
  pipeline?: Pipeline;
  executor?: string;
  store?: RunLogStore;
  runLog?: RunLog;
  /** 'validate': nothing was run; the run log is the mocked plan. */
  mode?: 'validate';
  /** The name of the artifact the run log was uploaded as (`upload-run-log: true`). */
  runLogArtifact?: string;
  /** The argo executor's side: the submitted workflow and its phases. */
  argo?: ArgoSession;
  /** A whole-graph executor handed the run on (rendered or submitted it): SUCCESS without a run log here. */
  handedOff?: boolean;
}

/**
 * The entry's handle on the run in progress, owned by whoever started it (not the module: two runs in one process
 * keep their own). A second signal (the runner's SIGTERM, 7.5 s after SIGINT, 2.5 s before it kills us): write
 * what is known (outputs, a summary without the final run log) at once, then exit 130/143.
 */
export class UrgentReport {
  private write: ((signal: 'SIGINT' | 'SIGTERM') => void) | undefined;

  /** Set by `run` while it runs; cleared when it has reported. */
  arm(write: ((signal: 'SIGINT' | 'SIGTERM') => void) | undefined): void {
    this.write = write;
  }

  /** Writes the outputs and the summary of the run in progress now (once; the run's own report is then skipped). */
  report(signal: 'SIGINT' | 'SIGTERM'): void {
    this.write?.(signal);
  }

  finishNow(signal: 'SIGINT' | 'SIGTERM'): never {
    this.report(signal);
    process.exit(signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
  }
}

export async function run(opts: RunOptions = {}): Promise<number> {
  // `mode: step` is one job of a workflow the github executor wrote; an unknown mode is reported like any bad input below
  let mode: string | undefined;
  try {
    mode = readMode();
  } catch {
    mode = undefined;
  }
  if (mode === 'step') return runStepMode(opts);
  const startDir = process.cwd();
  const workspace = path.resolve(process.env.GITHUB_WORKSPACE || startDir);
  const masker = new SecretMasker();
  const log = new ActionLog(masker);
  const secrets = new SecretRegistry(log, masker);
  const annotations = new Annotations(log, workspace, startDir, (t) => masker.mask(t));
  const known: Known = {};
  const tails = new OutputTails();
  let code: number = EXIT.success;
  let reported = false;
  let transport: ArtifactTransport | undefined;
  let uploadLog = false;

  const report = () => {
    if (reported) return;
    reported = true;
    try {
      finish(known, code, log, annotations, masker, tails);
    } catch (e) {
      log.text(`the action could not write its report: ${(e as Error)?.stack ?? e}`);
    }
    log.resume();
  };
  opts.urgent?.arm((signal) => {
    code = signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
    known.outcome = 'CANCELLED';
    known.reason = `the run was cancelled by ${signal} and did not stop in time: the steps' statuses below may be out of date.`;
    known.failure = `the run was cancelled by ${signal}.`;
    report();
  });

  try {
    const validate = readMode() === 'validate';
    const inputs = readInputs(startDir);
    const argo = new ArgoSession(inputs.argo, log);
    argo.mask(secrets);
    known.pipelineFile = annotations.relativePath(path.resolve(inputs.workingDirectory, inputs.pipeline));
    process.chdir(inputs.workingDirectory);
    annotations.cwd = process.cwd();
    transport = openArtifacts(inputs, process.env);
    uploadLog = inputs.uploadRunLog;
    const parametersFile =
      inputs.parameters && 'inline' in inputs.parameters ? writeInlineParameters(inputs.parameters.inline) : inputs.parameters?.file;
    // The same assembly, precedence and checks as `runnable execute`.
    const retryRunId = inputs.retryRunId ?? (process.env.RUNNABLE_RETRY_RUN_ID || undefined);
    // plugins the configuration names (by path or from the workspace's node_modules), as the CLI finds them
    await loadPlugins(inputs.config, process.env, process.cwd());
    if (validate) {
      known.mode = 'validate';
      await checkBeforePlan(inputs.pipeline, inputs.config, parametersFile, log, annotations);
    }
    const { request, warnings } = assembleRun(
      {
        pipeline: { kind: 'file', file: inputs.pipeline },
        runId: inputs.runId,
        configFile: inputs.config,
        parametersFile,
        tag: inputs.tag,
        logLevel: inputs.logLevel,
        retry: retryRunId ? { runId: retryRunId, indicator: process.env.RUNNABLE_RETRY_INDICATOR } : undefined,
        names: { runId: 'the run-id input', retryRunId: inputs.retryRunId ? 'the retry-run-id input' : 'RUNNABLE_RETRY_RUN_ID' },
        artifactTransport: transport,
      },
      process.env,
      process.cwd(),
    );
    if (validate) mockThePlan(request);
    else {
      request.executor = argo.apply(request.executor);
      known.argo = argo;
      if (transport && inputs.catalog === 'github-artifacts') shareCatalog(request, transport);
    }
    if (transport && request.retry) {
      const restored = await restoreRunLog(transport, request.store, request.runId);
      if (restored) log.text(`the run log of run ${request.runId} was downloaded from the artifact ${restored}.`);
    }
    Object.assign(known, { runId: request.runId, pipeline: request.pipeline, executor: request.executor.type, store: request.store });
    if (!validate) secrets.registerDeclared(request.pipeline.graph, request.secrets);

    const events = new EventBus();
    events.on((e) => {
      // Saved only once the run is ours: a run id that exists already (exit 2) names another run's containers.
      if (e.type === 'run-started') log.fileCommand('GITHUB_STATE', () => core.saveState(STATE.runId, e.runId));
    });
    events.on(githubReporter(log, annotations, tails));
    for (const w of warnings) {
      log.text(`warning: ${w}`);
      annotations.warning({ message: w, title: 'runnable' });
    }
    const outcome = await runPipeline({
      ...request,
      secrets: secrets.wrap(request.secrets),
      events,
      signal: opts.signal,
      say: (line) => log.text(line),
    });
    known.argo?.finish();
    // a whole-graph executor that was following its run stops it when cancelled, and returns
    if (outcome.handoff && opts.signal?.aborted) throw new CancelledError(opts.signal.reason === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
    known.handedOff = !!outcome.handoff && !outcome.runLog;
    known.runLog = outcome.runLog;
    known.outcome = outcome.status === 'SUCCESS' ? 'SUCCESS' : 'FAIL';
    code = outcome.status === 'SUCCESS' ? EXIT.success : EXIT.runFailed;
  } catch (e) {
    code = explain(e, known, log, annotations);
    // The run log of a run that started and then broke (or was cancelled) is whole on disk: show it.
    if (known.runId && known.store && !known.runLog) {
      known.runLog = await known.store.read(known.runId).catch(() => undefined);
    }
  }
  if (transport && uploadLog && known.runId && known.store && known.runLog) {
    try {
      known.runLogArtifact = await uploadRunLog(transport, known.store, known.runId, process.env);
      if (known.runLogArtifact) log.text(`run log uploaded as the artifact ${known.runLogArtifact}.`);
    } catch (e) {
      const message = `the run log could not be uploaded: ${(e as Error).message}`;
      log.text(`warning: ${message}`);
      annotations.warning({ message, title: 'runnable' });
    }
  }
  report();
  opts.urgent?.arm(undefined);
  process.chdir(startDir);
  process.exitCode = code;
  return code;
}

/** The exit code of an error, with what the log, the summary and the annotations say about it. */
function explain(e: unknown, known: Known, log: ActionLog, annotations: Annotations): number {
  if (e instanceof InvalidInputError) {
    // nothing of this run is on disk: a run log with this id (a run id that exists) is another run's
    known.store = undefined;
    const n = e.issues.length;
    known.outcome = 'INVALID INPUT';
    known.reason = `${e.kind}${n > 1 ? ` (${n} problems)` : ''}: nothing was run.`;
    known.details = e.issues.map(formatIssue);
    known.failure = `${e.kind}${n > 1 ? ` (${n} problems)` : ''}: ${n > 1 ? 'see the annotations above.' : formatIssue(e.issues[0])}`;
    log.text(`error: ${e.kind}${n > 1 ? ` (${n} problems)` : ''}:`);
    for (const i of e.issues) {
      log.text(`  ${formatIssue(i)}`);
      annotations.error(issueAnnotation(e.kind, i));
    }
    return e.exitCode;
  }
  if (e instanceof CancelledError) {
    known.outcome = 'CANCELLED';
    known.reason = e.message;
    known.failure = `${e.message}.`;
    log.text(`${e.message}.`);
    return e.exitCode;
  }
  known.outcome = 'ERROR';
  if (e instanceof RunnableError) {
    known.reason = `${e.kind}: ${e.message}`;
    known.failure = known.reason;
    log.text(`error: ${known.reason}`);
    return e.exitCode;
  }
  known.reason = `internal error (a bug in runnable; please report it with the log of this step): ${(e as Error)?.message ?? String(e)}`;
  known.failure = known.reason;
  log.text(`internal error (a bug in runnable; please report it with this text):\n${(e as Error)?.stack ?? String(e)}`);
  return EXIT.runFailed;
}

/** Outputs, failed-step annotations, the job summary, then the annotations (the failure last). Synchronous. */
function finish(known: Known, code: number, log: ActionLog, annotations: Annotations, masker: SecretMasker, tails: OutputTails): void {
  const runLog = known.runLog;
  const failed = runLog ? failedSteps(runLog) : [];
  if (runLog && known.pipeline) {
    for (const f of failed) {
      const a = failedStepAnnotation(known.pipeline, f, tails.get(f.internalName));
      // on_failure handled it and the run went on: worth knowing, not an error
      if (runLog.status === 'SUCCESS') annotations.warning({ ...a, title: `${a.title} (on_failure went on)` });
      else annotations.error(a);
    }
  }
  if (known.outcome === 'FAIL') {
    const names = failed.map((f) => f.internalName);
    const list = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
    known.failure = `run ${known.runId} failed${list ? `: ${list}` : ''}.`;
    known.reason ??= names.length ? `${names.length} step${names.length > 1 ? 's' : ''} failed.` : 'the run failed.';
    known.details = failed.map((f) => failureMessage(f.step));
  }

  const runLogFile = known.runId && known.store ? runLogLocation(known.store, known.runId) : undefined;
  log.fileCommand('GITHUB_OUTPUT', () => {
    core.setOutput(OUTPUTS.runId, known.runId ?? '');
    const succeeded = runLog ? runLog.status === 'SUCCESS' : known.handedOff && known.outcome === 'SUCCESS';
    core.setOutput(OUTPUTS.status, code === EXIT.success && succeeded ? 'SUCCESS' : 'FAIL');
    core.setOutput(OUTPUTS.failedSteps, JSON.stringify(failed.map((f) => f.internalName)));
    core.setOutput(OUTPUTS.runLog, runLogFile ?? '');
    if (known.runLogArtifact) core.setOutput(OUTPUTS.runLogArtifact, known.runLogArtifact);
    if (known.argo?.active) core.setOutput(OUTPUTS.argoWorkflow, known.argo.workflowName ?? '');
  });
  if (runLogFile) log.text(`run log: ${runLogFile}`);

  const summary = renderSummary({
    outcome: known.outcome ?? 'ERROR',
    runId: known.runId,
    pipelineFile: known.pipelineFile,
    executor: known.executor,
    pipeline: known.pipeline,
    runLog,
    runLogPath: runLogFile ? annotations.relativePath(runLogFile) : undefined,
    reason: known.outcome === 'SUCCESS' ? undefined : known.reason,
    mode: known.mode,
    details: known.details,
    argo: known.argo?.summary(process.env),
  });
  writeSummary(masker.mask(summary), log);
  // bad input is annotated once per problem already: no second ::error repeating it (the exit code says it failed)
  const closing =
    known.outcome === 'SUCCESS' || known.outcome === 'INVALID INPUT' ? undefined : (known.failure ?? 'the run did not succeed.');
  annotations.finish(closing);
}

function writeSummary(markdown: string, log: ActionLog): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) {
    log.text('GITHUB_STEP_SUMMARY is not set: no job summary is written.');
    return;
  }
  try {
    fs.appendFileSync(file, markdown);
  } catch (e) {
    log.text(`the job summary could not be written to ${file}: ${(e as Error).message}`);
  }
}

/** The run's log on disk: `<folder>/<id>.json` (file-system) or `<folder>/<id>/` (chunked-fs); none in memory. */
function runLogLocation(store: RunLogStore, runId: string): string | undefined {
  if (!store.logFolder) return undefined;
  const file = singleFile(store.logFolder, runId);
  if (fs.existsSync(file)) return file;
  const dir = chunkDir(store.logFolder, runId);
  return fs.existsSync(path.join(dir, 'RunLog.json')) ? dir : undefined;
}

/** Parameters written inline in the workflow, as the parameters file the engine reads. */
function writeInlineParameters(text: string): string {
  const file = path.join(process.env.RUNNER_TEMP || os.tmpdir(), `runnable-parameters-${crypto.randomBytes(4).toString('hex')}.yaml`);
  fs.writeFileSync(file, `${text}\n`);
  return file;
}
