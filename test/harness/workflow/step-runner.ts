// One step of a job, whatever runs it: its `if:` (default success()), its `env` and `name` evaluated, its
// `continue-on-error` and `timeout-minutes`, then the executor for `run:` or `uses:`; afterwards what it asked
// for (outputs, `$GITHUB_ENV`, `$GITHUB_PATH`) applied to the job and the result recorded as `steps.<id>`.
// Also the environment a step's process gets.
import type { Annotation, CommandEffects } from './commands.js';
import type { Conclusion, JobContext, StepResult } from './context.js';
import { envContext, jobScope, runnerVariables, textMap } from './context.js';
import type { ExpressionScope } from './expressions.js';
import { evaluateCondition, evaluateTemplate, interpolate, toText, truthy } from './expressions.js';
import type { WorkflowStep } from './loader.js';

/** What a step executor gets: the evaluated parts of the step. */
export interface StepCall {
  id: string;
  name: string;
  scope: ExpressionScope;
  /** The step's own `env`, evaluated. */
  stepEnv: Record<string, string>;
  /** The step's `with`, evaluated to text. */
  with: Record<string, string>;
  timeoutMs?: number;
}

/** What a step executor returns. */
export interface StepRun {
  outcome: Exclude<Conclusion, 'skipped'>;
  exitCode?: number;
  effects: CommandEffects;
  summary: string;
}

/** Runs a `run:` or `uses:` step. */
export type StepExecutor = (job: JobContext, step: WorkflowStep, call: StepCall) => Promise<StepRun>;

/** Empty effects, for stand-ins that work in-process. */
export const noEffects = (): CommandEffects => ({ annotations: [], outputs: {}, state: {}, env: {}, path: [], log: [] });

/** A failed run with one error line and annotation. */
export function failedRun(message: string, effects: CommandEffects = noEffects()): StepRun {
  effects.log.push(`##[error]${message}`);
  effects.annotations.push({ level: 'error', message });
  return { outcome: 'failure', effects, summary: '' };
}

/** The environment of a step's process: machine, runner variables, `env` / artifact service options, the `env` context, `$GITHUB_PATH` first. */
export function processEnv(job: JobContext, stepEnv: Record<string, string>, opts: { action?: boolean } = {}): Record<string, string> {
  const given = { ...job.serviceEnv, ...(job.run.options.env ?? {}) };
  if (!opts.action) {
    // the runner gives the results service's URL and token to actions only, not to `run:` steps
    for (const k of Object.keys(given))
      if (/^ACTIONS_(RUNTIME_TOKEN|RUNTIME_URL|RESULTS_URL|CACHE_URL|ID_TOKEN_REQUEST_\w+)$/.test(k)) delete given[k];
  }
  const env = { ...job.run.baseEnv, ...runnerVariables(job), ...given, ...envContext(job, stepEnv) };
  env.PATH = [...job.addedPath, env.PATH ?? '/usr/bin:/bin'].join(':');
  return env;
}

/** GitHub's id for a step without one: `__run`, `__actions_checkout`, then `_2`, `_3`, ... when repeated. */
export function generatedStepId(step: WorkflowStep, taken: Set<string>): string {
  const base = step.uses
    ? `__${step.uses
        .replace(/@.*$/, '')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/^_+/, '')}`
    : '__run';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

function defaultName(step: WorkflowStep): string {
  if (step.run !== undefined) return `Run ${String(step.run).trim().split('\n')[0]}`;
  return `Run ${step.uses}`;
}

function record(job: JobContext, result: StepResult): StepResult {
  job.results.push(result);
  job.log.push(`##[step] ${result.phase === 'post' ? 'Post ' : ''}${result.name}: ${result.conclusion}`);
  if (result.log) job.log.push(result.log);
  return result;
}

/** Runs one step of a job (or records it as skipped) and applies what it asked for. */
export async function runStep(job: JobContext, step: WorkflowStep, id: string, executor: StepExecutor): Promise<StepResult> {
  const started = Date.now();
  const base = { id, phase: 'main' as const, uses: step.uses, outputs: {}, annotations: [] as Annotation[], summary: '', log: '' };
  let call: StepCall;
  try {
    const stepEnv = textMap(evaluateTemplate(step.env ?? {}, jobScope(job)));
    const scope = jobScope(job, stepEnv);
    const run = evaluateCondition(step.if, scope);
    const name = step.name !== undefined ? interpolate(String(step.name), scope) : defaultName(step);
    if (!run) {
      job.steps[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      return record(job, { ...base, name, outcome: 'skipped', conclusion: 'skipped', durationMs: 0 });
    }
    const minutes = step['timeout-minutes'] === undefined ? undefined : Number(toText(evaluateTemplate(step['timeout-minutes'], scope)));
    call = {
      id,
      name,
      scope,
      stepEnv,
      with: textMap(evaluateTemplate(step.with ?? {}, scope)),
      timeoutMs: minutes === undefined ? undefined : minutes * 60_000,
    };
  } catch (e) {
    const failed = failedRun(`step ${id}: ${(e as Error).message}`);
    return finish(job, step, id, defaultName(step), failed, false, started);
  }
  let outcome: StepRun;
  try {
    outcome = await executor(job, step, call);
  } catch (e) {
    outcome = failedRun((e as Error).message);
  }
  let continueOnError: boolean;
  try {
    continueOnError = truthy(evaluateTemplate(step['continue-on-error'] ?? false, call.scope));
  } catch {
    continueOnError = false;
  }
  return finish(job, step, id, call.name, outcome, continueOnError, started);
}

function finish(
  job: JobContext,
  step: WorkflowStep,
  id: string,
  name: string,
  run: StepRun,
  continueOnError: boolean,
  started: number,
): StepResult {
  const { effects } = run;
  Object.assign(job.exportedEnv, effects.env);
  job.addedPath.unshift(...[...effects.path].reverse());
  const conclusion: Conclusion = run.outcome === 'failure' && continueOnError ? 'success' : run.outcome;
  if (conclusion === 'failure') job.failed = true;
  if (run.outcome === 'cancelled') job.cancelled = true;
  job.steps[id] = { outputs: effects.outputs, outcome: run.outcome, conclusion };
  return record(job, {
    id,
    name,
    phase: 'main',
    uses: step.uses,
    outcome: run.outcome,
    conclusion,
    exitCode: run.exitCode,
    outputs: effects.outputs,
    annotations: effects.annotations,
    summary: run.summary,
    log: effects.log.join('\n'),
    durationMs: Date.now() - started,
  });
}
