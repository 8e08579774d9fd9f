// `runnable doctor -c argo.yaml`: checks, in order, what a submit needs — the image named, a kubeconfig and its
// context, the API server answering, the namespace, Argo's Workflow CRD, the permission to create and watch
// workflows (SelfSubjectAccessReview), the PVC — and prints each result with the fix for a failure. Nothing is
// created. Credentials are used, never printed.
import type { ArgoConfig } from './config.js';
import { ARGO_GROUP, ARGO_VERSION, briefly, connect, statusOf, type KubeConnection } from './kube.js';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

export async function argoDoctor(config: ArgoConfig, env: NodeJS.ProcessEnv, cwd: string): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const image = config.defaults.image;
  checks.push(
    image && !image.includes('$')
      ? { name: 'image', ok: true, detail: image }
      : {
          name: 'image',
          ok: false,
          detail: `defaults.image is "${image}"`,
          fix: 'name the image the pods run (with runnable installed), e.g. ghcr.io/acme/pipeline:1.',
        },
  );
  let conn: KubeConnection;
  try {
    conn = await connect(config, env, cwd);
    checks.push({ name: 'kubeconfig', ok: true, detail: `${conn.source}, context ${conn.kc.getCurrentContext() || '(in-cluster)'}` });
  } catch (e) {
    const issue = (e as { issues?: Array<{ message: string; fix: string }> }).issues?.[0];
    checks.push({
      name: 'kubeconfig',
      ok: false,
      detail: issue?.message ?? briefly(e),
      fix: issue?.fix ?? 'set KUBECONFIG to a kubeconfig file.',
    });
    return checks;
  }
  const { k8s, kc, namespace } = conn;
  try {
    const v = await kc.makeApiClient(k8s.VersionApi).getCode();
    checks.push({ name: 'api server', ok: true, detail: `${kc.getCurrentCluster()?.server} (Kubernetes ${v.gitVersion})` });
  } catch (e) {
    checks.push({
      name: 'api server',
      ok: false,
      detail: `${kc.getCurrentCluster()?.server} does not answer (${briefly(e)})`,
      fix: 'check the server address in the kubeconfig, the network (VPN) and that the credentials have not expired.',
    });
    return checks;
  }
  const probe = async (
    name: string,
    call: () => Promise<unknown>,
    ok: string,
    fix404: string,
    fixOther = 'check the permissions of the kubeconfig user.',
  ) => {
    try {
      await call();
      checks.push({ name, ok: true, detail: ok });
      return true;
    } catch (e) {
      checks.push({ name, ok: false, detail: briefly(e), fix: statusOf(e) === 404 ? fix404 : fixOther });
      return false;
    }
  };
  const nsOk = await probe(
    'namespace',
    () => kc.makeApiClient(k8s.CoreV1Api).readNamespace({ name: namespace }),
    namespace,
    `create it (kubectl create namespace ${namespace}) or set argoWorkflow.metadata.namespace to an existing one.`,
  );
  await probe(
    'workflow CRD',
    () =>
      kc
        .makeApiClient(k8s.CustomObjectsApi)
        .listNamespacedCustomObject({ group: ARGO_GROUP, version: ARGO_VERSION, namespace, plural: 'workflows', limit: 1 }),
    'workflows.argoproj.io is installed',
    'install Argo Workflows in the cluster (its CRDs: kubectl apply -f the release manifest), or point KUBECONFIG at the cluster that has it.',
  );
  const authz = kc.makeApiClient(k8s.AuthorizationV1Api);
  for (const verb of ['create', 'watch']) {
    try {
      const r = await authz.createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { group: ARGO_GROUP, resource: 'workflows', verb, namespace } },
        },
      });
      checks.push(
        r.status?.allowed
          ? { name: `may ${verb} workflows`, ok: true, detail: `in ${namespace}` }
          : {
              name: `may ${verb} workflows`,
              ok: false,
              detail: `denied in ${namespace}${r.status?.reason ? `: ${r.status.reason}` : ''}`,
              fix: `grant the user a Role with verbs [create, get, watch, patch] on workflows.argoproj.io in ${namespace}.`,
            },
      );
    } catch (e) {
      checks.push({
        name: `may ${verb} workflows`,
        ok: false,
        detail: briefly(e),
        fix: 'the API server refused a SelfSubjectAccessReview; check the user.',
      });
    }
  }
  if (config.pvc_for_runnable && nsOk) {
    await probe(
      'pvc',
      () => kc.makeApiClient(k8s.CoreV1Api).readNamespacedPersistentVolumeClaim({ name: config.pvc_for_runnable!, namespace }),
      config.pvc_for_runnable,
      `create a ReadWriteMany PersistentVolumeClaim "${config.pvc_for_runnable}" in ${namespace} (the run log and catalog live there), or change pvc_for_runnable.`,
    );
  }
  return checks;
}
