// The action's `mode: step`: one job of a workflow the github executor wrote. It fetches the run log the jobs
// before it left (artifacts), runs its stage of the pipeline with the engine's own code (stages.ts), uploads
// the run-log files it changed, and sets the job outputs the workflow branches on (a map's slices, a
// conditional's branch). The finish job also uploads the assembled run log and writes the job summary. The
// exit code is the stage's outcome (0 success, 1 failed), which is what `needs.<job>.result` shows later jobs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { EventBus } from '../engine/events.js';
import { buildRunContext, createRunLog } from '../engine/run-pipeline.js';
import { Semaphore } from '../engine/semaphore.js';
import { EXIT, InvalidInputError, RunnableError, formatIssue } from '../errors.js';
import { changedFiles, downloadJobLogs, logArtifactName, snapshotFolder } from '../executors/github/run-log-handoff.js';
import { runStage, type StageOutcome } from '../executors/github/stages.js';
import { LocalExecutor } from '../executors/local-executor.js';
import { assembleRun } from '../run/assemble.js';
import { loadPlugins } from '../run/plugins.js';
import { ChunkedFsRunLogStore } from '../services/run-log/chunked-fs-store.js';
import type { ArtifactTransport } from '../services/catalog/artifact-transport.js';
import { chunkDir, singleFile } from '../services/run-log/file-layouts.js';
import type { RunLog } from '../services/run-log/model.js';
import { SecretMasker } from '../services/secrets/masker.js';
import { Annotations, failedSteps, issueAnnotation } from './annotations.js';
import { OutputTails, githubReporter } from './github-reporter.js';
import { readInputs } from './inputs.js';
import { ActionLog } from './log.js';
import { SecretRegistry } from './masking.js';
import { ActionsArtifactTransport, artifactServiceAvailable } from './artifact-transport.js';
import { shareCatalog, uploadRunLog } from './artifacts.js';
import { readStepInputs, type StepInputs } from './step-inputs.js';
import { renderSummary } from './summary.js';

export async function runStepMode(opts: { signal?: AbortSignal } = {}): Promise<number> {
  const startDir = process.cwd();
  const masker = new SecretMasker();
  const log = new ActionLog(masker);
  const annotations = new Annotations(log, path.resolve(process.env.GITHUB_WORKSPACE || startDir), startDir, (t) => masker.mask(t));
  let code: number;
  try {
    const inputs = readInputs(startDir);
    const step = readStepInputs();
    process.chdir(inputs.workingDirectory);
    annotations.cwd = process.cwd();
    const parametersFile =
      inputs.parameters && 'inline' in inputs.parameters ? writeInlineParameters(inputs.parameters.inline) : inputs.parameters?.file;
    const transport = artifactServiceAvailable(process.env) ? new ActionsArtifactTransport() : undefined;
    await loadPlugins(inputs.config, process.env, process.cwd());
    const { request } = assembleRun(
      {
        pipeline: { kind: 'file', file: inputs.pipeline },
        runId: inputs.runId,
        configFile: inputs.config,
        parametersFile: step.createRun ? parametersFile : undefined,
        tag: inputs.tag,
        logLevel: inputs.logLevel,
        names: { runId: 'the run-id input' },
        artifactTransport: transport,
      },
      process.env,
      process.cwd(),
    );
    if (!transport) throw noArtifactService();
    // Jobs share nothing but artifacts: files go through the github-artifacts catalog (unless there is no catalog).
    if (request.catalog.type !== 'do-nothing') shareCatalog(request, transport);
    const secrets = new SecretRegistry(log, masker);
    secrets.registerDeclared(request.pipeline.graph, request.secrets);
    // Jobs share nothing but artifacts: the run log is a chunked-fs folder whatever store the configuration names.
    const folder = path.resolve(request.store.logFolder ?? '.run_log_store');
    const store = new ChunkedFsRunLogStore({ log_folder: folder });
    const executor = new LocalExecutor({ enable_parallel: true, object_serialisation: true, overrides: {} });
    if (!step.createRun) {
      const got = await downloadJobLogs(transport, request.runId, folder);
      log.text(`run log of ${request.runId}: ${got.length} artifact${got.length === 1 ? '' : 's'} of earlier jobs`);
    }
    const dir = chunkDir(folder, request.runId);
    const before = snapshotFolder(dir);
    const runLog = step.createRun ? await createRunLog({ ...request, store }) : await store.read(request.runId);
    const events = new EventBus();
    events.on(githubReporter(log, annotations, new OutputTails()));
    const { run, close } = buildRunContext(
      { ...request, store, executor, secrets: secrets.wrap(request.secrets), events, signal: opts.signal },
      runLog,
      events,
    );
    let outcome: StageOutcome | undefined;
    try {
      await executor.prepare(run);
      run.lanes = new Semaphore(Math.max(1, executor.maxConcurrency));
      if (step.createRun) store.save(runLog, '');
      outcome = await runStage(run, step);
    } finally {
      await store.flush().catch(() => {});
      await close();
      // what this job wrote reaches the jobs after it, also when the stage broke half-way (the finish job fails what is left PROCESSING)
      const key = `${step.stage}-${step.step || 'run'}${step.items ? `-${step.items}` : ''}`;
      const name = logArtifactName(request.runId, step.sequence, key, process.env.GITHUB_RUN_ATTEMPT || '1');
      const changed = changedFiles(dir, before);
      if (changed.length) await transport.upload(name, changed, folder);
    }
    if (step.stage === 'finish') await finishRun(runLog, transport, store, log, masker, request);
    setOutputs(log, outcome, request.runId, runLog);
    log.text(`${describe(step)}: ${outcome.status}`);
    code = outcome.status === 'SUCCESS' ? EXIT.success : EXIT.runFailed;
  } catch (e) {
    code = explain(e, log, annotations);
  }
  log.resume();
  process.chdir(startDir);
  process.exitCode = code;
  return code;
}

