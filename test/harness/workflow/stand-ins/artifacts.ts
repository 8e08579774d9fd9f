// actions/upload-artifact and actions/download-artifact (v4+ semantics), stood in for by a folder store per
// workflow run (`<run>/artifacts/<name>/`): upload takes `path` (one pattern a line, `!` excludes, hidden files
// only with `include-hidden-files`), roots the files at the patterns' least common ancestor (a single file at
// its folder), refuses an existing name unless `overwrite`, and applies `if-no-files-found` (warn, error,
// ignore). Download takes `name` (into `path` itself) or every artifact / those matching `pattern` (each into
// `path/<name>/`, or all into `path` with `merge-multiple`); `artifact-ids` selects by id. Artifacts of other
// runs (`run-id`) are not available.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JobContext } from '../context.js';
import { copyFiles, globRegex, listFiles, matchFiles } from '../files.js';
import type { StepCall, StepRun } from '../step-runner.js';
import { failedRun, noEffects } from '../step-runner.js';

const ID_FILE = '.artifact-id';

function commonAncestor(paths: string[]): string {
  const split = paths.map((p) => p.split('/'));
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const seg = split[0][i];
    if (seg === undefined || split.some((s) => s[i] !== seg)) break;
    out.push(seg);
  }
  return out.join('/') || '/';
}

/** Runs the upload-artifact stand-in. */
export async function uploadArtifact(job: JobContext, call: StepCall): Promise<StepRun> {
  const name = call.with.name || 'artifact';
  if (!call.with.path) return failedRun('upload-artifact: Input required and not supplied: path');
  if (/[":<>|*?\r\n\\/]/.test(name)) return failedRun(`upload-artifact: the artifact name '${name}' has a character that is not allowed`);
  const { files, searchPaths } = matchFiles(call.with.path, job.workspace, { includeHidden: call.with['include-hidden-files'] === 'true' });
  const effects = noEffects();
  if (!files.length) {
    const mode = call.with['if-no-files-found'] || 'warn';
    const message = `No files were found with the provided path: ${call.with.path}. No artifacts will be uploaded.`;
    if (mode === 'error') return failedRun(message);
    if (mode === 'warn') effects.annotations.push({ level: 'warning', message });
    effects.log.push(message);
    return { outcome: 'success', effects, summary: '' };
  }
  let root = searchPaths.length > 1 ? commonAncestor(searchPaths) : searchPaths[0];
  if (searchPaths.length === 1 && files.length === 1 && files[0] === searchPaths[0]) root = path.dirname(files[0]);
  const dest = path.join(job.run.artifactsDir, name);
  if (fs.existsSync(dest)) {
    if (call.with.overwrite !== 'true')
      return failedRun(
        `Failed to CreateArtifact: Received non-retryable error: (409) Conflict: an artifact with this name already exists on the workflow run`,
      );
    fs.rmSync(dest, { recursive: true, force: true });
  }
  const rels = files.map((f) => path.relative(root, f));
  copyFiles(root, dest, rels);
  const id = job.run.nextArtifactId++;
  fs.writeFileSync(path.join(dest, ID_FILE), String(id));
  const digest = createHash('sha256');
  for (const r of rels) digest.update(r).update(fs.readFileSync(path.join(dest, r)));
  effects.log.push(`Uploaded ${rels.length} file(s) as artifact '${name}' (id ${id}) from ${root}`);
  effects.outputs['artifact-id'] = String(id);
  effects.outputs['artifact-url'] =
    `${job.run.github.server_url}/${job.run.github.repository}/actions/runs/${job.run.runId}/artifacts/${id}`;
  effects.outputs['artifact-digest'] = digest.digest('hex');
  return { outcome: 'success', effects, summary: '' };
}

/** Artifacts stored so far in this run: name and id. */
export function listArtifacts(artifactsDir: string): { name: string; id: number; dir: string }[] {
  if (!fs.existsSync(artifactsDir)) return [];
  return fs
    .readdirSync(artifactsDir)
    .sort()
    .map((name) => {
      const dir = path.join(artifactsDir, name);
      return { name, id: Number(fs.readFileSync(path.join(dir, ID_FILE), 'utf8')), dir };
    });
}

/** The files of a stored artifact, relative to its root. */
export function artifactFiles(dir: string): string[] {
  return listFiles(dir).filter((f) => f !== ID_FILE);
}

/** Runs the download-artifact stand-in. */
export async function downloadArtifact(job: JobContext, call: StepCall): Promise<StepRun> {
  if (call.with['run-id'] && call.with['run-id'] !== job.run.runId)
    return failedRun('download-artifact stand-in: artifacts of other workflow runs are not available');
  const target = path.resolve(job.workspace, (call.with.path || '.').replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
  const all = listArtifacts(job.run.artifactsDir);
  const effects = noEffects();
  let chosen = all;
  let single = false;
  if (call.with.name) {
    chosen = all.filter((a) => a.name === call.with.name);
    if (!chosen.length) return failedRun(`Unable to download artifact(s): Artifact not found for name: ${call.with.name}`);
    single = true;
  } else if (call.with['artifact-ids']) {
    const ids = call.with['artifact-ids'].split(',').map((s) => Number(s.trim()));
    chosen = all.filter((a) => ids.includes(a.id));
    if (chosen.length !== ids.length)
      return failedRun(`Unable to download artifact(s): not every id of ${call.with['artifact-ids']} exists`);
    single = chosen.length === 1;
  } else if (call.with.pattern) {
    const re = globRegex(call.with.pattern);
    chosen = all.filter((a) => re.test(a.name));
  }
  const merge = call.with['merge-multiple'] === 'true';
  for (const a of chosen) {
    const into = single || merge ? target : path.join(target, a.name);
    copyFiles(a.dir, into, artifactFiles(a.dir));
    effects.log.push(`Downloaded artifact '${a.name}' to ${into}`);
  }
  if (!chosen.length) effects.log.push('No artifacts to download');
  effects.outputs['download-path'] = target;
  return { outcome: 'success', effects, summary: '' };
}
