// The post step (action.yml `post`, `post-if: always()`): stops an Argo workflow the main step followed and did
// not see end, and removes the kubeconfig it wrote (argo-post.ts); removes the Docker containers of the run, which a
// cancelled or crashed run can leave behind (the local-container executor labels each one with the run id).
// It never fails the job: without Docker, or without a run, there is nothing to do.
import * as core from '@actions/core';
import { ARGO_STATE } from './argo.js';
import { argoPost } from './argo-post.js';
import { STATE } from './main.js';

/** The label the local-container executor puts on every container (LABELS.runId there). */
export const RUN_ID_LABEL = 'runnable.run-id';

export async function post(): Promise<void> {
  try {
    await argoPost();
  } catch (e) {
    core.warning(`runnable: the clean-up of the argo run failed: ${(e as Error)?.message ?? String(e)}`);
  }
  try {
    const runId = core.getState(STATE.runId);
    if (!runId) {
      // a run handed to Argo has no containers here (argoPost said what it did)
      if (!core.getState(ARGO_STATE.kubeconfigDir) && !core.getState(ARGO_STATE.workflow))
        core.info('runnable: no run was started, nothing to clean up.');
      return;
    }
    const { DockerClient } = await import('../executors/container/docker-client.js');
    let client: InstanceType<typeof DockerClient>;
    try {
      client = new DockerClient({ pingTimeoutMs: 3_000 });
      await client.ping();
    } catch {
      core.info(`runnable: Docker does not answer, so no container of run ${runId} can be left.`);
      return;
    }
    const removed = await client.removeContainers({ [RUN_ID_LABEL]: runId });
    core.info(
      removed.length
        ? `runnable: removed ${removed.length} container${removed.length > 1 ? 's' : ''} of run ${runId}: ${removed.map((id) => id.slice(0, 12)).join(', ')}`
        : `runnable: no container of run ${runId} was left.`,
    );
  } catch (e) {
    core.warning(`runnable: the clean-up of the run's containers failed: ${(e as Error)?.message ?? String(e)}`);
  } finally {
    process.exitCode = 0;
  }
}
