// The container templates of a generated Workflow. Every step runs our CLI in the user's image: tasks, stubs and the
// success/fail nodes through `execute-single-node`, composites' fan-out / fan-in / loop decisions through `fan`,
// and the run log is opened by a start template and closed by the exit handler. Templates are shared: every step
// with the same pod settings (image, resources, env, retries...) uses one template and passes its name and
// position as input parameters, so a 1,000-step pipeline has a handful of templates, not 1,000 (runnable emits one
// per node, with the full container repeated).
import { commandFriendly } from '../../pipeline/names.js';
import type { LeafNode, PipelineNode } from '../../pipeline/model.js';
import { podSettingsFor, RUNNABLE_DEFAULTS, type ArgoConfig, type EnvVarSetting, type PodOverride } from './config.js';
import { durationSeconds, goDuration } from '../../util/duration.js';
import { fnv1a } from './names.js';
import type { ArgoParameter, ArgoTemplate } from './workflow-types.js';

/** Where the shared volume (the PVC) is mounted in every pod, and the pod-local folder for output parameters. */
export const VOLUME_MOUNT = '/mnt/runnable';
export const OUT_MOUNT = '/mnt/out';
export const PVC_VOLUME = 'runnable';
export const OUT_VOLUME = 'runnable-out';

/** Output parameters of the fan template; each has a default, so a skipped or failed producer still resolves. */
export const FAN_OUTPUTS: Record<string, string> = { 'iterate-on': '[]', case: '-1', continue: 'false', 'next-index': '0' };

export interface TemplateContext {
  config: ArgoConfig;
  files: { pipeline: string; config?: string; parameters?: string };
  tag: string;
  /** `{{workflow.parameters.run_id}}`, or `{{workflow.name}}` in a CronWorkflow (each scheduled run is a new run). */
  runIdExpr: string;
  /** The templates made so far, by name (insertion order is the output order). */
  templates: Map<string, ArgoTemplate>;
}

const inputParam = (name: string, dflt?: string): ArgoParameter => (dflt === undefined ? { name } : { name, default: dflt });

function commonArgs(ctx: TemplateContext): string[] {
  const a = ['--log-level', '{{workflow.parameters.log_level}}'];
  if (ctx.files.config) a.push('-c', ctx.files.config);
  if (ctx.tag) a.push('--tag', ctx.tag);
  return a;
}

function volumeMounts(ctx: TemplateContext, out: boolean): Record<string, unknown>[] {
  const m: Record<string, unknown>[] = [];
  if (ctx.config.pvc_for_runnable) m.push({ name: PVC_VOLUME, mountPath: VOLUME_MOUNT });
  ctx.config.custom_volumes.forEach((v, i) =>
    m.push({ name: `custom-volume-${i}`, mountPath: v.mount_path, readOnly: v.persistent_volume_claim.read_only }),
  );
  if (out) m.push({ name: OUT_VOLUME, mountPath: OUT_MOUNT });
  return m;
}

function envOf(ctx: TemplateContext, settings: ReturnType<typeof podSettingsFor>, secrets: string[]): Record<string, unknown>[] {
  const env: Record<string, unknown>[] = [];
  if (ctx.config.pvc_for_runnable) env.push({ name: 'RUNNABLE_STEP_VOLUME', value: VOLUME_MOUNT });
  env.push({ name: 'RUNNABLE_CODE_ID_ARGO_WORKFLOW_UID', value: '{{workflow.uid}}' });
  for (const e of settings.env as EnvVarSetting[]) {
    env.push(
      'name' in e
        ? { name: e.name, value: String(e.value) }
        : { name: e.environment_variable, valueFrom: { secretKeyRef: { name: e.secret_name, key: e.secret_key } } },
    );
  }
  if (ctx.config.secret_from_k8s) {
    for (const s of secrets) env.push({ name: s, valueFrom: { secretKeyRef: { name: ctx.config.secret_from_k8s, key: s } } });
  }
  return env;
}

