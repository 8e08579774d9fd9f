// runnable's default catalog: `<catalog_location>/<run_id>/` on the local disk, relative paths kept.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StepError } from '../../errors.js';
import type { DataCatalog } from '../run-log/model.js';
import type { HostPath } from '../host-paths.js';
import type { Catalog } from './catalog.js';
import { fileHash } from './file-hash.js';
import { globFiles } from './glob.js';

export class FileSystemCatalog implements Catalog {
  readonly type: string = 'file-system';
  readonly computeDataFolder: string;
  readonly catalogLocation: string;

  constructor(config: { catalog_location?: string; compute_data_folder?: string } = {}) {
    this.catalogLocation = path.resolve(config.catalog_location ?? '.catalog');
    this.computeDataFolder = path.resolve(config.compute_data_folder ?? '.');
  }

  hostPaths(): HostPath[] {
    return [
      { key: 'catalog_location', path: this.catalogLocation, kind: 'folder' },
      { key: 'compute_data_folder', path: this.computeDataFolder, kind: 'data-folder' },
    ];
  }

  // Folders of the catalog made already: an execution log per step would otherwise cost a mkdir each.
  private readonly made = new Set<string>();
  private async ensureFolder(dir: string): Promise<void> {
    if (this.made.has(dir)) return;
    await fs.promises.mkdir(dir, { recursive: true });
    this.made.add(dir);
  }

  private runFolder(runId: string) {
    return path.join(this.catalogLocation, runId);
  }

  private entry(runId: string, rel: string, hash: string, stage: 'get' | 'put'): DataCatalog {
    // runnable records an empty catalog_handler_location (§3.1)
    return { name: rel, data_hash: hash, catalog_relative_path: `${runId}/${rel}`, catalog_handler_location: '', stage };
  }

  async get(runId: string, pattern: string): Promise<DataCatalog[]> {
    const from = this.runFolder(runId);
    const rels = globFiles(from, pattern, { skip: (r) => r.endsWith('.execution.log') });
    if (!rels.length) {
      throw new StepError(
        `catalog get: no file matching "${pattern}" in the catalog of run ${runId} (${from}). An earlier step must put it first.`,
      );
    }
    const out: DataCatalog[] = [];
    for (const rel of rels) {
      const dest = path.join(this.computeDataFolder, rel);
      // the data folder belongs to the tasks (they may delete it): never assume a folder there still exists
      await fs.promises.mkdir(path.dirname(dest), { recursive: true });
      await fs.promises.copyFile(path.join(from, rel), dest);
      out.push(this.entry(runId, rel, await fileHash(dest), 'get'));
    }
    return out;
  }

  async put(runId: string, pattern: string, opts: { allowMissing: boolean; storeCopy: boolean }): Promise<DataCatalog[]> {
    if (!fs.existsSync(this.computeDataFolder)) {
      throw new StepError(`catalog put: the data folder ${this.computeDataFolder} does not exist (runnable does not create it).`);
    }
    const rels = globFiles(this.computeDataFolder, pattern, {
      // never copy our own stores into the catalog: the default folders, and this catalog wherever it is
      skip: (r) => r.startsWith('.catalog/') || r.startsWith('.run_log_store/') || this.isOwnFolder(r),
    });
    if (!rels.length) {
      if (opts.allowMissing) return [];
      throw new StepError(`catalog put: no file matching "${pattern}" in ${this.computeDataFolder}. Did the step write it there?`);
    }
    const out: DataCatalog[] = [];
    for (const rel of rels) {
      const src = path.join(this.computeDataFolder, rel);
      if (opts.storeCopy) {
        const dest = path.join(this.runFolder(runId), rel);
        await this.ensureFolder(path.dirname(dest));
        await fs.promises.copyFile(src, dest);
      }
      out.push(this.entry(runId, rel, await fileHash(src), 'put'));
    }
    return out;
  }

  async putFile(runId: string, relPath: string, from: { file: string } | { content: string }): Promise<DataCatalog> {
    const dest = path.join(this.runFolder(runId), relPath);
    await this.ensureFolder(path.dirname(dest));
    if ('file' in from) {
      await fs.promises.copyFile(from.file, dest);
      return this.entry(runId, relPath, await fileHash(dest), 'put');
    }
    await fs.promises.writeFile(dest, from.content);
    return this.entry(runId, relPath, crypto.createHash('sha256').update(from.content).digest('hex'), 'put');
  }

  // the catalog's folder when it lies inside the data folder (`catalog_location: data/catalog`)
  private isOwnFolder(rel: string): boolean {
    const own = path.relative(this.computeDataFolder, this.catalogLocation).split(path.sep).join('/');
    return !!own && !own.startsWith('..') && !path.isAbsolute(own) && rel.startsWith(`${own}/`);
  }

  storedPath(runId: string, relPath: string): string | undefined {
    const p = path.join(this.runFolder(runId), relPath);
    return fs.existsSync(p) ? p : undefined;
  }
}
