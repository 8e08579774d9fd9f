// The workflow interpreter the tests use in place of a GitHub runner (act cannot be installed offline):
// `runWorkflow({ file, repoDir, event, inputs, secrets, vars, env })` runs a workflow file's jobs on this
// machine, each job on a fresh "runner" (its own workspace, temp and tool cache under a run folder), and
// returns every job's and step's conclusion, outputs, annotations, summary and log.
//
// Supported: `on` triggers with branch/tag filters; workflow_dispatch / workflow_call inputs with defaults and
// types; `needs`; `if:` on jobs and steps with success(), failure(), always(), cancelled(); `${{ }}` with the
// github, env, inputs, needs, steps, matrix, strategy, secrets, vars, runner and job contexts and fromJSON,
// toJSON, contains, startsWith, endsWith, format, join, hashFiles; `strategy.matrix` (include, exclude,
// fromJSON, fail-fast, max-parallel); job and step outputs; $GITHUB_OUTPUT, $GITHUB_ENV, $GITHUB_PATH,
// $GITHUB_STATE, $GITHUB_STEP_SUMMARY; workflow commands (add-mask, stop-commands, error/warning/notice,
// group, debug, the deprecated set-output / save-state); `run:` with GitHub's shells, `defaults.run`,
// `working-directory`, `continue-on-error`, `timeout-minutes`; JavaScript actions (`uses: ./...`, and
// runnable/action@<ref> = this repository's action.yml + dist/action) with INPUT_* and post steps; stand-ins
// for actions/checkout, setup-node, setup-python, upload-artifact, download-artifact and cache; job `container:`
// and `services:` on the local Docker engine, the job's steps run inside its container (job-container.ts).
//
// Not supported (a job or step using them fails, saying so): reusable
// workflows (`jobs.<id>.uses`), composite and Docker actions, `runs.pre`, other actions than those above,
// `concurrency` (ignored), `paths` trigger filters (ignored), `runs-on` (everything runs on this Linux machine).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Masker } from './commands.js';
import type { Conclusion, RunContext, RunOptions } from './context.js';
import { headSha, machineEnv } from './context.js';
import type { ExprValue } from './expressions.js';
import { loadWorkflow, triggers } from './loader.js';
import type { JobResult } from './scheduler.js';
import { runJobs } from './scheduler.js';
import { artifactFiles, listArtifacts } from './stand-ins/artifacts.js';

export type { Annotation } from './commands.js';
export type { Conclusion, StepResult } from './context.js';
export type { JobInstanceResult } from './job.js';
export type { JobResult } from './scheduler.js';
export { WorkflowError, loadWorkflow, parseWorkflow } from './loader.js';
export { ExpressionError } from './expressions.js';

/** What `runWorkflow` takes. */
export interface WorkflowRunOptions extends RunOptions {
  /** The workflow file (absolute, or relative to repoDir). */
  file: string;
  /** The repository under test: what actions/checkout copies, and where runnable/action@... comes from. */
  repoDir: string;
  /**
   * The triggering event: a name (`push` by default, `pull_request`, `workflow_dispatch`, ...) or the name with
   * a payload merged over a default one, a ref (default refs/heads/main; refs/pull/1/merge for pull requests),
   * a sha (default HEAD of repoDir) and for pull requests the base and head branch names.
   */
  event?: RunOptions['event'];
  /** workflow_dispatch / workflow_call inputs; declared defaults fill the rest. */
  inputs?: Record<string, string | number | boolean>;
  /** The `secrets` context (GITHUB_TOKEN is added when missing); every value is masked in logs. */
  secrets?: Record<string, string>;
  /** The `vars` context. */
  vars?: Record<string, string>;
  /**
   * Variables of the runner machine, added to every step's environment over the runner's own (GITHUB_API_URL may
   * be pointed at a fake), not to the `env` context. ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL,
   * ACTIONS_RUNTIME_URL and ACTIONS_CACHE_URL reach JavaScript actions only, as on GitHub, not `run:` steps.
   */
  env?: Record<string, string>;
  /**
   * A results service (test/harness/artifact-service.ts's `startArtifactService()`): each job instance gets
   * `artifactService.env(github.run_id, <instance number>)` as in `env` above, so actions using
   * `@actions/artifact` share artifacts across the jobs of the run. (The upload/download-artifact stand-ins keep
   * their own folder store.)
   */
  artifactService?: { env(runBackendId?: string, jobBackendId?: string): Record<string, string> };
  /** A folder to keep the run in (jobs' workspaces, artifacts); by default a temp folder removed at the end. */
  workDir?: string;
  /** Job instances running at once (default 2). */
  maxParallelJobs?: number;
  /** Called with each log line as it is printed (WORKFLOW_HARNESS_VERBOSE=1 prints them to stderr). */
  onLog?: (job: string, line: string) => void;
  /** `owner/name` (default runnable/runnable). */
  repository?: string;
  /** github.run_id (default a random number). */
  runId?: number;
  /** Jobs left out of the run, as if deleted from the file (no job left in may need them). */
  skipJobs?: string[];
}