function resourcesOf(settings: ReturnType<typeof podSettingsFor>): Record<string, unknown> {
  const r = settings.resources ?? {};
  const q = (v: string | number | undefined) => (v === undefined ? undefined : String(v));
  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  if (r.limits?.memory !== undefined) limits.memory = q(r.limits.memory)!;
  if (r.limits?.cpu !== undefined) limits.cpu = q(r.limits.cpu)!;
  if (r.limits?.gpu !== undefined) limits['nvidia.com/gpu'] = q(r.limits.gpu)!;
  if (r.requests?.memory !== undefined) requests.memory = q(r.requests.memory)!;
  if (r.requests?.cpu !== undefined) requests.cpu = q(r.requests.cpu)!;
  const out: Record<string, unknown> = {};
  if (Object.keys(limits).length) out.limits = limits;
  if (Object.keys(requests).length) out.requests = requests;
  return out;
}

/** The pod-level fields of a template from the settings (node selector, tolerations, deadlines). */
function podFields(ctx: TemplateContext, settings: ReturnType<typeof podSettingsFor>): Partial<ArgoTemplate> {
  const workflowDeadline = ctx.config.defaults.active_deadline_seconds ?? RUNNABLE_DEFAULTS.active_deadline_seconds;
  const t: Partial<ArgoTemplate> = {};
  if (Object.keys(settings.node_selector ?? {}).length) t.nodeSelector = settings.node_selector;
  if (settings.tolerations?.length) {
    t.tolerations = settings.tolerations.map(({ toleration_seconds, ...rest }) => ({
      ...rest,
      ...(toleration_seconds !== undefined ? { tolerationSeconds: toleration_seconds } : {}),
    }));
  }
  // the workflow has the default deadline already; a template repeats it only when it differs
  if (settings.active_deadline_seconds !== undefined && settings.active_deadline_seconds !== workflowDeadline)
    t.activeDeadlineSeconds = settings.active_deadline_seconds;
  if (settings.timeout !== undefined) t.timeout = goDuration(durationSeconds(settings.timeout));
  return t;
}

function container(ctx: TemplateContext, settings: ReturnType<typeof podSettingsFor>, args: string[], secrets: string[], out: boolean) {
  const [command, ...prefix] = ctx.config.runnable_command;
  const c: Record<string, unknown> = {
    image: settings.image,
    imagePullPolicy: settings.image_pull_policy,
    command: [command],
    args: [...prefix, ...args],
    env: envOf(ctx, settings, secrets),
  };
  const res = resourcesOf(settings);
  if (Object.keys(res).length) c.resources = res;
  const mounts = volumeMounts(ctx, out);
  if (mounts.length) c.volumeMounts = mounts;
  return c;
}

function add(ctx: TemplateContext, t: ArgoTemplate): string {
  if (!ctx.templates.has(t.name)) ctx.templates.set(t.name, t);
  return t.name;
}

/** The override a node names for this executor (runnable: `overrides: {argo: key}`). */
export function overrideOf(ctx: TemplateContext, node: PipelineNode, executorName: string): PodOverride | undefined {
  const key = node.overrides[executorName];
  return key ? ctx.config.overrides[key] : undefined;
}

/**
 * The template a task, stub, success or fail node runs in: shared by every node with the same settings, retries and
 * secrets. Inputs: `step` (the internal name, "%" for spaces) and `indices` (its position in maps and loops).
 */
