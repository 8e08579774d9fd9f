// The post step's argo part: a workflow the main step was following and did not see end (the job was cancelled,
// the step killed or timed out) is stopped with `spec.shutdown: Stop`, through the kubeconfig the main step used;
// then the kubeconfig the action wrote under RUNNER_TEMP is removed. Never throws: each failure is a warning.
// runnable has no action, so no counterpart.
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { ARGO_STATE, type FollowedWorkflow } from './argo.js';

/** How long the post step tries to reach the cluster: an unreachable one must not hold the job. */
const STOP_TIMEOUT_MS = 30_000;

export async function argoPost(): Promise<void> {
  try {
    await stopLeftRunning();
  } finally {
    removeKubeconfig();
  }
}

async function stopLeftRunning(): Promise<void> {
  const saved = core.getState(ARGO_STATE.workflow);
  if (!saved || core.getState(ARGO_STATE.ended) === 'true') return;
  let w: FollowedWorkflow;
  try {
    w = JSON.parse(saved) as FollowedWorkflow;
  } catch {
    core.warning('runnable: the saved argo workflow could not be read; it is not stopped.');
    return;
  }
  const ref = `${w.namespace}/${w.name}`;
  try {
    const { connect } = await import('../executors/argo/kube.js');
    const { stopWorkflow } = await import('../executors/argo/submit.js');
    const conn = await connect(
      { kubeconfig: w.kubeconfig, context: w.context, argoWorkflow: { metadata: { namespace: w.namespace } } },
      process.env,
    );
    let timer: NodeJS.Timeout | undefined;
    const r = await Promise.race([
      stopWorkflow(conn, w.name),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${STOP_TIMEOUT_MS / 1000} s`)), STOP_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    core.info(
      r.stopped
        ? `runnable: the job ended while workflow ${ref} was running: stopped it (spec.shutdown: Stop).`
        : `runnable: workflow ${ref} had ended (${r.phase}): nothing to stop.`,
    );
  } catch (e) {
    const { briefly } = await import('../executors/argo/kube.js');
    core.warning(`runnable: workflow ${ref} could not be stopped (${briefly(e)}); stop it with \`argo stop -n ${w.namespace} ${w.name}\`.`);
  }
}

function removeKubeconfig(): void {
  const dir = core.getState(ARGO_STATE.kubeconfigDir);
  // only the folder the main step made (writeKubeconfig): never whatever else a state value could name
  if (!dir || !path.basename(dir).startsWith('runnable-kube-')) return;
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    core.info('runnable: removed the kubeconfig the action wrote.');
  } catch (e) {
    core.warning(`runnable: the kubeconfig in ${dir} could not be removed: ${(e as Error).message}`);
  }
}
