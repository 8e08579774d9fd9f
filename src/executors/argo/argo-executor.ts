// `pipeline-executor: {type: argo}`: a whole-graph executor. `runnable transpile` writes the Workflow (runnable's
// `output_file`) and prints its size; `runnable execute` does the same and, with `submit: true`, creates it in the
// cluster and (with `wait: true`) follows it to its end. runnable only writes the file (and exits 1).
import fs from 'node:fs';
import path from 'node:path';
import type { GraphExecutor, GraphOutcome, GraphRun } from '../../engine/executor.js';
import { InvalidInputError } from '../../errors.js';
import { isComposite, type Graph } from '../../pipeline/model.js';
import { atomicWriteSync } from '../../util/atomic-write.js';
import type { ArgoConfig } from './config.js';
import { lintManifest } from './lint.js';
import { buildManifest, manifestYaml } from './manifest.js';
import { workflowSpecOf, type WorkflowManifest } from './workflow-types.js';

/** The key nodes use in `overrides:` for this executor (runnable: `overrides: {argo: <key>}`). */
export const ARGO_OVERRIDE_KEY = 'argo';

/** What `submit` does with a manifest; set by submit.ts so that this file stays free of the Kubernetes client. */
export type Submitter = (run: GraphRun, config: ArgoConfig, manifest: WorkflowManifest) => Promise<GraphOutcome>;

export class ArgoExecutor implements GraphExecutor {
  readonly model = 'whole-graph' as const;
  readonly type = 'argo';

  constructor(
    readonly config: ArgoConfig,
    private readonly submitter?: Submitter,
  ) {}

  async prepare(run: GraphRun): Promise<void> {
    checkStores(run);
  }

  /** The manifest for this run (no run id when only rendering: it is given at submit). */
  manifest(run: GraphRun, labels?: Record<string, string>): WorkflowManifest {
    const m = buildManifest({
      pipeline: run.pipeline,
      config: this.config,
      executorName: ARGO_OVERRIDE_KEY,
      parameters: run.parameters,
      files: run.files,
      tag: run.tag,
      runId: run.intent === 'execute' && this.config.submit ? run.runId : undefined,
      labels,
    });
    const problems = lintManifest(m);
    if (problems.length) {
      throw new InvalidInputError(
        'invalid argo workflow',
        problems.map((message) => ({
          message,
          fix: 'check argoWorkflow in the configuration; if it is fine, this is a bug in runnable: please report it.',
        })),
      );
    }
    return m;
  }

  async executeGraph(run: GraphRun): Promise<GraphOutcome> {
    const started = performance.now();
    const manifest = this.manifest(run);
    const text = manifestYaml(manifest);
    checkManifestSize(text, manifest, this.config.output_file);
    const file = path.resolve(this.config.output_file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    atomicWriteSync(file, text);
    const kb = (Buffer.byteLength(text) / 1024).toFixed(1);
    run.say(
      `argo: ${manifest.kind} with ${workflowSpecOf(manifest).templates.length} templates, ${kb} KiB (limit 1024 KiB), in ${Math.round(performance.now() - started)} ms`,
    );
    if (run.intent === 'render' || !this.config.submit) return { kind: 'rendered', files: [this.config.output_file] };
    if (!this.submitter) throw new Error('internal: the argo executor was created without a submitter');
    return this.submitter(run, this.config, manifest);
  }
}

/** Kubernetes keeps an object in etcd, whose requests are limited: Argo's guidance is 1 MiB per Workflow. */
export const ARGO_MANIFEST_LIMIT = 1024 * 1024;

/** Refuses, before anything is written, a manifest the API server would not store. */
function checkManifestSize(text: string, manifest: WorkflowManifest, outputFile: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= ARGO_MANIFEST_LIMIT) return;
  const templates = workflowSpecOf(manifest).templates.length;
  throw new InvalidInputError('invalid configuration', [
    {
      message: `the ${manifest.kind} for ${outputFile} would be ${Math.ceil(bytes / 1024)} KiB, over Argo's object limit of 1024 KiB (${templates} templates).`,
      fix: 'steps with the same image, resources and overrides share one template: let steps share override names (`overrides: {argo: <name>}`) instead of one override per step, or move parts into a sub-pipeline.',
    },
  ]);
}

/** Pods share the run log through the store: an in-memory store cannot, and one file cannot take parallel writers. */
function checkStores(run: GraphRun): void {
  if (!run.store.sharedAcrossProcesses) {
    throw new InvalidInputError('invalid configuration', [
      {
        message: `the ${run.store.type} run-log store keeps the run log in this process; Argo pods need one they all reach.`,
        fix: 'use `run-log-store: {type: chunked-fs}` (on the PVC named by pvc_for_runnable).',
      },
    ]);
  }
  if (!run.store.supportsParallelWrites && hasConcurrentBranches(run.pipeline.graph)) {
    throw new InvalidInputError('invalid configuration', [
      {
        message: `the pipeline has parallel or map steps, whose pods run at once; the ${run.store.type} store keeps the run log in one file, which they would overwrite.`,
        fix: 'use `run-log-store: {type: chunked-fs}`: each branch writes its own file (runnable requires it too).',
      },
    ]);
  }
}

function hasConcurrentBranches(g: Graph): boolean {
  return Object.values(g.nodes).some((n) => {
    if (!isComposite(n)) return false;
    if (n.type === 'parallel' || n.type === 'map') return true;
    const children = n.type === 'conditional' ? Object.values(n.branches) : [n.branch];
    return children.some(hasConcurrentBranches);
  });
}
