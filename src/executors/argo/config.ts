// The `config:` of `pipeline-executor: {type: argo}`: runnable's keys (reference §7.1) with its defaults, camelCase
// spellings accepted as pydantic's aliases are, plus ours for submitting and following (`submit`, `wait`, `detach`,
// `kubeconfig`, `context`, `runnable_command`; `runnable execute --submit --wait --detach` override the first
// three). runnable's `mock` and `configmap_cache_name` are accepted; the cache name turns on memoization only when
// given (runnable invents a random one, which makes its output differ on every transpile).
import { durationSchema } from '../../util/duration.js';
import * as z from '../../util/zod.js';

const quantity = z.union([z.string(), z.number()]);
const stringMap = z.record(z.string(), z.string());

const retryStrategy = z.strictObject({
  back_off: z.optional(
    z.strictObject({
      duration: z.optional(z.string()),
      factor: z.optional(z.number()),
      max_duration: z.optional(z.string()),
    }),
  ),
  limit: z.optional(z.int().check(z.minimum(0))),
  retry_policy: z.optional(z.enum(['Always', 'OnFailure', 'OnError', 'OnTransientError'])),
});

const toleration = z.strictObject({
  effect: z.optional(z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'])),
  key: z.optional(z.string()),
  operator: z.optional(z.enum(['Equal', 'Exists'])),
  toleration_seconds: z.optional(z.int()),
  value: z.optional(z.string()),
});

const envVar = z.union([
  z.strictObject({ name: z.string().check(z.minLength(1)), value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.strictObject({ environment_variable: z.string().check(z.minLength(1)), secret_name: z.string(), secret_key: z.string() }),
]);

const resources = z.strictObject({
  limits: z.optional(z.strictObject({ memory: z.optional(quantity), cpu: z.optional(quantity), gpu: z.optional(quantity) })),
  requests: z.optional(z.strictObject({ memory: z.optional(quantity), cpu: z.optional(quantity) })),
});

/** What `defaults` and each of `overrides` may set; unset keys fall back (override → defaults → runnable's default). */
const podSettings = {
  image: z.string().check(z.minLength(1)),
  active_deadline_seconds: z.int().check(z.minimum(1)),
  fail_fast: z.boolean(),
  node_selector: stringMap,
  parallelism: z.int().check(z.minimum(1)),
  retry_strategy: retryStrategy,
  // the template's `timeout`: seconds or a duration, checked and written as Go's time.ParseDuration reads it
  timeout: durationSchema,
  tolerations: z.array(toleration),
  image_pull_policy: z.enum(['Always', 'IfNotPresent', 'Never']),
  resources,
  env: z.array(envVar),
};

export const podOverrideSchema = z.partial(z.strictObject(podSettings));
const defaultsSchema = z.strictObject({ ...z.partial(z.strictObject(podSettings)).shape, image: podSettings.image });

const workflowMetadata = z.strictObject({
  generateName: z.string().check(z.minLength(1)),
  annotations: z._default(stringMap, {}),
  labels: z._default(stringMap, {}),
  namespace: z._default(z.string().check(z.minLength(1)), 'default'),
});

/** The snake_case name of each key spelled in camelCase (pydantic aliases). */
const ALIASES: Record<string, string> = {
  argo_workflow: 'argoWorkflow',
  pvcForRunnable: 'pvc_for_runnable',
  customVolumes: 'custom_volumes',
  exposeParametersAsInputs: 'expose_parameters_as_inputs',
  configmapCacheName: 'configmap_cache_name',
  secretFromK8s: 'secret_from_k8s',
  outputFile: 'output_file',
  logLevel: 'log_level',
  cronSchedule: 'cron_schedule',
  runnableCommand: 'runnable_command',
};

const shape = z.strictObject({
  defaults: defaultsSchema,
  overrides: z._default(z.record(z.string(), podOverrideSchema), {}),
  argoWorkflow: z.strictObject({
    metadata: workflowMetadata,
    // Argo's own WorkflowSpec fields (podGC, ttlStrategy, serviceAccountName...), passed through; checked by the lint
    spec: z._default(z.record(z.string(), z.unknown()), {}),
  }),
  pvc_for_runnable: z.optional(z.union([z.string().check(z.minLength(1)), z.literal(null)])),
  custom_volumes: z._default(
    z.array(
      z.strictObject({
        mount_path: z.string().check(z.regex(/^\//, 'mount_path must be absolute')),
        persistent_volume_claim: z.strictObject({
          claim_name: z.string().check(z.minLength(1)),
          read_only: z._default(z.boolean(), false),
        }),
      }),
    ),
    [],
  ),
  expose_parameters_as_inputs: z._default(z.boolean(), true),
  configmap_cache_name: z.optional(z.union([z.string(), z.literal(null)])),
  secret_from_k8s: z.optional(z.union([z.string().check(z.minLength(1)), z.literal(null)])),
  output_file: z._default(z.string().check(z.minLength(1)), 'argo-pipeline.yaml'),
  log_level: z._default(z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL', 'FATAL']), 'INFO'),
  mock: z._default(z.boolean(), false),
  cron_schedule: z.optional(
    z.strictObject({
      schedules: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
      timezone: z.optional(z.union([z.string(), z.literal(null)])),
    }),
  ),
  // ours
  submit: z._default(z.boolean(), false),
  wait: z._default(z.boolean(), false),
  // with wait: Ctrl-C / SIGTERM leaves the workflow running instead of setting spec.shutdown: Stop
  detach: z._default(z.boolean(), false),
  kubeconfig: z.optional(z.string().check(z.minLength(1))),
  context: z.optional(z.string().check(z.minLength(1))),
  runnable_command: z._default(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), ['runnable']),
});

export const argoConfigSchema = z.pipe(
  z.transform((raw: unknown) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) out[ALIASES[k] ?? k] = v;
    return out;
  }),
  shape,
);

export type ArgoConfig = z.infer<typeof shape>;
export type PodOverride = z.infer<typeof podOverrideSchema>;
export type PodDefaults = ArgoConfig['defaults'];
export type EnvVarSetting = z.infer<typeof envVar>;
export type TolerationSetting = z.infer<typeof toleration>;
export type RetrySetting = z.infer<typeof retryStrategy>;

/** runnable's UserDefaults, for keys neither `defaults` nor an override set. */
export const RUNNABLE_DEFAULTS = {
  active_deadline_seconds: 86400,
  fail_fast: true,
  node_selector: {} as Record<string, string>,
  retry_strategy: { back_off: { duration: '2m', factor: 2, max_duration: '1h' }, limit: 0, retry_policy: 'Always' } as RetrySetting,
  image_pull_policy: 'Always' as const,
  resources: { limits: { memory: '1Gi', cpu: '250m' }, requests: { memory: '1Gi', cpu: '250m' } } as z.infer<typeof resources>,
  env: [] as EnvVarSetting[],
};

/** The settings of one node: runnable's defaults, then `defaults`, then the node's override (shallow, key by key). */
export function podSettingsFor(config: ArgoConfig, override: PodOverride | undefined) {
  const merged = { ...RUNNABLE_DEFAULTS, ...stripUndefined(config.defaults), ...stripUndefined(override ?? {}) };
  return merged as typeof merged & { image: string };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
