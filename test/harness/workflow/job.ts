// One job instance (a job, or one combination of its matrix) on a fresh runner: its own workspace, temp and
// tool cache, its `env`, its steps in order (each with `if:`, ids GitHub would generate for those without one),
// the post steps of the actions it used in reverse order, `timeout-minutes` (default 360) and cancellation
// through the job's signal, then its `outputs` evaluated over `steps`. Secrets are masked in its log; an output
// holding a secret is dropped with a warning, as GitHub does. `container:` and `services:` run on the local Docker
// engine (job-container.ts): the steps run inside the job container, and the containers go after the post steps.
import type { Annotation } from './commands.js';
import { Masker } from './commands.js';
import type { Conclusion, JobContext, RunContext, StepResult } from './context.js';
import { jobScope, makeJobDirs, textMap, workflowEnv } from './context.js';
import type { ExprValue } from './expressions.js';
import { evaluateTemplate, toText, truthy } from './expressions.js';
import type { WorkflowJob } from './loader.js';
import { startJobContainers } from './job-container.js';
import { runScript } from './run-step.js';
import { generatedStepId, runStep } from './step-runner.js';
import { runUses } from './uses.js';

/** What one job instance did. */
export interface JobInstanceResult {
  /** The name GitHub shows (with matrix values). */
  name: string;
  matrix: Record<string, ExprValue>;
  /** `failure` of a job with `continue-on-error` still concludes `success`. */
  outcome: Exclude<Conclusion, 'skipped'>;
  conclusion: Exclude<Conclusion, 'skipped'>;
  outputs: Record<string, string>;
  steps: StepResult[];
  /** Annotations of the job itself (not of a step): time-outs, unsupported features. */
  annotations: Annotation[];
  log: string;
  workspace: string;
}

/** The job-instance specifics the scheduler decides. */
export interface InstanceSpec {
  jobId: string;
  name: string;
  job: WorkflowJob;
  matrix: Record<string, ExprValue>;
  strategy: Record<string, ExprValue>;
  needs: Record<string, ExprValue>;
  /** A folder name unique in the run. */
  key: string;
  /** The instance's number in the run, from 1 (the artifact service's job id). */
  number: number;
  signal: AbortSignal;
}

/** Runs one job instance start to end. */
export async function runJobInstance(run: RunContext, spec: InstanceSpec): Promise<JobInstanceResult> {
  const dirs = makeJobDirs(run, spec.key);
  const abort = new AbortController();
  const job: JobContext = {
    run,
    ...spec,
    ...dirs,
    serviceEnv: run.options.artifactService?.env(run.runId, String(spec.number)) ?? {},
    jobEnv: {},
    exportedEnv: {},
    addedPath: [],
    steps: {},
    results: [],
    posts: [],
    masker: new Masker(),
    failed: false,
    cancelled: false,
    signal: abort.signal,
    log: [],
  };
  for (const v of Object.values(run.secrets)) job.masker.add(v);
  const annotations: Annotation[] = [];
  const fail = (message: string) => {
    annotations.push({ level: 'error', message });
    job.log.push(`##[error]${message}`);
    job.failed = true;
  };
  const onParentAbort = () => abort.abort();
  if (spec.signal.aborted) abort.abort();
  spec.signal.addEventListener('abort', onParentAbort, { once: true });
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const early = jobScope(job, {}, { env: workflowEnv(job) });
    job.jobEnv = textMap(evaluateTemplate(spec.job.env ?? {}, early));
    const minutes = Number(toText(evaluateTemplate(spec.job['timeout-minutes'] ?? 360, early)));
    timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, minutes * 60_000);
    if (abort.signal.aborted) {
      job.cancelled = true;
    } else {
      job.containers = await startJobContainers(job);
      await runSteps(job);
    }
    if (timedOut) fail(`The job running on runner harness has exceeded the maximum execution time of ${minutes} minutes.`);
  } catch (e) {
    fail((e as Error).message);
  } finally {
    clearTimeout(timer);
    spec.signal.removeEventListener('abort', onParentAbort);
  }
  for (const post of [...job.posts].reverse()) {
    const result = await post.run();
    if (result) {
      job.results.push(result);
      job.log.push(`##[step] ${result.name}: ${result.conclusion}`);
      if (result.log) job.log.push(result.log);
    }
  }
  await job.containers?.remove();
  const outputs = evaluateOutputs(job, annotations);
  const outcome = job.failed ? 'failure' : job.cancelled ? 'cancelled' : 'success';
  const continueOnError = flag(() => evaluateTemplate(spec.job['continue-on-error'] ?? false, jobScope(job)));
  return {
    name: spec.name,
    matrix: spec.matrix,
    outcome,
    conclusion: outcome === 'failure' && continueOnError ? 'success' : outcome,
    outputs,
    steps: job.results,
    annotations,
    log: job.log.join('\n'),
    workspace: job.workspace,
  };
}

/** A boolean setting's value; an expression that fails to evaluate counts as false. */
function flag(value: () => ExprValue): boolean {
  try {
    return truthy(value());
  } catch {
    return false;
  }
}

async function runSteps(job: JobContext): Promise<void> {
  const taken = new Set(job.job.steps.map((s) => s.id).filter((id): id is string => !!id));
  for (const step of job.job.steps) {
    const id = step.id ?? generatedStepId(step, taken);
    taken.add(id);
    if (job.signal.aborted) job.cancelled = true;
    if (step.run !== undefined && step.uses !== undefined) throw new Error(`a step of job '${job.jobId}' has both run: and uses:`);
    await runStep(job, step, id, step.run !== undefined ? runScript : runUses);
  }
}

function evaluateOutputs(job: JobContext, annotations: Annotation[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, expr] of Object.entries(job.job.outputs ?? {})) {
    let value: string;
    try {
      value = toText(evaluateTemplate(expr, jobScope(job)));
    } catch (e) {
      annotations.push({ level: 'error', message: `output '${name}': ${(e as Error).message}` });
      continue;
    }
    if (job.masker.mask(value) !== value) {
      annotations.push({ level: 'warning', message: `Skip output '${name}' since it may contain secret.` });
      continue;
    }
    out[name] = value;
  }
  return out;
}
