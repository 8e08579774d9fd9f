// actions/upload-artifact and actions/download-artifact (v4+ semantics), stood in for by a folder store per
// workflow run (`<run>/artifacts/<name>/`): upload takes `path` (one pattern a line, `!` excludes, hidden files
// only with `include-hidden-files`), roots the files at the patterns' least common ancestor (a single file at
// its folder), refuses an existing name unless `overwrite`, and applies `if-no-files-found` (warn, error,
// ignore). Download takes `name` (into `path` itself) or every artifact / those matching `pattern` (each into
// `path/<name>/`, or all into `path` with `merge-multiple`); `artifact-ids` selects by id. Artifacts of other
// runs (`run-id`) are not available. With runWorkflow's `artifactService`, both go through that service with
// the real @actions/artifact client instead (artifact-client.mjs), the store an action's own uploads use.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JobContext } from '../context.js';
import { copyFiles, globRegex, listFiles, matchFiles } from '../files.js';
import type { StepCall, StepRun } from '../step-runner.js';
import { failedRun, noEffects, processEnv } from '../step-runner.js';

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

/** Where a run's artifacts are kept. */
interface ArtifactStore {
  list(): Promise<{ name: string; id: number }[]>;
  /** Stores files (absolute, under root); an error message when the name is taken and overwrite is false. */
  upload(name: string, root: string, files: string[], overwrite: boolean): Promise<{ id: number; digest: string } | { error: string }>;
  /** Downloads each artifact into its folder. */
  download(items: { name: string; id: number; into: string }[]): Promise<void>;
}

const CONFLICT =
  'Failed to CreateArtifact: Received non-retryable error: (409) Conflict: an artifact with this name already exists on the workflow run';

function folderStore(job: JobContext): ArtifactStore {
  const dir = job.run.artifactsDir;
  return {
    list: async () => listArtifacts(dir),
    upload: async (name, root, files, overwrite) => {
      const dest = path.join(dir, name);
      if (fs.existsSync(dest)) {
        if (!overwrite) return { error: CONFLICT };
        fs.rmSync(dest, { recursive: true, force: true });
      }
      const rels = files.map((f) => path.relative(root, f));
      copyFiles(root, dest, rels);
      const id = job.run.nextArtifactId++;
      fs.writeFileSync(path.join(dest, ID_FILE), String(id));
      const digest = createHash('sha256');
      for (const r of rels) digest.update(r).update(fs.readFileSync(path.join(dest, r)));
      return { id, digest: digest.digest('hex') };
    },
    download: async (items) => {
      for (const a of items) copyFiles(path.join(dir, a.name), a.into, artifactFiles(path.join(dir, a.name)));
    },
  };
}

const CLIENT_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifact-client.mjs');
let clientBundle: Promise<string> | undefined;

/**
 * artifact-client.mjs bundled once (esbuild) into node_modules/.cache: importing @actions/artifact file by file
 * costs seconds per process on a busy machine, the bundle a fraction of that.
 */
function bundledClient(): Promise<string> {
  clientBundle ??= (async () => {
    const source = fs.readFileSync(CLIENT_SOURCE);
    const key = createHash('sha256').update(source).digest('hex').slice(0, 12);
    const out = path.join(path.dirname(CLIENT_SOURCE), '../../../../node_modules/.cache/workflow-harness', `artifact-client-${key}.mjs`);
    if (fs.existsSync(out)) return out;
    const { build } = await import('esbuild');
    const tmp = `${out}.${process.pid}.tmp.mjs`;
    await build({
      entryPoints: [CLIENT_SOURCE],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    fs.renameSync(tmp, out);
    return out;
  })();
  return clientBundle;
}

function serviceStore(job: JobContext): ArtifactStore {
  const call = async (request: Record<string, unknown>): Promise<any> => {
    const client = await bundledClient();
    const env = processEnv(job, {}, { action: true });
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [client, JSON.stringify(request)],
        { env, cwd: job.workspace, maxBuffer: 16 << 20 },
        (err, stdout, stderr) => {
          const why = (stderr || err?.message || '').trim().split('\n').slice(-3).join(' ');
          if (err) reject(new Error(`${request.op} through the artifact service failed: ${why}`));
          else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
        },
      );
    });
  };
  return {
    list: () => call({ op: 'list' }),
    upload: (name, root, files, overwrite) => call({ op: 'upload', name, root, files, overwrite, conflict: CONFLICT }),
    download: (items) => call({ op: 'download', items }),
  };
}

const storeOf = (job: JobContext): ArtifactStore => (job.run.options.artifactService ? serviceStore(job) : folderStore(job));

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
  const stored = await storeOf(job).upload(name, root, files, call.with.overwrite === 'true');
  if ('error' in stored) return failedRun(stored.error);
  const id = stored.id;
  effects.log.push(`Uploaded ${files.length} file(s) as artifact '${name}' (id ${id}) from ${root}`);
  effects.outputs['artifact-id'] = String(id);
  effects.outputs['artifact-url'] =
    `${job.run.github.server_url}/${job.run.github.repository}/actions/runs/${job.run.runId}/artifacts/${id}`;
  effects.outputs['artifact-digest'] = stored.digest;
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
  const store = storeOf(job);
  const all = await store.list();
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
  const items = chosen.map((a) => ({ name: a.name, id: a.id, into: single || merge ? target : path.join(target, a.name) }));
  await store.download(items);
  for (const a of items) effects.log.push(`Downloaded artifact '${a.name}' to ${a.into}`);
  if (!chosen.length) effects.log.push('No artifacts to download');
  effects.outputs['download-path'] = target;
  return { outcome: 'success', effects, summary: '' };
}
