// Submitting and following a Workflow: create it through the Kubernetes API (labelled with the run id and, under
// GitHub Actions, the repository, run id and sha), then — with `wait: true` — follow it with the watch API,
// reconnecting when the stream ends and re-reading the object on 410 Gone, print each node's phase change under
// the pipeline's step names, stream each pod's `main` log, and end with the workflow's final phase. A cancelled
// follower (Ctrl-C, SIGTERM) sets `spec.shutdown: Stop`, so the run ends through its exit handler — unless `detach`
// (`--detach`), which leaves the workflow running. A workflow deleted while followed ends the wait with that said.
// runnable has no submit at all (it writes the file and exits 1).
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import type { GraphOutcome, GraphRun } from '../../engine/executor.js';
import { CancelledError, InfrastructureError } from '../../errors.js';
import type { ArgoConfig } from './config.js';
import { ARGO_GROUP, ARGO_VERSION, briefly, connect, statusOf, type KubeConnection } from './kube.js';
import type { WorkflowManifest } from './workflow-types.js';

/** Label values: at most 63 of [A-Za-z0-9._-], starting and ending alphanumeric. */
export function labelValue(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/** The labels a submitted workflow carries. */
export function runLabels(runId: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const labels: Record<string, string> = { 'runnable/run-id': labelValue(runId) };
  if (env.GITHUB_ACTIONS === 'true') {
    if (env.GITHUB_REPOSITORY) labels['runnable/github-repository'] = labelValue(env.GITHUB_REPOSITORY.replace('/', '.'));
    if (env.GITHUB_RUN_ID) labels['runnable/github-run-id'] = labelValue(env.GITHUB_RUN_ID);
    if (env.GITHUB_SHA) labels['runnable/github-sha'] = labelValue(env.GITHUB_SHA);
  }
  return labels;
}

/** What a caller (the action) learns while a workflow is submitted and followed: where it is, and its nodes. */
export interface SubmitWatcher {
  /** Right after the create call: the object's kind, namespace and name. */
  submitted?(w: { kind: WorkflowManifest['kind']; namespace: string; name: string }): void;
  /** At every update seen while following: the workflow's phase and its pod nodes under the pipeline's step names. */
  updated?(phase: string | undefined, nodes: NodePhase[]): void;
}

/** One pod node of a followed workflow, named as the pipeline names the step. */
export interface NodePhase {
  id: string;
  step: string;
  phase: string;
  startedAt?: string;
  finishedAt?: string;
  message?: string;
}

interface WorkflowObject {
  metadata: { name: string; resourceVersion?: string };
  status?: {
    phase?: string;
    finishedAt?: string;
    message?: string;
    nodes?: Record<string, ArgoNode>;
    compressedNodes?: string;
  };
}

interface ArgoNode {
  id: string;
  displayName?: string;
  type?: string;
  phase?: string;
  templateName?: string;
  startedAt?: string;
  finishedAt?: string;
  message?: string;
  inputs?: { parameters?: Array<{ name: string; value?: string }> };
}

const plural = (m: WorkflowManifest) => (m.kind === 'CronWorkflow' ? 'cronworkflows' : 'workflows');
const DONE = new Set(['Succeeded', 'Failed', 'Error']);

export async function submitWorkflow(
  run: GraphRun,
  config: ArgoConfig,
  manifest: WorkflowManifest,
  watcher: SubmitWatcher = {},
): Promise<GraphOutcome> {
  const conn = await connect(config, run.env);
  const body = {
    ...manifest,
    metadata: { ...manifest.metadata, labels: { ...(manifest.metadata.labels ?? {}), ...runLabels(run.runId, run.env) } },
  };
  const api = conn.kc.makeApiClient(conn.k8s.CustomObjectsApi);
  let created: WorkflowObject;
  try {
    created = (await api.createNamespacedCustomObject({
      group: ARGO_GROUP,
      version: ARGO_VERSION,
      namespace: conn.namespace,
      plural: plural(manifest),
      body,
    })) as WorkflowObject;
  } catch (e) {
    throw new InfrastructureError(
      'kubernetes',
      `could not create the ${manifest.kind} in namespace ${conn.namespace} (${briefly(e)}). Run \`runnable doctor -c <config>\` to check the cluster, the namespace, the CRD and the permissions.`,
    );
  }
  const name = created.metadata.name;
  const reference = `${conn.namespace}/${name}`;
  // the watcher first: the action saves what its post step needs before anything else can happen
  watcher.submitted?.({ kind: manifest.kind, namespace: conn.namespace, name });
  run.say(`argo: submitted ${manifest.kind} ${reference} (run id ${run.runId})`);
  if (!config.wait || manifest.kind === 'CronWorkflow') return { kind: 'submitted', reference };
  const phase = await followWorkflow(conn, name, run, config.detach, watcher);
  run.say(`argo: workflow ${reference} ${phase}`);
  return { kind: 'finished', status: phase === 'Succeeded' ? 'SUCCESS' : 'FAIL', reference };
}

/** The nodes of a status, decompressed when the controller packed them. */
export function nodesOf(status: WorkflowObject['status']): Record<string, ArgoNode> {
  if (status?.nodes) return status.nodes;
  if (status?.compressedNodes) return JSON.parse(zlib.gunzipSync(Buffer.from(status.compressedNodes, 'base64')).toString('utf8'));
  return {};
}

/** A node's name for the user: the pipeline step (and position) a pod ran, else Argo's display name. */
export function describeNode(n: ArgoNode): string {
  const p = Object.fromEntries((n.inputs?.parameters ?? []).map((x) => [x.name, x.value ?? '']));
  if (p.step === undefined) return n.displayName ?? n.id;
  const step = p.step.replace(/%/g, ' ');
  const where = p.indices && p.indices !== '[]' ? ` ${p.indices}` : '';
  const mode = p.mode ? ` (${p.mode === 'out' ? 'fan-out' : p.mode === 'in' ? 'fan-in' : p.mode})` : '';
  return `${step}${where}${mode}`;
}

/** The pod nodes of a status, as the watcher gets them. */
export function podPhases(status: WorkflowObject['status']): NodePhase[] {
  return Object.values(nodesOf(status))
    .filter((n) => n.type === 'Pod' && n.phase)
    .map((n) => ({
      id: n.id,
      step: describeNode(n),
      phase: n.phase!,
      ...(n.startedAt ? { startedAt: n.startedAt } : {}),
      ...(n.finishedAt ? { finishedAt: n.finishedAt } : {}),
      ...(n.message ? { message: n.message } : {}),
    }));
}

/** Follows the workflow to its end; resolves to its final phase. Cancelled: stops it (or leaves it, detached) and throws. */
export async function followWorkflow(
  conn: KubeConnection,
  name: string,
  run: GraphRun,
  detach = false,
  watcher: SubmitWatcher = {},
): Promise<string> {
  const { k8s, kc, namespace } = conn;
  const api = kc.makeApiClient(k8s.CustomObjectsApi);
  const path = `/apis/${ARGO_GROUP}/${ARGO_VERSION}/namespaces/${namespace}/workflows`;
  const seen = new Map<string, string>();
  const logs = new LogFollower(conn, name, run);
  const stop = stopper(conn, name, run, detach);
  const onUpdate = (wf: WorkflowObject) => {
    watcher.updated?.(wf.status?.phase, podPhases(wf.status));
    for (const n of Object.values(nodesOf(wf.status))) {
      if (n.type !== 'Pod' || !n.phase || seen.get(n.id) === n.phase) continue;
      seen.set(n.id, n.phase);
      run.say(`argo: ${describeNode(n)}: ${n.phase}`);
      if (n.phase !== 'Pending') logs.wanted(n);
    }
    return wf.status?.phase && DONE.has(wf.status.phase) && wf.status.finishedAt ? wf.status.phase : undefined;
  };
  const get = async () =>
    (await api.getNamespacedCustomObject({
      group: ARGO_GROUP,
      version: ARGO_VERSION,
      namespace,
      plural: 'workflows',
      name,
    })) as WorkflowObject;
  const deleted = () =>
    new InfrastructureError(
      'kubernetes',
      `workflow ${namespace}/${name} was deleted while it was followed; its final phase is unknown (the run log on the PVC has what ran).`,
    );
  run.abort.addEventListener('abort', () => void stop(), { once: true });
  try {
    let current = await get();
    let final = onUpdate(current);
    while (!final && !run.abort.aborted) {
      const r = await watchOnce(
        conn,
        path,
        name,
        current.metadata.resourceVersion,
        (wf) => {
          current = wf;
          final ??= onUpdate(wf);
          return !!final;
        },
        run.abort,
      );
      if (r === 'deleted') throw deleted();
      if (final || run.abort.aborted) break;
      run.say(r === 'gone' ? 'argo: the watch expired (410 Gone); reading the workflow again' : 'argo: the watch ended; reconnecting');
      current = r === 'gone' ? await get() : await get().catch((e: unknown) => (statusOf(e) === 404 ? Promise.reject(e) : current));
      final = onUpdate(current);
    }
    if (!final) {
      await stop();
      throw new CancelledError(run.abort.reason === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
    }
    await logs.drain();
    return final;
  } catch (e) {
    if (statusOf(e) === 404) throw deleted();
    throw e;
  } finally {
    logs.close();
  }
}

/** What a cancelled follower does, once: `spec.shutdown: Stop` on the workflow, or nothing when detached. */
function stopper(conn: KubeConnection, name: string, run: GraphRun, detach: boolean): () => Promise<void> {
  const { namespace } = conn;
  let stopped: Promise<void> | undefined;
  const once = async () => {
    if (detach) {
      run.say(`argo: detached: workflow ${namespace}/${name} keeps running (--detach)`);
      return;
    }
    run.say(`argo: stopping workflow ${namespace}/${name} (spec.shutdown: Stop)`);
    // at once, without reading it first: a second signal may end the process any moment
    await stopWorkflow(conn, name, false).then(
      () => undefined,
      (e: unknown) => run.say(`argo: could not stop the workflow (${briefly(e)})`),
    );
  };
  return () => (stopped ??= once());
}

/**
 * Sets `spec.shutdown: Stop` (a merge patch): Argo stops the running pods and runs the exit handler, which marks
 * the run log FAIL. With `readFirst`, a workflow that has ended already is left as it is. Resolves to whether it
 * patched, and the phase read ('' when not read or none yet). The action's post step uses it too.
 */
export async function stopWorkflow(conn: KubeConnection, name: string, readFirst = true): Promise<{ stopped: boolean; phase: string }> {
  const { k8s, kc, namespace } = conn;
  const api = kc.makeApiClient(k8s.CustomObjectsApi);
  const ref = { group: ARGO_GROUP, version: ARGO_VERSION, namespace, plural: 'workflows', name };
  const current = readFirst ? ((await api.getNamespacedCustomObject(ref)) as WorkflowObject) : undefined;
  const phase = current?.status?.phase ?? '';
  if (DONE.has(phase) && current?.status?.finishedAt) return { stopped: false, phase };
  await api.patchNamespacedCustomObject(
    { ...ref, body: { spec: { shutdown: 'Stop' } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  return { stopped: true, phase };
}

/** One watch stream: 'done' when `update` said so, 'gone' on 410, 'deleted', 'ended' when the server closed it. */
function watchOnce(
  conn: KubeConnection,
  path: string,
  name: string,
  resourceVersion: string | undefined,
  update: (wf: WorkflowObject) => boolean,
  abort: AbortSignal,
): Promise<'done' | 'gone' | 'deleted' | 'ended'> {
  const watch = new conn.k8s.Watch(conn.kc);
  return new Promise((resolve) => {
    let result: 'done' | 'gone' | 'deleted' | 'ended' = 'ended';
    let ctl: AbortController | undefined;
    const finish = () => ctl?.abort();
    abort.addEventListener('abort', finish, { once: true });
    watch
      .watch(
        path,
        { fieldSelector: `metadata.name=${name}`, resourceVersion, allowWatchBookmarks: true },
        (type, obj) => {
          if (type === 'ERROR') {
            if ((obj as { code?: number }).code === 410) result = 'gone';
            finish();
            return;
          }
          if (type === 'DELETED') {
            result = 'deleted';
            finish();
            return;
          }
          if ((type === 'ADDED' || type === 'MODIFIED') && update(obj as WorkflowObject)) {
            result = 'done';
            finish();
          }
        },
        (err: unknown) => {
          abort.removeEventListener('abort', finish);
          if (statusOf(err) === 410) result = 'gone';
          resolve(result);
        },
      )
      .then(
        (c) => {
          ctl = c;
          if (result !== 'ended' || abort.aborted) c.abort();
        },
        (err: unknown) => {
          abort.removeEventListener('abort', finish);
          resolve(statusOf(err) === 410 ? 'gone' : 'ended');
        },
      );
  });
}

/** Streams the `main` container of each pod once, lines prefixed with the step the pod ran. */
class LogFollower {
  private readonly started = new Set<string>();
  private readonly streams: Promise<void>[] = [];
  private readonly controllers: AbortController[] = [];
  private pending: ArgoNode[] = [];
  private listing?: Promise<void>;

  constructor(
    private readonly conn: KubeConnection,
    private readonly workflow: string,
    private readonly run: GraphRun,
  ) {}

  wanted(node: ArgoNode): void {
    if (this.started.has(node.id)) return;
    this.started.add(node.id);
    this.pending.push(node);
    this.listing ??= this.startPending().finally(() => (this.listing = undefined));
  }

  private async startPending(): Promise<void> {
    const { k8s, kc, namespace } = this.conn;
    const core = kc.makeApiClient(k8s.CoreV1Api);
    while (this.pending.length) {
      const nodes = this.pending.splice(0);
      let pods: Array<{ metadata?: { name?: string; annotations?: Record<string, string> } }>;
      try {
        pods = (await core.listNamespacedPod({ namespace, labelSelector: `workflows.argoproj.io/workflow=${this.workflow}` })).items;
      } catch (e) {
        this.run.say(`argo: cannot list the workflow's pods (${briefly(e)}); logs are not shown`);
        return;
      }
      for (const node of nodes) {
        const pod = pods.find((p) => p.metadata?.annotations?.['workflows.argoproj.io/node-id'] === node.id);
        if (pod?.metadata?.name) this.stream(pod.metadata.name, describeNode(node));
      }
    }
  }

  private stream(pod: string, label: string): void {
    const { k8s, kc, namespace } = this.conn;
    let rest = '';
    const out = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        for (const l of lines) this.run.say(`[${label}] ${l}`);
        cb();
      },
    });
    this.streams.push(
      new Promise<void>((resolve) => {
        let ended = false;
        const done = () => {
          if (ended) return;
          ended = true;
          if (rest) this.run.say(`[${label}] ${rest}`);
          rest = '';
          resolve();
        };
        out.on('finish', done);
        new k8s.Log(kc)
          .log(namespace, pod, 'main', out, done, { follow: true })
          .then((c) => this.controllers.push(c))
          .catch(() => resolve());
      }),
    );
  }

  /** Waits (briefly) for the log streams of finished pods to end. */
  async drain(): Promise<void> {
    await this.listing;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.streams), new Promise((r) => (timer = setTimeout(r, 3000)))]);
    clearTimeout(timer); // or the process would wait for it before exiting
  }

  close(): void {
    for (const c of this.controllers) c.abort();
  }
}
