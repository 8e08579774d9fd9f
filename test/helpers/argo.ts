// Argo helpers for the tests: the transpiler called in-process, and the validation every produced manifest goes
// through — Argo's own JSON schema (v3.7.18 and v4.1.2, IntOrString patched to accept integers as Kubernetes does,
// and `additionalProperties: false` added everywhere so a misspelt field fails) plus our Argo-semantics lint.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import '../../src/services/builtins.js';
import '../../src/executors/builtins.js';
import { argoConfigSchema, type ArgoConfig } from '../../src/executors/argo/config.js';
import { lintManifest } from '../../src/executors/argo/lint.js';
import { buildManifest, manifestYaml } from '../../src/executors/argo/manifest.js';
import type { WorkflowManifest } from '../../src/executors/argo/workflow-types.js';
import { loadPipelineFile } from '../../src/pipeline/load.js';
import type { Parameters } from '../../src/services/run-log/model.js';
import * as z from '../../src/util/zod.js';
import { REPO_ROOT } from './cli.js';

const SCHEMAS = path.join(REPO_ROOT, 'test/fixtures/argo-schema');
const validators = new Map<string, { workflow: ValidateFunction; cron: ValidateFunction }>();

function compile(version: string) {
  const cached = validators.get(version);
  if (cached) return cached;
  const schema = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(SCHEMAS, `${version}.schema.json.gz`))).toString('utf8'));
  schema.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { type: ['string', 'integer'] };
  for (const def of Object.values(schema.definitions) as Record<string, unknown>[]) {
    if (def.properties && def.additionalProperties === undefined) def.additionalProperties = false;
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const f of ['int32', 'int64', 'uint64', 'byte', 'date-time']) ajv.addFormat(f, true);
  ajv.addSchema(schema, 'argo');
  const v = {
    workflow: ajv.getSchema('argo#/definitions/io.argoproj.workflow.v1alpha1.Workflow')!,
    cron: ajv.getSchema('argo#/definitions/io.argoproj.workflow.v1alpha1.CronWorkflow')!,
  };
  validators.set(version, v);
  return v;
}

/** Every problem of a manifest: schema errors of both Argo versions and the lint's findings (empty: valid). */
export function manifestProblems(m: WorkflowManifest): string[] {
  const out: string[] = [];
  // the schema knows JSON, not our TypeScript objects: check what would be sent
  const data = JSON.parse(JSON.stringify(m));
  for (const version of ['v3.7.18', 'v4.1.2']) {
    const v = compile(version)[m.kind === 'CronWorkflow' ? 'cron' : 'workflow'];
    if (!v(data)) for (const e of v.errors ?? []) out.push(`${version} ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }
  out.push(...lintManifest(m));
  return out;
}

export const baseArgoConfig = (extra: Record<string, unknown> = {}) => ({
  pvc_for_runnable: 'runnable',
  defaults: { image: 'registry.example/pipeline:1' },
  argoWorkflow: { metadata: { generateName: 'demo-' } },
  ...extra,
});

export interface TranspileInput {
  pipeline: string;
  config?: Record<string, unknown>;
  parameters?: Parameters;
  runId?: string;
  files?: { config?: string; parameters?: string };
}

/** The manifest and its YAML for a pipeline file (relative to the repo) and an argo `config:` mapping. */
export function transpile(input: TranspileInput): { manifest: WorkflowManifest; yaml: string; config: ArgoConfig } {
  const config = z.parse(argoConfigSchema, input.config ?? baseArgoConfig()) as ArgoConfig;
  const pipeline = loadPipelineFile(path.join(REPO_ROOT, input.pipeline));
  const manifest = buildManifest({
    pipeline,
    config,
    executorName: 'argo',
    parameters: input.parameters ?? {},
    files: { pipeline: input.pipeline, config: input.files?.config ?? 'argo.yaml', parameters: input.files?.parameters },
    tag: '',
    runId: input.runId,
  });
  return { manifest, yaml: manifestYaml(manifest), config };
}
