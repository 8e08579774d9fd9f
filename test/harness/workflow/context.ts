// The state of one workflow run and of one job in it, as the interpreter's parts share it: the run's folders
// (a job workspace, RUNNER_TEMP and tool cache per job: GitHub runners share no disk between jobs; one
// artifact store per run), the runner environment every step sees (GITHUB_*, RUNNER_*, CI=true), the `env`
// context built from workflow, job, `$GITHUB_ENV` and step levels, and the expression scope of a step.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Annotation } from './commands.js';
import { Masker } from './commands.js';
import type { ExprValue, ExpressionScope } from './expressions.js';
import { evaluateTemplate, toText } from './expressions.js';
import { hashFiles } from './files.js';
import type { JobContainers } from './job-container.js';
import type { Workflow, WorkflowJob } from './loader.js';

/** success / failure / cancelled / skipped, as GitHub reports jobs and steps. */
export type Conclusion = 'success' | 'failure' | 'cancelled' | 'skipped';

/** One executed (or skipped) step. */
export interface StepResult {
  /** The step's `id`, or GitHub's generated `__run`, `__actions_checkout`, ... */
  id: string;
  name: string;
  /** `main` for the step itself, `post` for an action's post step at job end. */
  phase: 'main' | 'post';
  uses?: string;
  outcome: Conclusion;
  /** The outcome after `continue-on-error` (a failed step that may fail concludes `success`). */
  conclusion: Conclusion;
  exitCode?: number;
  outputs: Record<string, string>;
  annotations: Annotation[];
  /** What the step wrote to `$GITHUB_STEP_SUMMARY`. */
  summary: string;
  /** Its output lines (masked, workflow commands consumed), joined. */
  log: string;
  durationMs: number;
}

/** Options of one run; see `runWorkflow` in index.ts for what each means. */
export interface RunOptions {
  file: string;
  repoDir: string;
  event?: string | { name: string; payload?: Record<string, unknown>; ref?: string; sha?: string; baseRef?: string; headRef?: string };
  inputs?: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  workDir?: string;
  maxParallelJobs?: number;
  onLog?: (job: string, line: string) => void;
  repository?: string;
  runId?: number;
  artifactService?: { env(runBackendId?: string, jobBackendId?: string): Record<string, string> };
}

/** What the whole run shares. */
export interface RunContext {
  options: RunOptions;
  workflow: Workflow;
  repoDir: string;
  runDir: string;
  artifactsDir: string;
  runId: string;
  eventName: string;
  eventPath: string;
  github: Record<string, ExprValue>;
  inputs: Record<string, ExprValue>;
  secrets: Record<string, string>;
  vars: Record<string, string>;
  /** The machine's environment each step starts from (process.env less GitHub's and the test runner's). */
  baseEnv: Record<string, string>;
  /** Secret values, masked in every job's log. */
  secretMasker: Masker;
  nextArtifactId: number;
  /** `owner/repo@ref` actions snapshotted for this run (the local action, under runnable/action@...). */
  actionCache: Map<string, string>;
}

/** One job instance (one matrix combination) while it runs. */
export interface JobContext {
  run: RunContext;
  jobId: string;
  /** The name GitHub shows, with matrix values: `build (20, linux)`. */
  name: string;
  job: WorkflowJob;
  matrix: Record<string, ExprValue>;
  strategy: Record<string, ExprValue>;
  needs: Record<string, ExprValue>;
  dir: string;
  workspace: string;
  temp: string;
  toolCache: string;
  /** Variables of the artifact service for this job (its token names the run and this job). */
  serviceEnv: Record<string, string>;
  /** Job-level `env`, evaluated. */
  jobEnv: Record<string, string>;
  /** Variables set through `$GITHUB_ENV` by earlier steps. */
  exportedEnv: Record<string, string>;
  /** Folders added through `$GITHUB_PATH`, latest first. */
  addedPath: string[];
  steps: Record<string, { outputs: Record<string, string>; outcome: Conclusion; conclusion: Conclusion }>;
  results: StepResult[];
  posts: { run: () => Promise<StepResult | undefined> }[];
  masker: Masker;
  failed: boolean;
  cancelled: boolean;
  signal: AbortSignal;
  log: string[];
  /** The job's `container:` and `services:` while they run; steps run inside the job container when it has one. */
  containers?: JobContainers;
}

/** A text-valued copy of an evaluated mapping (env values are strings). */
export function textMap(value: ExprValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) out[k] = toText(v);
  return out;
}

const HIDDEN_FROM_STEPS =
  /^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|STATE_|VITEST|npm_|RUNNABLE_)|^(CI|NODE_OPTIONS|NODE_ENV|TEST|INIT_CWD|TSX_.*)$/i;

/** The environment a runner machine gives every step: this process's, less what would leak in from tests. */
export function machineEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !HIDDEN_FROM_STEPS.test(k)) out[k] = v;
  return out;
}

