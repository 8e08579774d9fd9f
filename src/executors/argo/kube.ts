// The Kubernetes connection of the argo executor: a kubeconfig from the configuration's `kubeconfig` path, else
// KUBECONFIG / ~/.kube/config, else the pod's in-cluster service account (@kubernetes/client-node's
// loadFromDefault); the context and namespace the configuration names. Loaded lazily (the client is large), so
// `runnable transpile` never pays for it. Credentials stay inside the client: nothing here prints or writes them.
import fs from 'node:fs';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { InvalidInputError } from '../../errors.js';
import type { ArgoConfig } from './config.js';

export type KubeModule = typeof import('@kubernetes/client-node');

export const ARGO_GROUP = 'argoproj.io';
export const ARGO_VERSION = 'v1alpha1';

export interface KubeConnection {
  k8s: KubeModule;
  kc: KubeConfig;
  namespace: string;
  /** Where the credentials came from, for messages (a path or "in-cluster"; never their content). */
  source: string;
}

/** What a connection needs of the configuration (the action's post step has only these, saved by the main step). */
export type ConnectionSettings = Pick<ArgoConfig, 'kubeconfig' | 'context'> & { argoWorkflow: { metadata: { namespace: string } } };

export async function connect(config: ConnectionSettings, env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<KubeConnection> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  let source: string;
  if (config.kubeconfig) {
    const file = path.resolve(cwd, config.kubeconfig);
    if (!fs.existsSync(file)) {
      throw new InvalidInputError('invalid configuration', [
        {
          message: `the kubeconfig ${file} does not exist.`,
          fix: 'set pipeline-executor.config.kubeconfig to the path of a kubeconfig file, or leave it out to use KUBECONFIG.',
        },
      ]);
    }
    kc.loadFromFile(file);
    source = file;
  } else {
    const saved = process.env.KUBECONFIG;
    if (env.KUBECONFIG !== undefined) process.env.KUBECONFIG = env.KUBECONFIG;
    try {
      kc.loadFromDefault();
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
    source = env.KUBECONFIG || (kc.getCurrentCluster() ? '~/.kube/config or in-cluster' : 'none');
  }
  if (config.context) {
    if (!kc.getContexts().some((c) => c.name === config.context)) {
      throw new InvalidInputError('invalid configuration', [
        {
          message: `the kubeconfig (${source}) has no context "${config.context}"; it has ${
            kc
              .getContexts()
              .map((c) => c.name)
              .join(', ') || 'none'
          }.`,
          fix: 'set pipeline-executor.config.context to one of them.',
        },
      ]);
    }
    kc.setCurrentContext(config.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new InvalidInputError('invalid configuration', [
      {
        message: 'no Kubernetes cluster is configured: KUBECONFIG is unset, ~/.kube/config has no current context, and this is not a pod.',
        fix: 'set KUBECONFIG (or pipeline-executor.config.kubeconfig) to a kubeconfig file.',
      },
    ]);
  }
  return { k8s, kc, namespace: config.argoWorkflow.metadata.namespace, source };
}

/** An ApiException's HTTP status, or undefined for other errors. */
export function statusOf(e: unknown): number | undefined {
  const code = (e as { code?: unknown; statusCode?: unknown })?.code ?? (e as { statusCode?: unknown })?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** An error's message without the response body (which may echo request headers). */
export function briefly(e: unknown): string {
  const status = statusOf(e);
  const body = (e as { body?: unknown })?.body;
  let reason = '';
  if (typeof body === 'string') {
    try {
      reason = (JSON.parse(body) as { message?: string }).message ?? '';
    } catch {
      reason = '';
    }
  } else if (body && typeof body === 'object') reason = String((body as { message?: string }).message ?? '');
  if (status) return `HTTP ${status}${reason ? `: ${reason}` : ''}`;
  return (e as Error)?.message ?? String(e);
}
