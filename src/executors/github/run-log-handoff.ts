// How the run log travels between the jobs of a generated workflow, on the file system side (the action moves
// the files as artifacts). Every job works on a chunked-fs folder: it lays the artifacts of the jobs before it
// over each other in the order of their sequence numbers (a job's number is above those of the jobs it needs,
// and jobs with the same number write different branch files), runs its stage, and uploads only the files whose
// content it changed. runnable's argo executor shares one volume instead; GitHub jobs share nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArtifactTransport } from '../../services/catalog/artifact-transport.js';

/** Every job's run-log artifact of a run starts with this (the catalog's are `runnable+<id>+catalog+`, the final run log's `runnable+<id>+run-log+`). */
export const logArtifactPrefix = (runId: string) => `runnable+${runId}+job-log+`;

/**
 * The name of one job's run-log artifact: the prefix, the sequence (zero-padded, so names sort), the job's key and
 * the run attempt (a re-run job uploads again under a new name: GitHub refuses a name twice in a run).
 */
export function logArtifactName(runId: string, sequence: number, jobKey: string, attempt: string): string {
  const key = jobKey.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 120);
  return `${logArtifactPrefix(runId)}${String(sequence).padStart(5, '0')}-${key}-a${attempt.padStart(3, '0')}`;
}

/** Run-log artifact names of `runId` in the order to lay them over each other (sequence, then attempt). */
export function orderLogArtifacts(runId: string, names: string[]): string[] {
  const prefix = logArtifactPrefix(runId);
  const parse = (n: string) => {
    const m = /^(\d+)-.*-a(\d+)$/.exec(n.slice(prefix.length));
    return m ? { seq: Number(m[1]), attempt: Number(m[2]) } : undefined;
  };
  return names
    .filter((n) => n.startsWith(prefix) && parse(n))
    .sort((a, b) => {
      const x = parse(a)!;
      const y = parse(b)!;
      return x.seq - y.seq || x.attempt - y.attempt || (a < b ? -1 : a > b ? 1 : 0);
    });
}

/** Content hashes of the files under `dir` (relative path -> sha1); empty when it does not exist. */
export function snapshotFolder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && !e.name.startsWith('.')) out.set(path.relative(dir, full), hashFile(full));
    }
  };
  walk(dir);
  return out;
}

const hashFile = (f: string) => crypto.createHash('sha1').update(fs.readFileSync(f)).digest('hex');

/** Files under `dir` that are new or changed since `before` (absolute paths, sorted). */
export function changedFiles(dir: string, before: Map<string, string>): string[] {
  const now = snapshotFolder(dir);
  return [...now]
    .filter(([rel, h]) => before.get(rel) !== h)
    .map(([rel]) => path.join(dir, rel))
    .sort();
}

/**
 * Lays every job-log artifact of the run, in order, over `folder` (the run-log store's folder). Returns their
 * names. Artifacts of earlier attempts of the workflow run are there too: the later attempt wins.
 */
export async function downloadJobLogs(transport: ArtifactTransport, runId: string, folder: string): Promise<string[]> {
  const refs = await transport.list(logArtifactPrefix(runId));
  const byName = new Map(refs.map((r) => [r.name, r]));
  const names = orderLogArtifacts(runId, [...byName.keys()]);
  const tmp = fs.mkdtempSync(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'runnable-job-logs-'));
  try {
    for (const name of names) {
      const into = path.join(tmp, String(byName.get(name)!.id));
      await transport.download(byName.get(name)!, into);
      layOver(into, folder);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return names;
}

/** Copies every file under `from` into `into` (same relative paths), replacing what is there. */
export function layOver(from: string, into: string): void {
  if (!fs.existsSync(from)) return;
  fs.cpSync(from, into, { recursive: true, force: true });
}