/** What `runWorkflow` returns. */
export interface WorkflowRunResult {
  /** failure if any job failed; cancelled if any was cancelled; skipped if every job was; else success. */
  conclusion: Conclusion;
  jobs: Record<string, JobResult>;
  /** Artifacts uploaded in the run: name -> file paths relative to the artifact's root. */
  artifacts: Record<string, string[]>;
  /** The run folder (removed already unless `workDir` was given). */
  runDir: string;
}

/** A workflow that the given event does not start. */
export class NotTriggeredError extends Error {
  constructor(file: string, event: string) {
    super(`${file} does not run on '${event}' (see its 'on:')`);
    this.name = 'NotTriggeredError';
  }
}

function eventOf(options: WorkflowRunOptions, sha: string) {
  const e = typeof options.event === 'string' || options.event === undefined ? { name: options.event ?? 'push' } : options.event;
  const isPr = e.name === 'pull_request' || e.name === 'pull_request_target';
  const ref = e.ref ?? (isPr ? 'refs/pull/1/merge' : 'refs/heads/main');
  return {
    name: e.name,
    payload: e.payload ?? {},
    ref,
    sha: e.sha ?? sha,
    baseRef: isPr ? (e.baseRef ?? 'main') : '',
    headRef: isPr ? (e.headRef ?? 'feature') : '',
  };
}

function resolveInputs(
  wfOn: Record<string, Record<string, any>>,
  event: string,
  given: Record<string, string | number | boolean>,
  file: string,
) {
  const decl: Record<string, { type?: string; default?: unknown; required?: boolean; options?: string[] }> = wfOn[event]?.inputs ?? {};
  const out: Record<string, ExprValue> = {};
  for (const [name, spec] of Object.entries(decl)) {
    const raw = name in given ? given[name] : spec?.default;
    if (raw === undefined) {
      if (spec?.required) throw new Error(`${file}: input '${name}' is required`);
      out[name] = spec?.type === 'boolean' ? false : spec?.type === 'number' ? null : '';
      continue;
    }
    if (spec?.type === 'boolean') out[name] = raw === true || raw === 'true';
    else if (spec?.type === 'number') out[name] = Number(raw);
    else out[name] = String(raw);
    if (spec?.type === 'choice' && spec.options && !spec.options.includes(String(raw)))
      throw new Error(`${file}: input '${name}' must be one of ${spec.options.join(', ')}, got '${raw}'`);
  }
  for (const name of Object.keys(given))
    if (!(name in decl)) throw new Error(`${file}: unexpected input '${name}' (not declared under on.${event}.inputs)`);
  return out;
}