export function stepTemplate(ctx: TemplateContext, node: PipelineNode, override: PodOverride | undefined): string {
  const settings = podSettingsFor(ctx.config, override);
  const leaf = node.type === 'task' || node.type === 'stub' ? (node as LeafNode) : undefined;
  const secrets = leaf?.type === 'task' ? [...leaf.task.secrets].sort() : [];
  const attempts = leaf ? leaf.maxAttempts : 1;
  const rs = settings.retry_strategy;
  const limit = Math.max(attempts - 1, leaf ? (rs?.limit ?? 0) : 0);
  const retryStrategy =
    limit > 0
      ? {
          limit: String(limit),
          retryPolicy: rs?.retry_policy ?? 'Always',
          ...(rs?.back_off
            ? {
                backoff: {
                  ...(rs.back_off.duration ? { duration: rs.back_off.duration } : {}),
                  ...(rs.back_off.factor !== undefined ? { factor: String(rs.back_off.factor) } : {}),
                  ...(rs.back_off.max_duration ? { maxDuration: rs.back_off.max_duration } : {}),
                },
              }
            : {}),
        }
      : undefined;
  const identity = JSON.stringify({ settings, secrets, retryStrategy });
  const name = `runnable-step-${fnv1a(identity).slice(0, 6)}`;
  if (ctx.templates.has(name)) return name;
  const args = [
    'execute-single-node',
    ctx.runIdExpr,
    ctx.files.pipeline,
    '{{inputs.parameters.step}}',
    '--iter-indices',
    '{{inputs.parameters.indices}}',
    '--one-attempt',
    ...commonArgs(ctx),
  ];
  if (ctx.files.parameters) args.push('-p', ctx.files.parameters);
  return add(ctx, {
    name,
    inputs: { parameters: [inputParam('step'), inputParam('indices', '[]')] },
    container: container(ctx, settings, args, secrets, false),
    ...(retryStrategy ? { retryStrategy } : {}),
    ...podFields(ctx, settings),
  });
}

/** The template of every fan-out, fan-in and loop decision: inputs `step`, `indices`, `mode`, `index`. */
export function fanTemplate(ctx: TemplateContext): string {
  const name = 'runnable-fan';
  if (ctx.templates.has(name)) return name;
  const settings = podSettingsFor(ctx.config, undefined);
  const args = [
    'fan',
    ctx.runIdExpr,
    ctx.files.pipeline,
    '{{inputs.parameters.step}}',
    '{{inputs.parameters.mode}}',
    '--iter-indices',
    '{{inputs.parameters.indices}}',
    '--index',
    '{{inputs.parameters.index}}',
    '--out-dir',
    OUT_MOUNT,
    ...commonArgs(ctx),
  ];
  return add(ctx, {
    name,
    inputs: { parameters: [inputParam('step'), inputParam('mode'), inputParam('indices', '[]'), inputParam('index', '0')] },
    outputs: {
      parameters: Object.entries(FAN_OUTPUTS).map(([p, d]) => ({ name: p, valueFrom: { path: `${OUT_MOUNT}/${p}`, default: d } })),
    },
    container: container(ctx, settings, args, [], true),
    ...podFields(ctx, settings),
  });
}

/**
 * The first pod: creates the run log from the parameters file and the workflow's exposed parameters (as
 * RUNNABLE_PRM_ variables, as runnable's first container gets them), recording the workflow's uid.
 */
export function startTemplate(ctx: TemplateContext, exposed: string[]): string {
  const settings = podSettingsFor(ctx.config, undefined);
  const args = ['fan', ctx.runIdExpr, ctx.files.pipeline, '-', 'start', '--workflow-uid', '{{workflow.uid}}', ...commonArgs(ctx)];
  if (ctx.files.parameters) args.push('-p', ctx.files.parameters);
  const c = container(ctx, settings, args, [], false);
  c.env = [...(c.env as unknown[]), ...exposed.map((p) => ({ name: `RUNNABLE_PRM_${p}`, value: `{{workflow.parameters.${p}}}` }))];
  return add(ctx, { name: 'runnable-start', container: c, ...podFields(ctx, settings) });
}

/** The exit handler: a run that never reached its success or fail step (a pod killed, a deadline) is marked FAIL. */
export function exitTemplate(ctx: TemplateContext): string {
  const settings = podSettingsFor(ctx.config, undefined);
  const args = ['fan', ctx.runIdExpr, ctx.files.pipeline, '-', 'exit', '--workflow-uid', '{{workflow.uid}}', ...commonArgs(ctx)];
  return add(ctx, { name: 'runnable-exit', container: container(ctx, settings, args, [], false), ...podFields(ctx, settings) });
}

/** A step's name as the `step` input: the internal name with "%" for spaces. */
export const stepArgument = (node: PipelineNode) => commandFriendly(node.internalName);
