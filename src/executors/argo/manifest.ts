// Assembles the Workflow (or, with `cron_schedule`, the CronWorkflow) for a pipeline: arguments, volumes, the
// templates of dag-templates.ts and pod-templates.ts, the user's `argoWorkflow.metadata` / `spec`. The output is a
// function of the pipeline, the configuration and the files alone — the same input gives byte-identical YAML.
import { stringify } from 'yaml';
import { InvalidInputError, type InputIssue } from '../../errors.js';
import { parseLikePython } from '../../util/python-values.js';
import type { Pipeline } from '../../pipeline/model.js';
import type { Parameters } from '../../services/run-log/model.js';
import type { ArgoConfig } from './config.js';
import { graphTemplate } from './dag-templates.js';
import { checkGenerateName, MAX_CRON_NAME } from './names.js';
import { exitTemplate, OUT_VOLUME, PVC_VOLUME, startTemplate, type TemplateContext } from './pod-templates.js';
import type { ArgoParameter, WorkflowManifest, WorkflowSpec } from './workflow-types.js';

export const ROOT_TEMPLATE = 'runnable-dag';
/** Keys of `argoWorkflow.spec` the transpiler owns. */
const OWNED_SPEC_KEYS = ['entrypoint', 'templates', 'onExit', 'arguments'];

export interface ManifestInput {
  pipeline: Pipeline;
  config: ArgoConfig;
  /** The name the configuration file gives the executor in nodes' `overrides` (runnable: `argo`). */
  executorName: string;
  parameters: Parameters;
  files: { pipeline: string; config?: string; parameters?: string };
  tag: string;
  /** The run id to submit with; undefined leaves `run_id` to be given at submit (`argo submit -p run_id=...`). */
  runId?: string;
  /** Labels added to the workflow (run id, GitHub repository...). */
  labels?: Record<string, string>;
}

/** The scalar initial parameters, exposed as workflow arguments (runnable's expose_parameters_as_inputs). */
function exposedParameters(parameters: Parameters): ArgoParameter[] {
  return Object.entries(parameters)
    .filter(([, p]) => p.kind !== 'object' && (p.value === null || typeof p.value !== 'object'))
    .map(([name, p]) => {
      const v = p.value;
      // a string that would read back as another type travels as JSON
      const text = typeof v === 'string' && parseLikePython(v) === v ? v : JSON.stringify(v);
      return { name, value: text };
    });
}

export function buildManifest(input: ManifestInput): WorkflowManifest {
  const { config, pipeline } = input;
  const issues: InputIssue[] = [];
  const generateName = config.argoWorkflow.metadata.generateName;
  const nameProblem = checkGenerateName(generateName);
  if (nameProblem) issues.push({ message: nameProblem, fix: 'set argoWorkflow.metadata.generateName to e.g. "my-pipeline-".' });
  const userSpec = config.argoWorkflow.spec;
  for (const k of OWNED_SPEC_KEYS) {
    if (k in userSpec) issues.push({ message: `argoWorkflow.spec.${k} is written by runnable.`, fix: `remove argoWorkflow.spec.${k}.` });
  }
  const cron = config.cron_schedule;
  const cronName = generateName.replace(/-+$/, '');
  if (cron && cronName.length > MAX_CRON_NAME) {
    issues.push({
      message: `a CronWorkflow name may have at most ${MAX_CRON_NAME} characters; "${cronName}" has ${cronName.length}.`,
      fix: 'shorten argoWorkflow.metadata.generateName.',
    });
  }
  if (issues.length) throw new InvalidInputError('invalid configuration', issues);

  const exposed = config.expose_parameters_as_inputs ? exposedParameters(input.parameters) : [];
  const ctx = {
    config,
    files: input.files,
    tag: input.tag,
    runIdExpr: cron ? '{{workflow.name}}' : '{{workflow.parameters.run_id}}',
    templates: new Map(),
    executorName: input.executorName,
  } satisfies TemplateContext & { executorName: string };
  const start = {
    name: 'runnable-start',
    template: startTemplate(
      ctx,
      exposed.map((p) => p.name),
    ),
  };
  graphTemplate(ctx, pipeline.graph, ROOT_TEMPLATE, 0, start);
  exitTemplate(ctx);

  const args: ArgoParameter[] = [...exposed];
  if (!cron) args.push(input.runId ? { name: 'run_id', value: input.runId } : { name: 'run_id' });
  args.push({ name: 'log_level', value: config.log_level });

  const volumes: Record<string, unknown>[] = [];
  if (config.pvc_for_runnable) volumes.push({ name: PVC_VOLUME, persistentVolumeClaim: { claimName: config.pvc_for_runnable } });
  config.custom_volumes.forEach((v, i) =>
    volumes.push({
      name: `custom-volume-${i}`,
      persistentVolumeClaim: { claimName: v.persistent_volume_claim.claim_name, readOnly: v.persistent_volume_claim.read_only },
    }),
  );
  volumes.push({ name: OUT_VOLUME, emptyDir: {} });

  const d = config.defaults;
  const spec: WorkflowSpec = {
    ...(d.active_deadline_seconds !== undefined ? { activeDeadlineSeconds: d.active_deadline_seconds } : { activeDeadlineSeconds: 86400 }),
    ...(d.parallelism !== undefined ? { parallelism: d.parallelism } : {}),
    ...userSpec,
    entrypoint: ROOT_TEMPLATE,
    onExit: 'runnable-exit',
    arguments: { parameters: args },
    volumes: [...((userSpec.volumes as Record<string, unknown>[] | undefined) ?? []), ...volumes],
    templates: [...ctx.templates.values()],
  };
  const m = config.argoWorkflow.metadata;
  const labels = { ...m.labels, ...(input.labels ?? {}) };
  const metadata = {
    ...(cron ? { name: cronName } : { generateName }),
    namespace: m.namespace,
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(Object.keys(m.annotations).length ? { annotations: m.annotations } : {}),
  };
  if (cron) {
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'CronWorkflow',
      metadata,
      spec: { schedules: cron.schedules, ...(cron.timezone ? { timezone: cron.timezone } : {}), workflowSpec: spec },
    };
  }
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata, spec };
}

/** The manifest as YAML: no anchors, no line folding, so the text is stable. */
export function manifestYaml(m: WorkflowManifest): string {
  return stringify(m, { aliasDuplicateObjects: false, lineWidth: 0 });
}
