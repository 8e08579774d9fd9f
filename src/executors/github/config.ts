// The `config:` of `pipeline-executor: {type: github}`: where the workflow is written, what every job runs on
// and sets up, and per-node overrides (`overrides: {github: KEY}` on a step). runnable has no such executor;
// the keys follow GitHub's own names (runs_on, container, services, environment, timeout_minutes) in
// runnable's snake_case, so a user who knows a workflow file knows this.
import * as z from '../../util/zod.js';

/** The name steps select an override with: `overrides: {github: KEY}`. */
export const GITHUB_SERVICE_NAME = 'github';

/** GitHub's matrix limit: 256 jobs per workflow run, across every matrix in it (reference §8). */
export const GITHUB_MATRIX_LIMIT = 256;

/** GitHub refuses to start a run of a workflow file larger than this (reference §8). */
export const GITHUB_WORKFLOW_SIZE_LIMIT = 500 * 1024;

/** One step of a job's set-up, written as in a workflow (`uses:`/`with:` or `run:`). */
const setupStep = z.looseObject({
  name: z.optional(z.string()),
  uses: z.optional(z.string().check(z.minLength(1))),
  with: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  run: z.optional(z.string().check(z.minLength(1))),
  env: z.optional(z.record(z.string(), z.string())),
  shell: z.optional(z.string()),
});

/** A job's container: an image name, or GitHub's mapping (`image`, `env`, `options`, `credentials`, ...). */
const container = z.union([z.string().check(z.minLength(1)), z.looseObject({ image: z.string().check(z.minLength(1)) })]);

const runsOn = z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))]);

// What a step may override: how its jobs are placed, not how the workflow is shaped.
const perJobShape = {
  runs_on: runsOn,
  container,
  services: z.record(z.string(), z.looseObject({ image: z.string().check(z.minLength(1)) })),
  setup: z.array(setupStep),
  environment: z.string().check(z.minLength(1)),
  timeout_minutes: z.int().check(z.minimum(1)),
};

export const githubOverrideSchema = z.partial(z.strictObject(perJobShape));

export const githubConfigSchema = z.strictObject({
  /** Where the workflow is written, relative to the working directory (default `.github/workflows/<pipeline>.yml`). */
  output_file: z.optional(z.string().check(z.regex(/\.ya?ml$/, 'output_file must end in .yml or .yaml'))),
  /** The workflow's `name:` (default: the pipeline file's name). */
  name: z.optional(z.string().check(z.minLength(1))),
  /** The action every job runs its step with. */
  action_ref: z._default(z.string().check(z.minLength(1)), 'runnable/action@v1'),
  /** The checkout step of every job. */
  checkout: z._default(z.string().check(z.minLength(1)), 'actions/checkout@v4'),
  runs_on: z._default(runsOn, 'ubuntu-latest'),
  container: z.optional(container),
  services: z.optional(perJobShape.services),
  setup: z._default(perJobShape.setup, []),
  environment: z.optional(perJobShape.environment),
  /** Every job's `timeout-minutes` (GitHub's own default and maximum on hosted runners: 360). */
  timeout_minutes: z._default(perJobShape.timeout_minutes, 360),
  /** The matrix jobs all maps of the workflow may use together (GitHub's limit: 256 per run). */
  max_matrix_jobs: z._default(z.int().check(z.minimum(1)), GITHUB_MATRIX_LIMIT),
  overrides: z._default(z.record(z.string(), githubOverrideSchema), {}),
});

export type GithubConfig = z.infer<typeof githubConfigSchema>;
export type GithubOverride = z.infer<typeof githubOverrideSchema>;
export type SetupStep = z.infer<typeof setupStep>;

/** How one job is placed: the executor's settings with a step's override laid over them (shallowly). */
export interface JobPlacement {
  runs_on: string | string[];
  container?: GithubConfig['container'];
  services?: GithubConfig['services'];
  setup: SetupStep[];
  environment?: string;
  timeout_minutes: number;
}

export function placementFor(config: GithubConfig, override: GithubOverride | undefined): JobPlacement {
  const base: JobPlacement = {
    runs_on: config.runs_on,
    container: config.container,
    services: config.services,
    setup: config.setup,
    environment: config.environment,
    timeout_minutes: config.timeout_minutes,
  };
  for (const [k, v] of Object.entries(override ?? {})) if (v !== undefined) (base as unknown as Record<string, unknown>)[k] = v;
  return base;
}