/** HEAD of a git checkout, or 40 zeros outside one. */
export function headSha(repoDir: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '0'.repeat(40);
  }
}

/** The contexts every expression of a job may read; `stepEnv` is the current step's own `env`. */
export function jobScope(job: JobContext, stepEnv: Record<string, string> = {}, extra: Record<string, ExprValue> = {}): ExpressionScope {
  const run = job.run;
  return {
    contexts: {
      github: { ...run.github, job: job.jobId, workspace: job.workspace, action: '' },
      env: envContext(job, stepEnv),
      inputs: run.inputs,
      needs: job.needs,
      steps: job.steps as unknown as ExprValue,
      matrix: job.matrix,
      strategy: job.strategy,
      secrets: { GITHUB_TOKEN: run.secrets.GITHUB_TOKEN ?? 'ghs_harness_token', ...run.secrets },
      vars: run.vars,
      runner: {
        os: 'Linux',
        arch: 'X64',
        name: 'harness',
        temp: job.temp,
        tool_cache: job.toolCache,
        environment: 'github-hosted',
        debug: '',
      },
      job: { status: job.cancelled ? 'cancelled' : job.failed ? 'failure' : 'success' },
      ...extra,
    },
    functions: {
      success: () => !job.failed && !job.cancelled,
      failure: () => job.failed,
      always: () => true,
      cancelled: () => job.cancelled,
      hashfiles: (...patterns) =>
        hashFiles(
          job.workspace,
          patterns.map((p) => toText(p)),
        ),
    },
  };
}

/** The `env` context: workflow env, job env, `$GITHUB_ENV`, then the step's env (each wins over the last). */
export function envContext(job: JobContext, stepEnv: Record<string, string>): Record<string, string> {
  return { ...workflowEnv(job), ...job.jobEnv, ...job.exportedEnv, ...stepEnv };
}

/** The workflow-level `env`, evaluated (it may read github, inputs, vars, secrets). */
export function workflowEnv(job: JobContext): Record<string, string> {
  const run = job.run;
  const scope: ExpressionScope = { contexts: { github: run.github, inputs: run.inputs, vars: run.vars, secrets: run.secrets, env: {} } };
  return textMap(evaluateTemplate(run.workflow.env, scope));
}

/** The variables a runner sets for each step of a job (GITHUB_*, RUNNER_*, CI). */
export function runnerVariables(job: JobContext): Record<string, string> {
  const g = job.run.github;
  const t = (v: ExprValue | undefined) => toText(v ?? null);
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: job.workspace,
    GITHUB_REPOSITORY: t(g.repository),
    GITHUB_REPOSITORY_OWNER: t(g.repository_owner),
    GITHUB_SHA: t(g.sha),
    GITHUB_REF: t(g.ref),
    GITHUB_REF_NAME: t(g.ref_name),
    GITHUB_REF_TYPE: t(g.ref_type),
    GITHUB_HEAD_REF: t(g.head_ref),
    GITHUB_BASE_REF: t(g.base_ref),
    GITHUB_EVENT_NAME: job.run.eventName,
    GITHUB_EVENT_PATH: job.run.eventPath,
    GITHUB_RUN_ID: job.run.runId,
    GITHUB_RUN_NUMBER: t(g.run_number),
    GITHUB_RUN_ATTEMPT: t(g.run_attempt),
    GITHUB_JOB: job.jobId,
    GITHUB_WORKFLOW: t(g.workflow),
    GITHUB_WORKFLOW_REF: t(g.workflow_ref),
    GITHUB_ACTOR: t(g.actor),
    GITHUB_TRIGGERING_ACTOR: t(g.actor),
    GITHUB_SERVER_URL: t(g.server_url),
    GITHUB_API_URL: t(g.api_url),
    GITHUB_GRAPHQL_URL: t(g.graphql_url),
    GITHUB_RETENTION_DAYS: '90',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'harness',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: job.temp,
    RUNNER_TOOL_CACHE: job.toolCache,
    RUNNER_WORKSPACE: path.dirname(job.workspace),
  };
}

/** Creates the folders of a job instance: `<run>/jobs/<n>-<id>/{work/<repo>,temp,tool-cache}`. */
export function makeJobDirs(run: RunContext, key: string): { dir: string; workspace: string; temp: string; toolCache: string } {
  const dir = path.join(run.runDir, 'jobs', key);
  const repoName = String(run.github.repository).split('/')[1] ?? 'repo';
  const workspace = path.join(dir, 'work', repoName);
  const temp = path.join(dir, 'temp');
  const toolCache = path.join(dir, 'tool-cache');
  for (const d of [workspace, temp, toolCache]) fs.mkdirSync(d, { recursive: true });
  return { dir, workspace, temp, toolCache };
}
