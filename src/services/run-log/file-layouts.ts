// The two on-disk layouts of runnable run logs (§3.4), readable whichever store wrote them:
//   file-system: <folder>/<run_id>.json
//   chunked-fs:  <folder>/<run_id>/RunLog.json + BranchLog-<branch internal name>.json
import fs from 'node:fs';
import path from 'node:path';
import { fitFileName } from '../../util/file-names.js';
import { parentBranchName, type BranchLog, type RunLog, type StepLog } from './model.js';
import { RunLogNotFoundError } from './store.js';

export const singleFile = (folder: string, runId: string) => path.join(folder, `${runId}.json`);
export const chunkDir = (folder: string, runId: string) => path.join(folder, runId);
/** A branch's file; a long branch name is shortened with a hash (the reader finds branches by their content). */
export const branchFile = (folder: string, runId: string, branch: string) =>
  path.join(folder, runId, fitFileName('BranchLog-', branch, '.json'));

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.promises.readFile(file, 'utf8')) as T;
}

export async function readAnyLayout(folder: string, runId: string): Promise<RunLog> {
  const single = singleFile(folder, runId);
  if (fs.existsSync(single)) return readJson<RunLog>(single);
  const dir = chunkDir(folder, runId);
  const main = path.join(dir, 'RunLog.json');
  if (!fs.existsSync(main)) throw new RunLogNotFoundError(runId, folder);
  const runLog = await readJson<RunLog>(main);
  const branches = new Map<string, BranchLog>();
  for (const f of await fs.promises.readdir(dir)) {
    if (!f.startsWith('BranchLog-') || !f.endsWith('.json')) continue;
    const b = await readJson<BranchLog>(path.join(dir, f));
    branches.set(b.internal_name, b);
  }
  // Parents before children: sorting by depth lets each branch find its (already stitched) parent step. Within a
  // depth, natural order (each.2 before each.10): the files do not record item order, and most map items are
  // numbers or names, for which this gives it back.
  const natural = new Intl.Collator('en', { numeric: true });
  const ordered = [...branches.values()].sort(
    (a, b) => a.internal_name.split('.').length - b.internal_name.split('.').length || natural.compare(a.internal_name, b.internal_name),
  );
  for (const b of ordered) {
    const stepName = parentBranchName(b.internal_name);
    const holderName = parentBranchName(stepName);
    const steps: Record<string, StepLog> | undefined = holderName ? branches.get(holderName)?.steps : runLog.steps;
    const step = steps?.[stepName];
    if (!step) continue;
    step.branches ??= {};
    step.branches[b.internal_name] = b;
  }
  return runLog;
}

export async function listAnyLayout(folder: string): Promise<string[]> {
  if (!fs.existsSync(folder)) return [];
  const out: string[] = [];
  for (const e of await fs.promises.readdir(folder, { withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.')) out.push(e.name.slice(0, -5));
    else if (e.isDirectory() && fs.existsSync(path.join(folder, e.name, 'RunLog.json'))) out.push(e.name);
  }
  return out.sort();
}

export const existsAnyLayout = (folder: string, runId: string) =>
  fs.existsSync(singleFile(folder, runId)) || fs.existsSync(path.join(chunkDir(folder, runId), 'RunLog.json'));
