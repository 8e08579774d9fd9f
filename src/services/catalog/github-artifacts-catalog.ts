// The `github-artifacts` catalog: the file-system catalog as the job's working copy, shared with other jobs of
// the workflow run (a later job, a matrix sibling, a resumed run) through GitHub artifacts.
//
// After each step attempt, what it stored (its `put` files, pickled objects, its execution log) is uploaded as
// one artifact named `runnable+<run id>+catalog+<step>+<attempt>-<random>`: per run, step and branch (the step's
// internal name carries the map branch), and never reused, so parallel jobs and re-runs never collide on a name
// (GitHub refuses a name twice in a workflow run, actions/upload-artifact#478). Before a step reads the catalog
// (`get`, object parameters), the run's artifacts it has not seen are downloaded into the working copy, oldest
// first. runnable has no such catalog; its run-log layout of `data_catalog` entries is unchanged.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { StepError } from '../../errors.js';
import type { DataCatalog } from '../run-log/model.js';
import type { ArtifactTransport } from './artifact-transport.js';
import { FileSystemCatalog } from './file-system-catalog.js';

/** `+` cannot appear in a run id, so one run's prefix never matches another's. */
export const artifactPrefix = (runId: string, what: 'catalog' | 'run-log') => `runnable+${runId}+${what}+`;

/** A step's internal name as an artifact name part (GitHub refuses `" : < > | * ? \ /` and line breaks). */
export function artifactSafe(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe.length <= 120 ? safe : `${safe.slice(0, 100)}_${crypto.createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

export class GitHubArtifactsCatalog extends FileSystemCatalog {
  override readonly type = 'github-artifacts';
  /** Artifacts already in the working copy (downloaded, or uploaded from here), by name. */
  private readonly seen = new Set<string>();

  constructor(
    config: { catalog_location?: string; compute_data_folder?: string },
    private readonly transport: ArtifactTransport,
  ) {
    super(config);
  }

  /** Downloads the run's catalog artifacts that are not in the working copy yet. */
  async pull(runId: string): Promise<void> {
    const folder = path.join(this.catalogLocation, runId);
    try {
      for (const artifact of await this.transport.list(artifactPrefix(runId, 'catalog'))) {
        if (this.seen.has(artifact.name)) continue;
        await fs.promises.mkdir(folder, { recursive: true });
        await this.transport.download(artifact, folder);
        this.seen.add(artifact.name);
      }
    } catch (e) {
      throw new StepError(`catalog: the artifacts of run ${runId} could not be downloaded from GitHub: ${(e as Error).message}`);
    }
  }

  /** Uploads what a step attempt stored (paths relative to the run's catalog folder) as one artifact. */
  async push(runId: string, step: string, attempt: number, relPaths: string[]): Promise<void> {
    const folder = path.join(this.catalogLocation, runId);
    const files = [...new Set(relPaths)].map((rel) => path.join(folder, rel)).filter((file) => fs.existsSync(file));
    if (!files.length) return;
    const name = `${artifactPrefix(runId, 'catalog')}${artifactSafe(step)}+${attempt}-${crypto.randomBytes(4).toString('hex')}`;
    try {
      await this.transport.upload(name, files, folder);
      this.seen.add(name);
    } catch (e) {
      throw new StepError(`catalog: the files of step ${step} could not be uploaded to GitHub as ${name}: ${(e as Error).message}`);
    }
  }

  override async get(runId: string, pattern: string): Promise<DataCatalog[]> {
    await this.pull(runId);
    return super.get(runId, pattern);
  }
}