function describe(s: StepInputs): string {
  return s.stage === 'finish' ? 'the run' : `${s.stage} of ${s.step}${s.items ? ` (items ${s.items})` : ''}`;
}

function setOutputs(log: ActionLog, outcome: StageOutcome, runId: string, runLog: RunLog): void {
  log.fileCommand('GITHUB_OUTPUT', () => {
    for (const [k, v] of Object.entries(outcome.outputs)) core.setOutput(k, v);
    core.setOutput('run-id', runId);
    if (!('status' in outcome.outputs)) core.setOutput('status', outcome.status);
    core.setOutput('failed-steps', JSON.stringify(failedSteps(runLog).map((f) => f.internalName)));
  });
}

/**
 * The whole run log as one file (runnable's file-system layout, which `runnable show` and `retry-run-id` read),
 * uploaded as the run's run-log artifact, and the job summary.
 */
async function finishRun(
  runLog: RunLog,
  transport: ArtifactTransport,
  store: ChunkedFsRunLogStore,
  log: ActionLog,
  masker: SecretMasker,
  request: { runId: string; pipeline: Parameters<typeof renderSummary>[0]['pipeline']; files: { pipeline: string } },
): Promise<void> {
  fs.writeFileSync(singleFile(store.logFolder as string, request.runId), JSON.stringify(runLog));
  const name = await uploadRunLog(transport, store, request.runId, process.env);
  log.text(`run log: artifact ${name} (${request.runId}.json)`);
  const failed = failedSteps(runLog);
  const summary = renderSummary({
    outcome: runLog.status === 'SUCCESS' ? 'SUCCESS' : 'FAIL',
    runId: request.runId,
    pipelineFile: request.files.pipeline,
    executor: 'github',
    pipeline: request.pipeline,
    runLog,
    runLogPath: `artifact ${name}`,
    reason: runLog.status === 'SUCCESS' ? undefined : failed.length ? `${failed.length} step(s) failed.` : 'the run failed.',
    details: failed.map((f) => f.internalName),
  });
  const target = process.env.GITHUB_STEP_SUMMARY;
  if (target) fs.appendFileSync(target, masker.mask(summary));
}

/** The runner's artifact service is the only way jobs of a workflow hand anything on: without it, step mode cannot run. */
function noArtifactService(): InvalidInputError {
  return new InvalidInputError('invalid action inputs', [
    {
      message: 'input "mode": step needs GitHub\'s artifact service, but ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set.',
      fix: 'run `mode: step` only in the jobs of a workflow written by `runnable transpile` (a GitHub Actions job gives the action the service).',
    },
  ]);
}

function explain(e: unknown, log: ActionLog, annotations: Annotations): number {
  if (e instanceof InvalidInputError) {
    log.text(`error: ${e.kind}${e.issues.length > 1 ? ` (${e.issues.length} problems)` : ''}:`);
    for (const i of e.issues) {
      log.text(`  ${formatIssue(i)}`);
      annotations.error(issueAnnotation(e.kind, i));
    }
    // one ::error per problem: no closing error repeats the first (the exit code says the step failed)
    annotations.finish();
    return e.exitCode;
  }
  if (e instanceof RunnableError) {
    log.text(`error: ${e.kind}: ${e.message}`);
    annotations.finish(`${e.kind}: ${e.message}`);
    return e.exitCode;
  }
  log.text(`internal error (a bug in runnable; please report it with this text):\n${(e as Error)?.stack ?? String(e)}`);
  annotations.finish(`internal error: ${(e as Error)?.message ?? String(e)}`);
  return EXIT.runFailed;
}

/** Parameters written inline in the workflow, as the parameters file the engine reads. */
function writeInlineParameters(text: string): string {
  const file = path.join(process.env.RUNNER_TEMP || os.tmpdir(), `runnable-parameters-${crypto.randomBytes(4).toString('hex')}.yaml`);
  fs.writeFileSync(file, `${text}\n`);
  return file;
}
