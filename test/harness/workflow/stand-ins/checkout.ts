// actions/checkout, stood in for: the repository under test copied into the job's workspace (or `with.path`
// under it) — git's tracked and untracked-not-ignored files of the working tree, so what is being edited is
// what runs; `clean` (default true) empties the target first. The copy is not a git repository, other
// repositories (`with.repository`) cannot be checked out, and `ref` / `fetch-depth` are ignored.
import fs from 'node:fs';
import path from 'node:path';
import type { JobContext } from '../context.js';
import { checkoutFiles, copyFiles } from '../files.js';
import type { StepCall, StepRun } from '../step-runner.js';
import { failedRun, noEffects } from '../step-runner.js';

const fileLists = new Map<string, string[]>();

/** Runs the checkout stand-in. */
export async function checkout(job: JobContext, call: StepCall): Promise<StepRun> {
  const repo = call.with.repository;
  if (repo && repo !== job.run.github.repository)
    return failedRun(`actions/checkout stand-in: only this repository can be checked out, not '${repo}'`);
  const target = path.resolve(job.workspace, call.with.path || '.');
  if (!target.startsWith(job.workspace)) return failedRun(`actions/checkout: path '${call.with.path}' is outside the workspace`);
  if ((call.with.clean ?? 'true') !== 'false' && fs.existsSync(target)) {
    for (const name of fs.readdirSync(target)) fs.rmSync(path.join(target, name), { recursive: true, force: true });
  }
  let files = fileLists.get(job.run.runDir);
  if (!files) {
    files = checkoutFiles(job.run.repoDir);
    fileLists.set(job.run.runDir, files);
  }
  copyFiles(job.run.repoDir, target, files);
  const effects = noEffects();
  effects.log.push(`Copied ${files.length} files of ${job.run.repoDir} to ${target}`);
  effects.outputs.ref = String(job.run.github.ref);
  effects.outputs.commit = String(job.run.github.sha);
  return { outcome: 'success', effects, summary: '' };
}
