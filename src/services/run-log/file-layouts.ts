// The two on-disk layouts of runnable run logs (§3.4), readable whichever store wrote them:
//   file-system: <folder>/<run_id>.json
//   chunked-fs:  <folder>/<run_id>/RunLog.json + BranchLog-<branch internal name>.json
import fs from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '../../errors.js';
import { fitFileName } from '../../util/file-names.js';
import { readInputFile } from '../../util/input-file.js';
import { parentBranchName, type BranchLog, type RunLog, type StepLog } from './model.js';
import { RunLogNotFoundError } from './store.js';

export const singleFile = (folder: string, runId: string) => path.join(folder, `${runId}.json`);
export const chunkDir = (folder: string, runId: string) => path.join(folder, runId);
/** A branch's file; a long branch name is shortened with a hash (the reader finds branches by their content). */
export const branchFile = (folder: string, runId: string, branch: string) =>
  path.join(folder, runId, fitFileName('BranchLog-', branch, '.json'));

// Run logs grow with the run (a 10,000-item map writes tens of MB): a wider limit than for files users write.
const MAX_RUN_LOG_BYTES = 1024 * 1024 * 1024;

/** A run-log document that cannot be read or is not one: reported per file, never a stack trace. */
export function corruptRunLog(file: string, problem: string): InvalidInputError {
  return new InvalidInputError('invalid run log', [
    {
      location: { file, line: 1, col: 1 },
      message: `this is not a run log: ${problem}.`,
      fix: 'restore the file from a copy, or move it out of the run-log folder (its run cannot be shown or resumed).',
    },
  ]);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a RunLog.json, a single-file run log or a BranchLog file, checking the fields every reader relies on. */
export async function readRunLogFile<T>(file: string, shape: 'run' | 'branch'): Promise<T> {
  const text = readInputFile(file, 'run log', 'invalid run log', MAX_RUN_LOG_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw corruptRunLog(file, `it is not JSON (${(e as Error).message})`);
  }
  if (!isRecord(data)) throw corruptRunLog(file, 'it is not a JSON object');
  const id = shape === 'run' ? 'run_id' : 'internal_name';
  if (typeof data[id] !== 'string') throw corruptRunLog(file, `"${id}" is missing or not a string`);
  if (typeof data.status !== 'string') throw corruptRunLog(file, '"status" is missing or not a string');
  if (!isRecord(data.steps)) throw corruptRunLog(file, '"steps" is missing or not an object');
  checkSteps(file, data.steps);
  return data as T;
}

function checkSteps(file: string, steps: Record<string, unknown>): void {
  for (const [name, step] of Object.entries(steps)) {
    if (!isRecord(step) || !Array.isArray(step.attempts) || (step.branches !== undefined && !isRecord(step.branches))) {
      throw corruptRunLog(file, `the step "${name}" is not a step log (it needs "attempts" as a list)`);
    }
    for (const [bname, branch] of Object.entries(step.branches ?? {})) {
      if (!isRecord(branch) || !isRecord(branch.steps)) throw corruptRunLog(file, `the branch "${bname}" has no "steps" object`);
      checkSteps(file, branch.steps);
    }
  }
}

const readJson = <T>(file: string) => readRunLogFile<T>(file, 'run');

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
    const b = await readRunLogFile<BranchLog>(path.join(dir, f), 'branch');
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