/** Runs a workflow file's jobs (see the file head for what is supported) and reports how each went. */
export async function runWorkflow(options: WorkflowRunOptions): Promise<WorkflowRunResult> {
  const repoDir = path.resolve(options.repoDir);
  const file = path.resolve(repoDir, options.file);
  const workflow = loadWorkflow(file);
  for (const id of options.skipJobs ?? []) {
    if (!workflow.jobs[id]) throw new Error(`${file}: skipJobs names '${id}', which is not a job`);
    delete workflow.jobs[id];
  }
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const gone = job.needs.filter((n) => !workflow.jobs[n]);
    if (gone.length) throw new Error(`${file}: job '${id}' needs ${gone.join(', ')}, which skipJobs leaves out`);
  }
  const ev = eventOf(options, headSha(repoDir));
  if (!triggers(workflow, ev.name, ev.ref, ev.baseRef)) throw new NotTriggeredError(file, ev.name);
  const inputs = resolveInputs(workflow.on, ev.name === 'workflow_call' ? 'workflow_call' : ev.name, options.inputs ?? {}, file);
  const runDir = options.workDir ? path.resolve(options.workDir) : fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-run-')));
  fs.mkdirSync(runDir, { recursive: true });
  const repository = options.repository ?? 'runnable/runnable';
  const [owner, name] = repository.split('/');
  const runId = String(options.runId ?? 1_000_000 + Math.floor(Math.random() * 9_000_000));
  const repoPayload = { full_name: repository, name, owner: { login: owner }, default_branch: 'main' };
  const defaults: Record<string, unknown> =
    ev.name === 'pull_request' || ev.name === 'pull_request_target'
      ? {
          action: 'opened',
          number: 1,
          pull_request: {
            number: 1,
            title: 'harness',
            draft: false,
            head: { ref: ev.headRef, sha: ev.sha },
            base: { ref: ev.baseRef, sha: ev.sha },
          },
        }
      : ev.name === 'push'
        ? { ref: ev.ref, before: '0'.repeat(40), after: ev.sha, head_commit: { id: ev.sha, message: 'harness' }, commits: [] }
        : ev.name === 'workflow_dispatch'
          ? { ref: ev.ref, inputs: options.inputs ?? {} }
          : {};
  const payload = { ...defaults, repository: repoPayload, sender: { login: 'harness' }, ...ev.payload };
  const eventPath = path.join(runDir, 'event.json');
  fs.writeFileSync(eventPath, JSON.stringify(payload, null, 2));
  const secrets = { GITHUB_TOKEN: 'ghs_harness_token', ...(options.secrets ?? {}) };
  const secretMasker = new Masker();
  for (const v of Object.values(secrets)) secretMasker.add(v);
  const refName = ev.name.startsWith('pull_request') ? '1/merge' : ev.ref.replace(/^refs\/(heads|tags)\//, '');
  const github: Record<string, ExprValue> = {
    event_name: ev.name,
    event: payload as Record<string, ExprValue>,
    event_path: eventPath,
    sha: ev.sha,
    ref: ev.ref,
    ref_name: refName,
    ref_type: ev.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    head_ref: ev.headRef,
    base_ref: ev.baseRef,
    repository,
    repository_owner: owner,
    run_id: runId,
    run_number: '1',
    run_attempt: '1',
    workflow: workflow.name,
    workflow_ref: `${repository}/${path.relative(repoDir, file)}@${ev.ref}`,
    actor: 'harness',
    triggering_actor: 'harness',
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    graphql_url: 'https://api.github.com/graphql',
    token: secrets.GITHUB_TOKEN,
    retention_days: '90',
    secret_source: 'Actions',
  };
  const run: RunContext = {
    options,
    workflow,
    repoDir,
    runDir,
    artifactsDir: path.join(runDir, 'artifacts'),
    runId,
    eventName: ev.name,
    eventPath,
    github,
    inputs,
    secrets,
    vars: options.vars ?? {},
    baseEnv: machineEnv(),
    secretMasker,
    nextArtifactId: 1,
    actionCache: new Map(),
  };
  try {
    const results = await runJobs(run, options.maxParallelJobs ?? 2);
    const jobs = Object.fromEntries(
      [...results.entries()].sort(([a], [b]) => Object.keys(workflow.jobs).indexOf(a) - Object.keys(workflow.jobs).indexOf(b)),
    );
    const all = Object.values(jobs).map((j) => j.conclusion);
    const conclusion: Conclusion = all.includes('failure')
      ? 'failure'
      : all.includes('cancelled')
        ? 'cancelled'
        : all.length && all.every((c) => c === 'skipped')
          ? 'skipped'
          : 'success';
    const artifacts = Object.fromEntries(listArtifacts(run.artifactsDir).map((a) => [a.name, artifactFiles(a.dir)]));
    return { conclusion, jobs, artifacts, runDir };
  } finally {
    if (!options.workDir && process.env.WORKFLOW_HARNESS_KEEP !== '1') fs.rmSync(runDir, { recursive: true, force: true });
  }
}

/** The first step that failed (outcome failure), searching jobs in file order: where a red run went red. */
export function firstFailedStep(result: WorkflowRunResult): { job: string; step: import('./context.js').StepResult } | undefined {
  for (const [id, job] of Object.entries(result.jobs)) {
    const step = job.steps.find((s) => s.outcome === 'failure');
    if (step) return { job: id, step };
  }
  return undefined;
}
