// A catalog that stores nothing and finds nothing: catalog settings of steps are accepted and ignored.
import path from 'node:path';
import type { HostPath } from '../host-paths.js';
import type { Catalog } from './catalog.js';

export class DoNothingCatalog implements Catalog {
  readonly type = 'do-nothing';
  readonly computeDataFolder: string;
  constructor(config: { compute_data_folder?: string } = {}) {
    this.computeDataFolder = path.resolve(config.compute_data_folder ?? '.');
  }
  hostPaths(): HostPath[] {
    return [{ key: 'compute_data_folder', path: this.computeDataFolder, kind: 'data-folder' }];
  }
  async get() {
    return [];
  }
  async put() {
    return [];
  }
  async putFile() {
    return undefined;
  }
  storedPath() {
    return undefined;
  }
}
