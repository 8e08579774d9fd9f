// What runs a `uses:` step: `./path` is a JavaScript action in the job's workspace; `runnable/action@<ref>`
// is this repository's own action (action.yml and the committed dist/action, snapshotted once per run so a
// rebuild during the tests cannot change it mid-run); actions/checkout, setup-node, setup-python,
// upload-artifact, download-artifact and cache have stand-ins. Anything else fails the step, naming it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JobContext } from './context.js';
import type { WorkflowStep } from './loader.js';
import { runNodeAction } from './node-action.js';
import { downloadArtifact, uploadArtifact } from './stand-ins/artifacts.js';
import { checkout } from './stand-ins/checkout.js';
import { setupNode, setupPython } from './stand-ins/setup-tools.js';
import type { StepCall, StepExecutor, StepRun } from './step-runner.js';
import { failedRun, noEffects } from './step-runner.js';

/** The repository whose `owner/name@ref` stands for the local action. */
export const LOCAL_ACTION_REPOSITORY = 'runnable/action';

/** This repository: where `runnable/action@ref` lives, whatever repository the workflow runs in. */
const ACTION_REPOSITORY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

type StandIn = (job: JobContext, call: StepCall) => Promise<StepRun>;

const cacheStandIn: StandIn = async () => {
  const effects = noEffects();
  effects.outputs['cache-hit'] = 'false';
  effects.log.push('actions/cache stand-in: nothing cached, nothing restored');
  return { outcome: 'success', effects, summary: '' };
};

/** Stand-ins by `owner/repo` (any ref). */
export const STAND_INS: Record<string, StandIn> = {
  'actions/checkout': checkout,
  'actions/setup-node': setupNode,
  'actions/setup-python': setupPython,
  'actions/upload-artifact': uploadArtifact,
  'actions/download-artifact': downloadArtifact,
  'actions/cache': cacheStandIn,
};

/**
 * A snapshot of this repository's action (action.yml + dist/action + dist/cli) for `runnable/action@ref`: taken
 * from this repository, not from the workflow's (a user's repository does not hold the action's bundles).
 */
function localActionSnapshot(job: JobContext, ref: string): string {
  const cached = job.run.actionCache.get(ref);
  if (cached) return cached;
  const dir = path.join(job.run.runDir, '_actions', LOCAL_ACTION_REPOSITORY, ref);
  const repo = ACTION_REPOSITORY_DIR;
  if (!fs.existsSync(path.join(repo, 'dist/action/index.js')))
    throw new Error(`${repo}/dist/action/index.js is missing: run \`npm run build\``);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(repo, 'action.yml'), path.join(dir, 'action.yml'));
  fs.cpSync(path.join(repo, 'dist/action'), path.join(dir, 'dist/action'), { recursive: true });
  // GitHub fetches the whole repository at the ref: the CLI bundle the action mounts into containers is there too
  fs.cpSync(path.join(repo, 'dist/cli'), path.join(dir, 'dist/cli'), { recursive: true });
  job.run.actionCache.set(ref, dir);
  return dir;
}

/** The executor of a `uses:` step. */
export const runUses: StepExecutor = async (job: JobContext, step: WorkflowStep, call: StepCall) => {
  const uses = String(step.uses).trim();
  if (uses.startsWith('./')) return runNodeAction(job, step, call, { dir: path.resolve(job.workspace, uses), repository: '', ref: '' });
  if (uses.startsWith('docker://')) return failedRun(`${uses}: Docker actions are not supported by the workflow harness`);
  const m = /^([^/@]+\/[^/@]+)(\/[^@]*)?@(.+)$/.exec(uses);
  if (!m) return failedRun(`'${uses}' is not a valid uses: (owner/repo@ref or ./path)`);
  const [, repo, sub, ref] = m;
  if (repo.toLowerCase() === LOCAL_ACTION_REPOSITORY && !sub) {
    let dir: string;
    try {
      dir = localActionSnapshot(job, ref);
    } catch (e) {
      return failedRun((e as Error).message);
    }
    return runNodeAction(job, step, call, { dir, repository: repo, ref });
  }
  const standIn = STAND_INS[repo.toLowerCase()];
  if (standIn && !sub) return standIn(job, call);
  return failedRun(
    `${uses}: the workflow harness has no stand-in for this action (it has: ${LOCAL_ACTION_REPOSITORY}, ./ actions, ${Object.keys(STAND_INS).join(', ')})`,
  );
};
