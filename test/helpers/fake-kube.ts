// A scripted fake of the few Kubernetes API calls the argo executor makes, for what a real API server without an
// Argo controller cannot show: workflows moving through phases with status.nodes, pod logs, a watch the server
// drops, a 410 Gone inside the stream. node:http on 127.0.0.1, port 0; each watch connection plays the next
// script. Requests are recorded for assertions.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWorkflow {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace: string; resourceVersion: string; labels?: Record<string, string>; generateName?: string };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** One watch connection: write events with `send`, then `end()` to drop it or leave it open. */
export type WatchScript = (w: { send(type: string, object: unknown): void; end(): void; wf: FakeWorkflow }) => void | Promise<void>;

export interface FakeKube {
  url: string;
  requests: Array<{ method: string; path: string; body?: unknown; auth?: string }>;
  workflow?: FakeWorkflow;
  kubeconfig(token: string): string;
  close(): Promise<void>;
}

export interface FakeKubeOptions {
  watches?: WatchScript[];
  /** The script of every watch connection after those of `watches` (default: send nothing, keep it open). */
  watch?: WatchScript;
  logs?: Record<string, string>;
  pods?: Array<{ name: string; nodeId: string }>;
  /** For `runnable doctor`: namespaces and PVCs that exist, whether the Workflow CRD is installed, whether RBAC allows. */
  namespaces?: string[];
  pvcs?: string[];
  crd?: boolean;
  allowed?: boolean;
}

export async function startFakeKube(o: FakeKubeOptions): Promise<FakeKube> {
  const requests: FakeKube['requests'] = [];
  const open = new Set<http.ServerResponse>();
  let watchCount = 0;
  const fake: Partial<FakeKube> = { requests };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, body, auth: req.headers.authorization });
      const json = (code: number, obj: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      const wfPath = /^\/apis\/argoproj\.io\/v1alpha1\/namespaces\/([^/]+)\/workflows(?:\/([^/]+))?$/.exec(url.pathname);
      if (wfPath && req.method === 'POST') {
        const name = `${body.metadata.generateName}abcde`;
        fake.workflow = { ...body, metadata: { ...body.metadata, name, namespace: wfPath[1], resourceVersion: '1' }, status: {} };
        return json(201, fake.workflow);
      }
      if (wfPath && url.searchParams.get('watch') === 'true') {
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        res.flushHeaders();
        open.add(res);
        res.on('close', () => open.delete(res));
        const script = (o.watches ?? [])[watchCount++] ?? o.watch ?? (() => {});
        void script({
          wf: fake.workflow!,
          send: (type, object) => res.write(`${JSON.stringify({ type, object })}\n`),
          end: () => res.end(),
        });
        return;
      }
      if (url.pathname === '/version') return json(200, { gitVersion: 'v1.20.2-fake' });
      const ns = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(url.pathname);
      if (ns)
        return (o.namespaces ?? ['default']).includes(ns[1])
          ? json(200, { metadata: { name: ns[1] } })
          : json(404, { kind: 'Status', code: 404, message: `namespaces "${ns[1]}" not found` });
      const pvc = /^\/api\/v1\/namespaces\/[^/]+\/persistentvolumeclaims\/([^/]+)$/.exec(url.pathname);
      if (pvc)
        return (o.pvcs ?? []).includes(pvc[1])
          ? json(200, { metadata: { name: pvc[1] } })
          : json(404, { kind: 'Status', code: 404, message: 'not found' });
      if (url.pathname === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')
        return json(201, { ...body, status: { allowed: o.allowed ?? true } });
      if (wfPath && !wfPath[2] && req.method === 'GET')
        return o.crd === false
          ? json(404, { kind: 'Status', code: 404, message: 'the server could not find the requested resource' })
          : json(200, { items: [] });
      if (wfPath && wfPath[2] && req.method === 'GET')
        return fake.workflow ? json(200, fake.workflow) : json(404, { kind: 'Status', code: 404 });
      if (wfPath && wfPath[2] && req.method === 'PATCH') return json(200, fake.workflow);
      if (/^\/api\/v1\/namespaces\/[^/]+\/pods$/.test(url.pathname)) {
        return json(200, {
          kind: 'PodList',
          items: (o.pods ?? []).map((p) => ({ metadata: { name: p.name, annotations: { 'workflows.argoproj.io/node-id': p.nodeId } } })),
        });
      }
      const log = /^\/api\/v1\/namespaces\/[^/]+\/pods\/([^/]+)\/log$/.exec(url.pathname);
      if (log) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(o.logs?.[log[1]] ?? '');
        return;
      }
      json(404, { kind: 'Status', code: 404, message: `fake: no route for ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  fake.url = `http://127.0.0.1:${port}`;
  fake.kubeconfig = (token) =>
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: fake\n  cluster:\n    server: ${fake.url}\n    insecure-skip-tls-verify: true`,
      'users:',
      `- name: fake\n  user:\n    token: ${token}`,
      'contexts:',
      '- name: fake\n  context:\n    cluster: fake\n    user: fake\n    namespace: default',
      'current-context: fake',
      '',
    ].join('\n');
  fake.close = async () => {
    for (const r of open) r.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return fake as FakeKube;
}

/** A workflow status with pod nodes: `[id, step, phase]`. */
export function statusWith(phase: string, pods: Array<[string, string, string]>, finished = false) {
  return {
    phase,
    ...(finished ? { finishedAt: '2026-12-06T00:00:00Z' } : {}),
    nodes: Object.fromEntries(
      pods.map(([id, step, p]) => [
        id,
        {
          id,
          type: 'Pod',
          phase: p,
          displayName: step,
          inputs: {
            parameters: [
              { name: 'step', value: step },
              { name: 'indices', value: '[]' },
            ],
          },
        },
      ]),
    ),
  };
}

/**
 * A watch script playing a controller that ran the workflow to `phase`: one pod node per task of the entry DAG that
 * runs a pipeline step (its `step` argument), the graph's fail step left out; every node Succeeded, or, when the
 * workflow Failed, the last step Failed.
 */
export function controllerEnding(phase: 'Succeeded' | 'Failed'): WatchScript {
  return ({ wf, send }) => {
    const spec = wf.spec as { entrypoint?: string; templates?: Array<{ name: string; dag?: { tasks?: any[] } }> };
    const dag = spec.templates?.find((t) => t.name === spec.entrypoint)?.dag?.tasks ?? [];
    const steps = dag
      .map((t) => (t.arguments?.parameters ?? []).find((p: { name: string }) => p.name === 'step')?.value as string | undefined)
      .filter((s): s is string => !!s && s !== 'fail');
    const pods = steps.map((s, i): [string, string, string] => [
      `${wf.metadata.name}-${i}`,
      s,
      phase === 'Failed' && i === steps.length - 1 ? 'Failed' : 'Succeeded',
    ]);
    wf.metadata.resourceVersion = String(Number(wf.metadata.resourceVersion) + 1);
    wf.status = statusWith(phase, pods, true);
    send('MODIFIED', wf);
  };
}
